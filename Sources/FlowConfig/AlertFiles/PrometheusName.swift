/// The name rules Prometheus and Alertmanager apply, so a rule or silence written for
/// flowtop would also be valid there (and its labels survive the trip to Alertmanager):
/// ASCII letters, digits and `_`, not starting with a digit; label names starting with
/// `__` are reserved for Prometheus' own use.
///
/// ```swift
/// PrometheusName.isValid("AICostHigh")   // true
/// PrometheusName.isValid("ai-cost")      // false
/// ```
enum PrometheusName {
    static let pattern = "[a-zA-Z_][a-zA-Z0-9_]*"

    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
        }
    }

    /// Why `name` cannot name a label, or nil when it can. `what` is `label` or
    /// `annotation`.
    static func labelNameProblem(_ name: String, what: String) -> String? {
        guard isValid(name) else {
            return "expected \(what) names of letters, digits and _, not starting with a digit (\(pattern)), "
                + "found `\(name)`"
        }
        guard !name.hasPrefix("__") else {
            return "\(what) names starting with __ are reserved for Prometheus' own use, found `\(name)`"
        }
        return nil
    }
}
