/// A label value as Prometheus writes it between double quotes, in the text exposition
/// format and in a PromQL string literal alike: `\` as `\\`, `"` as `\"`, a newline as `\n`.
/// One function for `/metrics` (FlowHTTP) and the fleet's queries (FlowFleet), so what the
/// one writes the other selects.
///
/// ```swift
/// PrometheusLabelValue.escaped(#"ac"me"#)   // ac\"me
/// ```
public enum PrometheusLabelValue {
    public static func escaped(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == 10 }) else {
            return s
        }
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// `escaped(s)` between double quotes: a PromQL string literal.
    public static func quoted(_ s: String) -> String { "\"" + escaped(s) + "\"" }
}
