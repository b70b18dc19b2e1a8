import Testing
import TerminalUI

@Suite("Key decoding")
struct KeyDecoderTests {
    @Test(arguments: [
        (Int32(3), Key.interrupt), (9, .tab), (10, .enter), (13, .enter), (27, .escape), (127, .backspace),
        (8, .backspace), (97, .char("a")), (63, .char("?")), (47, .char("/")), (0xE9, .char("é")),
        (0x65E5, .char("日")),
    ])
    func characters(code: Int32, key: Key) {
        #expect(KeyDecoder.decode(code: code, isFunctionKey: false) == key)
    }

    @Test(arguments: [
        (Int32(0o403), Key.up), (0o402, .down), (0o404, .left), (0o405, .right), (0o523, .pageUp),
        (0o522, .pageDown), (0o406, .home), (0o550, .end), (0o407, .backspace), (0o527, .enter),
        (0o541, .backTab), (0o632, .resize), (0o411, .function(1)), (0o424, .function(12)),
    ])
    func ncursesFunctionKeys(code: Int32, key: Key) {
        #expect(KeyDecoder.decode(code: code, isFunctionKey: true) == key)
    }

    @Test func theSameNumberMeansACharacterUnlessFlaggedAsAFunctionKey() {
        #expect(KeyDecoder.decode(code: 0o403, isFunctionKey: false) == .char("ă"))
        #expect(KeyDecoder.decode(code: 0o403, isFunctionKey: true) == .up)
    }

    @Test func unusedFunctionKeysDecodeToNothing() {
        #expect(KeyDecoder.decode(code: 0o513, isFunctionKey: true) == nil)  // KEY_IC, Insert
        #expect(KeyDecoder.decode(code: 0o410, isFunctionKey: true) == nil)  // KEY_F(0)
        #expect(KeyDecoder.decode(code: 0o631, isFunctionKey: true) == nil)  // KEY_MOUSE
    }

    @Test func invalidScalarsDecodeToNothing() {
        #expect(KeyDecoder.decode(code: 0xD800, isFunctionKey: false) == nil)
        #expect(KeyDecoder.decode(code: -1, isFunctionKey: false) == nil)
    }

    @Test func codesComeFromTheCaller() {
        var codes = FunctionKeyCodes.ncurses
        codes.up = 1000
        #expect(KeyDecoder.decode(code: 1000, isFunctionKey: true, codes: codes) == .up)
        #expect(KeyDecoder.decode(code: 0o403, isFunctionKey: true, codes: codes) == nil)
    }
}
