/// One silence matcher, ready to test labels, with Alertmanager's semantics: a missing
/// label reads as the empty string; `=` and `!=` compare bytes; `=~` and `!~` must match
/// the whole value (Alertmanager compiles `^(?:pattern)$`), so `=~"pag"` does not match
/// `page`. Regexes are compiled once, when the silence is added, not at every match.
///
/// ```swift
/// let m = try CompiledMatcher(LabelMatcher("severity", .regex, "page|ticket"))
/// m.matches(AlertLabels(["severity": "page"]))     // true
/// m.matches(AlertLabels([:]))                       // false: "" is neither
/// ```
struct CompiledMatcher: Sendable, Hashable {
    let matcher: LabelMatcher
    private let pattern: CompiledPattern?

    /// Throws the regex compiler's error for `=~` and `!~` with a pattern Swift rejects.
    init(_ matcher: LabelMatcher) throws {
        self.matcher = matcher
        switch matcher.op {
        case .equal, .notEqual: pattern = nil
        case .regex, .notRegex: pattern = try CompiledPattern(matcher.value)
        }
    }

    func matches(_ labels: AlertLabels) -> Bool {
        matches(value: labels[matcher.name] ?? "")
    }

    func matches(value: String) -> Bool {
        switch matcher.op {
        case .equal: value.utf8.elementsEqual(matcher.value.utf8)
        case .notEqual: !value.utf8.elementsEqual(matcher.value.utf8)
        case .regex: pattern?.wholeMatches(value) ?? false
        case .notRegex: !(pattern?.wholeMatches(value) ?? false)
        }
    }

    /// Alertmanager's `matchesEmpty`: only positive matchers count (`=""`, or `=~` whose
    /// pattern matches ""). A silence whose matchers all do would mute every alert
    /// lacking those labels, so it is refused; negative matchers never count.
    var matchesEmpty: Bool {
        switch matcher.op {
        case .equal, .regex: matches(value: "")
        case .notEqual, .notRegex: false
        }
    }
}

/// A compiled regex and its source. `Regex` is not `Sendable` (Swift 6.3), so this box
/// vouches for it: the value is immutable once built (`let`), and the standard library
/// lowers its program lazily with an atomic compare-and-exchange, so sharing a compiled
/// `Regex` between threads is safe. The alternative, recompiling per match, costs a
/// parse for every alert and silence at every frame.
struct CompiledPattern: @unchecked Sendable, Hashable {
    let source: String
    private let regex: Regex<AnyRegexOutput>

    /// Scalar semantics, as Go's RE2 matches runes (Swift's default is graphemes).
    init(_ source: String) throws {
        self.source = source
        regex = try Regex(source).matchingSemantics(.unicodeScalar)
    }

    func wholeMatches(_ value: String) -> Bool { value.wholeMatch(of: regex) != nil }

    static func == (a: CompiledPattern, b: CompiledPattern) -> Bool { a.source == b.source }
    func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// Checkpoints (FlowStore) keep the matcher as written and compile it again when read:
/// a compiled `Regex` has no coded form, and the source is what it was compiled from.
extension CompiledMatcher: Codable {
    func encode(to encoder: any Encoder) throws {
        try matcher.encode(to: encoder)
    }

    init(from decoder: any Decoder) throws {
        let matcher = try LabelMatcher(from: decoder)
        do {
            try self.init(matcher)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "matcher \(matcher.value) does not compile: \(error)"))
        }
    }
}
