import FlowCore
import FlowFormats

/// One entry of a silences file's `silences`, read into a `Silence` (id empty: the
/// silence book gives each its id).
///
/// ```yaml
/// - matchers: ['slo="ai_request_success"', 'severity=~"page|ticket"']
///   starts_at: 2026-11-25T10:00:00Z     # optional; default: when the file is loaded
///   ends_at: 2026-11-25T12:00:00Z       # or duration: 2h (exactly one of the two)
///   created_by: alice
///   comment: deploy window
/// ```
enum SilenceField {
    static let keys = ["matchers", "starts_at", "ends_at", "duration", "created_by", "comment"]

    static func parse(_ node: FieldNode, now: EpochMillis) throws(SLOFileError) -> Silence {
        let fields = try node.mapping()
        try fields.rejectUnknownKeys(allowed: keys)
        let matchers = try self.matchers(fields)
        let givenStart = try fields.optional("starts_at")?.parsed(RFC3339Time.millis)
        var start = givenStart ?? now
        let end: EpochMillis
        switch (fields.optional("ends_at"), fields.optional("duration")) {
        case (let field?, nil):
            end = try field.parsed(RFC3339Time.millis)
            if givenStart == nil, end <= now {
                start = end  // over before the file was loaded: kept as the file says, and ended
            } else if end <= start {
                throw field.error("the silence must end after it starts: expected a time later than starts_at")
            }
        case (nil, let field?):
            let millis = try field.parsed(PrometheusDuration.millis)
            guard millis > 0 else { throw field.error("expected a duration above 0, e.g. 2h, found \(field.found)") }
            end = start + millis
        case (.some, let field?):
            throw field.error("give either ends_at or duration, not both")
        case (nil, nil):
            throw fields.missing("ends_at", expecting: "when the silence ends (RFC 3339, e.g. \(RFC3339Time.example)), "
                                 + "or instead duration: how long it lasts (e.g. 2h)")
        }
        return Silence(id: "", matchers: matchers, start: start, end: end,
                       author: try text(fields, "created_by", expecting: "who created the silence, e.g. alice"),
                       comment: try text(fields, "comment", expecting: "why the alerts are silenced, e.g. deploy window"))
    }

    /// At least one matcher, and not all of them satisfied by a missing label: such a
    /// silence would mute every alert (Alertmanager refuses it for the same reason).
    private static func matchers(_ fields: FieldMapping) throws(SLOFileError) -> [LabelMatcher] {
        let field = try fields.required("matchers", expecting: "a list of label matchers, e.g. ['slo=\"ai_request_success\"']")
        let entries = try field.list()
        guard !entries.isEmpty else {
            throw field.error("expected at least one matcher, e.g. 'alertname=\"AICostHigh\"'; a silence "
                              + "without matchers would mute every alert")
        }
        var matchers: [LabelMatcher] = []
        for entry in entries {
            matchers.append(try entry.parsed(LabelMatcher.parse))
        }
        guard !matchers.allSatisfy(matchesMissingLabel) else {
            throw field.error("every matcher also matches alerts without the label, so this silence would mute "
                              + "every alert; add one that needs a value, e.g. 'alertname=\"AICostHigh\"' or 'slo=~\".+\"'")
        }
        return matchers
    }

    /// Whether a positive matcher (`=`, `=~`) accepts the empty value, as a missing label
    /// reads; negative matchers never count (Alertmanager's `matchesEmpty`).
    private static func matchesMissingLabel(_ matcher: LabelMatcher) -> Bool {
        switch matcher.op {
        case .equal: matcher.value.isEmpty
        case .regex: (try? Regex(matcher.value)).map { "".wholeMatch(of: $0) != nil } ?? false
        case .notEqual, .notRegex: false
        }
    }

    /// Required text with something in it besides spaces.
    private static func text(_ fields: FieldMapping, _ key: String, expecting expected: String) throws(SLOFileError) -> String {
        let field = try fields.required(key, expecting: expected)
        let text = try field.string()
        guard text.contains(where: { !$0.isWhitespace }) else { throw fields.missing(key, expecting: expected) }
        return text
    }
}
