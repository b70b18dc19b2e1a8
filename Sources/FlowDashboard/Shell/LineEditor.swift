import TerminalUI

/// One line of typed text, edited the way a shell's line editor does at its end: printable
/// characters append, Backspace deletes one, Ctrl-U the whole line, Ctrl-W the word before
/// the cursor (and the spaces after it). The `/` filter prompt and the tenant picker type
/// into one; the silence prompt could adopt it too.
///
/// ```swift
/// var line = LineEditor("ai_request")
/// _ = line.apply(.char("\u{17}"))   // Ctrl-W: ""
/// _ = line.apply(.char("x"))        // "x"
/// ```
public struct LineEditor: Sendable, Hashable {
    /// Ctrl-U as raw mode reads it.
    static let killLine: Character = "\u{15}"
    /// Ctrl-W as raw mode reads it.
    static let killWord: Character = "\u{17}"

    public private(set) var text: String

    public init(_ text: String = "") { self.text = text }

    /// Applies an editing key; false for a key that does not edit (Enter, Esc, arrows),
    /// which the caller handles.
    public mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .backspace:
            if !text.isEmpty { text.removeLast() }
        case .char(Self.killLine):
            text = ""
        case .char(Self.killWord):
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { text.removeLast() }
        case .char(let character):
            guard !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                return false
            }
            text.append(character)
        default:
            return false
        }
        return true
    }
}
