import FlowCore

/// A rule's `expr`: one of the engine's metrics, a comparison and a number, such as
/// `ai_cost_per_hour > 50`. Not PromQL: there are no functions, selectors or arithmetic,
/// because flowtop evaluates rules over its own few metrics, not over a time-series store.
///
/// ```swift
/// try RuleExpression.parse("rejected_ratio>=0.05")   // (.rejectedRatio, .atLeast, 0.05)
/// try RuleExpression.parse("ai_cost_per_hr > 50")     // throws: unknown metric ...; did you mean ...?
/// ```
enum RuleExpression {
    static let shape = "`<metric> <op> <number>` such as `ai_cost_per_hour > 50`"

    static func parse(_ text: String) throws(AlertSyntaxError) -> (RuleMetric, RuleComparison, Double) {
        var rest = Substring(text).drop(while: \.isWhitespace)
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
        rest = rest.dropFirst(name.count)
        guard let metric = RuleMetric(rawValue: String(name)) else {
            throw unknownMetric(String(name), followedBy: rest, in: text)
        }
        rest = rest.drop(while: \.isWhitespace)
        let comparison = RuleComparison.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
            .first { rest.hasPrefix($0.rawValue) }
        guard let comparison else {
            let found = rest.prefix { !$0.isWhitespace && !$0.isNumber }
            throw AlertSyntaxError("expected a comparison >, >=, < or <= after `\(name)`, "
                                   + (found.isEmpty ? "found nothing" : "found `\(found)`") + " (in `\(text)`)")
        }
        let number = rest.dropFirst(comparison.rawValue.count).trimmingWhitespace()
        guard let threshold = decimal(number) else {
            throw AlertSyntaxError("expected a number after `\(comparison.rawValue)`, e.g. 50, 0.05 or 1e3, "
                                   + (number.isEmpty ? "found nothing" : "found `\(number)`") + " (in `\(text)`)")
        }
        return (metric, comparison, threshold)
    }

    private static func unknownMetric(_ name: String, followedBy rest: Substring, in text: String) -> AlertSyntaxError {
        let metrics = RuleMetric.allCases.map(\.rawValue)
        if name.isEmpty || name.first?.isNumber == true {
            return AlertSyntaxError("expected \(shape), with the metric first; found `\(text)`")
        }
        let next = rest.drop(while: \.isWhitespace).first
        if next == "(" || next == "{" || next == "[" {
            return AlertSyntaxError("flowtop rules are not PromQL: expected \(shape) over one of flowtop's metrics "
                                    + "(\(metrics.joined(separator: ", "))), found `\(text)`")
        }
        let hint = KeySpelling.closest(to: name, among: metrics).map { "did you mean `\($0)`? " } ?? ""
        return AlertSyntaxError("unknown metric `\(name)`; \(hint)expected one of: \(metrics.joined(separator: ", "))")
    }

    /// A finite decimal number as a person writes one (`50`, `-2`, `0.05`, `.5`, `1e3`);
    /// nil for anything else, including Swift's `inf`, `nan` and hexadecimal forms.
    static func decimal(_ text: Substring) -> Double? {
        var rest = text.drop { $0 == "+" || $0 == "-" }
        guard text.count - rest.count <= 1 else { return nil }
        let whole = rest.prefix(while: isDigit)
        rest = rest.dropFirst(whole.count)
        var fraction: Substring = ""
        if rest.first == "." {
            fraction = rest.dropFirst().prefix(while: isDigit)
            rest = rest.dropFirst(1 + fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            let exponent = rest.prefix(while: isDigit)
            guard !exponent.isEmpty else { return nil }
            rest = rest.dropFirst(exponent.count)
        }
        guard rest.isEmpty, let value = Double(String(text)), value.isFinite else { return nil }
        return value
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
}

extension Substring {
    /// Without leading and trailing whitespace.
    func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return self[first...last]
    }
}
