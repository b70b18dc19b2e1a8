/// An RFC 6901 JSON Pointer: the path of one value in a document, as the reference
/// tokens from the root (`/alerts/0/labels`). In the text form `~` is written `~0` and
/// `/` is written `~1`, so any key can be named; the empty pointer is the whole document.
///
/// ```swift
/// JSONPointer(tokens: ["slos", "0", "a/b~c"]).description   // "/slos/0/a~1b~0c"
/// try JSONPointer(parsing: "/slos/0/a~1b~0c").tokens       // ["slos", "0", "a/b~c"]
/// ```
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// Object keys or array indices, unescaped, from the root down.
    public var tokens: [String]

    public init(tokens: [String] = []) {
        self.tokens = tokens
    }

    /// The pointer written in `text`: empty, or `/` before each token. Throws for text
    /// that does not start with `/` and for a `~` not followed by `0` or `1`.
    public init(parsing text: String) throws(JSONPointerError) {
        guard !text.isEmpty else {
            tokens = []
            return
        }
        guard text.utf8.first == UInt8(ascii: "/") else { throw JSONPointerError(pointer: text, reason: "does not start with '/'") }
        var tokens: [String] = []
        for escaped in text.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            var token = ""
            var tilde = false
            for scalar in String(decoding: escaped, as: UTF8.self).unicodeScalars {
                if tilde {
                    switch scalar {
                    case "0": token += "~"
                    case "1": token += "/"
                    default: throw JSONPointerError(pointer: text, reason: "'~' must be followed by 0 or 1")
                    }
                    tilde = false
                } else if scalar == "~" {
                    tilde = true
                } else {
                    token.unicodeScalars.append(scalar)
                }
            }
            guard !tilde else { throw JSONPointerError(pointer: text, reason: "'~' must be followed by 0 or 1") }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// The text form: `""` for the whole document, else `/token/token...`, escaped.
    public var description: String {
        var text = ""
        for token in tokens { Self.append(token, to: &text) }
        return text
    }

    /// This pointer one level down.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// Appends `/` and `token` escaped (`~` as `~0`, `/` as `~1`) to a pointer's text.
    static func append(_ token: String, to text: inout String) {
        text += "/"
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            text += token
            return
        }
        for scalar in token.unicodeScalars {
            switch scalar {
            case "~": text += "~0"
            case "/": text += "~1"
            default: text.unicodeScalars.append(scalar)
            }
        }
    }
}

/// A pointer's text that RFC 6901 does not allow.
public struct JSONPointerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var pointer: String
    public var reason: String

    public var description: String { "bad JSON pointer \"\(pointer)\": \(reason)" }
}
