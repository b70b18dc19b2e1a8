/// The one JSON string escaper of the project: every JSON document flowtop writes (reports,
/// API answers, notifier payloads, sync acks) puts its strings and keys through it.
///
/// Appends `text` as a JSON string literal: quotes, backslashes and control characters
/// escaped (RFC 8259, section 7), `\b \f \n \r \t` by name and the others as `\u00XX`
/// with lowercase hex; everything else passes through as UTF-8, `/` included.
/// With `escapingLineSeparators` (the default), U+007F, U+2028 and U+2029 are escaped
/// too, so the text is safe to paste into JavaScript; without it they pass through, as
/// Foundation's JSON serializer wrote them (the API's own small documents keep
/// those bytes).
///
/// ```swift
/// var out = ""
/// appendJSONString("a\"b\n\u{2028}", to: &out)   // "a\"b\n\u2028" with its quotes
/// ```
public func appendJSONString(_ text: String, to out: inout String, escapingLineSeparators: Bool = true) {
    out += "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\u{00}"..."\u{1F}":
            appendUnicodeEscape(scalar, to: &out)
        case "\u{7F}", "\u{2028}", "\u{2029}":
            if escapingLineSeparators {
                appendUnicodeEscape(scalar, to: &out)
            } else {
                out.unicodeScalars.append(scalar)
            }
        default:
            out.unicodeScalars.append(scalar)
        }
    }
    out += "\""
}

/// `\u` and four lowercase hex digits.
private func appendUnicodeEscape(_ scalar: Unicode.Scalar, to out: inout String) {
    let hex = String(scalar.value, radix: 16)
    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
}
