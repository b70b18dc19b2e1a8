import Testing
import TerminalUI

/// Text from outside, put in a message, cannot drive the terminal.
@Suite("Escaping control characters")
struct ControlCharacterEscapingTests {
    @Test func c0DelAndC1BecomeVisibleHexEscapes() {
        #expect("a\u{1B}[31mb".escapingControlCharacters == "a\\x1b[31mb")
        #expect("\u{00}\u{07}\u{08}\t\n\r".escapingControlCharacters == "\\x00\\x07\\x08\\x09\\x0a\\x0d")
        #expect("x\u{7F}\u{80}\u{9B}\u{9F}y".escapingControlCharacters == "x\\x7f\\x80\\x9b\\x9fy")
    }

    @Test func everythingElseIsKept() {
        let text = "tenant acme · café 東京 🚀 \u{A0}nbsp \\x1b stays"
        #expect(text.escapingControlCharacters == text)
    }
}
