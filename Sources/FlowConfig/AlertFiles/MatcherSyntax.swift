import FlowCore

/// Label matchers as Alertmanager and amtool write them: `name="value"`, `name!="value"`,
/// `name=~"regex"`, `name!~"regex"`. Silences files use it, and so can a prompt where
/// someone types a matcher.
///
/// ```swift
/// try LabelMatcher.parse(#"slo="ai_request_success""#)   // slo = ai_request_success
/// try LabelMatcher.parse("severity =~ page|ticket")       // quotes optional for plain values
/// try LabelMatcher.parse(#"team=~"(rev"#)                 // throws: the regex does not compile
/// ```
///
/// Inside quotes, `\"` is a quote, `\\` a backslash and `\n` a newline; any other
/// backslash stays as written, so `=~"\d+"` is the regex `\d+` (Alertmanager reads it so).
/// Regexes must match the whole value, as in Alertmanager; they are checked to compile
/// here, so a silence never fails later on a pattern.
extension LabelMatcher {
    /// Characters that need the value quoted.
    static let needsQuotes: Set<Character> = ["\"", "'", "\\", ",", "{", "}"]

    public static func parse(_ text: String) throws(AlertSyntaxError) -> LabelMatcher {
        var rest = Substring(text).trimmingWhitespace()
        guard rest.first != "{" else {
            throw AlertSyntaxError("expected one matcher without braces, such as `slo=\"ai_request_success\"` "
                                   + "(give several as several entries), found `\(text)`")
        }
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard !name.isEmpty else {
            throw AlertSyntaxError("expected a label name first, as in `severity=\"page\"`, found `\(text)`")
        }
        guard PrometheusName.isValid(String(name)) else {
            throw AlertSyntaxError("expected a label name of letters, digits and _, not starting with a digit, "
                                   + "found `\(name)` in `\(text)`")
        }
        rest = rest.dropFirst(name.count).drop(while: \.isWhitespace)
        let op = [MatchOperator.regex, .notRegex, .notEqual, .equal].first { rest.hasPrefix($0.rawValue) }
        guard let op, !rest.hasPrefix("==") else {
            let found = rest.prefix { !$0.isLetter && !$0.isNumber && $0 != "\"" && !$0.isWhitespace }
            throw AlertSyntaxError("expected =, !=, =~ or !~ after `\(name)`, "
                                   + (found.isEmpty ? "found nothing" : "found `\(found)`") + " (in `\(text)`)")
        }
        let value = try self.value(rest.dropFirst(op.rawValue.count).trimmingWhitespace(), in: text)
        if op == .regex || op == .notRegex {
            do {
                _ = try Regex(value)
            } catch {
                throw AlertSyntaxError("the regex `\(value)` does not compile: \(error) (in `\(text)`)")
            }
        }
        return LabelMatcher(String(name), op, value)
    }

    /// How `parse` reads this matcher back: `severity=~"page|ticket"`.
    public var syntax: String {
        var quoted = ""
        for character in value {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            default: quoted.append(character)
            }
        }
        return "\(name)\(op.rawValue)\"\(quoted)\""
    }

    /// The value after the operator: quoted (with escapes) or plain.
    private static func value(_ written: Substring, in text: String) throws(AlertSyntaxError) -> String {
        guard written.first == "\"" else {
            guard !written.contains(where: { $0.isWhitespace || needsQuotes.contains($0) }) else {
                throw AlertSyntaxError("expected the value in double quotes, since it has spaces or one of "
                                       + "\" ' \\ , { }: found `\(written)` (in `\(text)`)")
            }
            return String(written)
        }
        var value = ""
        var escaped = false
        var index = written.index(after: written.startIndex)
        while index < written.endIndex {
            let character = written[index]
            index = written.index(after: index)
            if escaped {
                switch character {
                case "n": value.append("\n")
                case "\"", "\\": value.append(character)
                default: value += "\\\(character)"
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                let after = written[index...]
                guard after.isEmpty else {
                    throw AlertSyntaxError("expected the matcher to end at the value's closing quote, found `\(after)` "
                                           + "after it (in `\(text)`)")
                }
                return value
            } else {
                value.append(character)
            }
        }
        throw AlertSyntaxError("the value's closing quote is missing (in `\(text)`)")
    }
}
