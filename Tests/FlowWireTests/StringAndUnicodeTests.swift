import FlowCore
import FlowWire
import Testing

/// String escapes and UTF-8: what JSON allows is decoded, what it forbids is invalid_json.
@Suite struct StringAndUnicodeTests {
    func channel(_ jsonString: String) -> String? {
        if case .messageSent(let channel, _) = body(#"{"type":"message_sent","channel":\#(jsonString)}"#) {
            return channel
        }
        return nil
    }

    @Test func simpleEscapesDecode() {
        #expect(channel(#""a\"b\\c\/d\be\ff\ng\rh\ti""#) == "a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti")
    }

    @Test func unicodeEscapesDecode() {
        #expect(channel(#""\u0041\u00e9\u20AC\u0000""#) == "Aé€\u{0}")
    }

    @Test func surrogatePairEscapeDecodesToOneScalar() {
        #expect(channel(#""\ud83d\ude00!""#) == "😀!")
        #expect(channel(#""\uD834\uDD1E""#) == "𝄞")
    }

    @Test func rawUTF8IsKept() {
        #expect(channel(#""whatsapp 💬 ñ 中文""#) == "whatsapp 💬 ñ 中文")
    }

    @Test func escapedKeysMatchFields() {
        #expect(body(#"{"\u0074ype":"message_sent","chan\u006eel":"x"}"#) == .messageSent(channel: "x", messageType: "outbound"))
    }

    @Test func escapedValuesMatchNames() {
        #expect(body(#"{"type":"lead_st\u0061ge","lead_id":"L","stage":"w\u006fn"}"#)
            == .leadStage(leadID: "L", stage: .won, revenue: 0))
        #expect(event(#"{"type":"sync","ts":"2026-11-24T10:15:02\u005a"}"#)?.body == .sync)
        #expect(event(#"{"type":"message_sent","channel":"c","ts":"2026-11-24T10:15:02\u005a"}"#)?.time == now)
    }

    @Test(arguments: [
        #""\ud83d""#, #""\ude00""#, #""\ud83dx""#, #""\ud83d\u0041""#, #""\ude00\ud83d""#,
        #""\u12""#, #""\u12G4""#, #""\x""#, #""\'""#, #""\""#, #""abc"#, #""\U0041""#,
    ])
    func badEscapesAreInvalidJSON(jsonString: String) {
        #expect(reason(#"{"type":"message_sent","channel":\#(jsonString)}"#) == .invalidJSON)
    }

    @Test(arguments: [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC3], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xE2, 0x82], [0xF0, 0x8F, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0xF0, 0x9F, 0x98],
        [0xE2, 0x28, 0xA1], [0xC3, 0x28],
    ] as [[UInt8]])
    func illFormedUTF8IsInvalidJSON(sequence: [UInt8]) {
        let line = Array(#"{"type":"message_sent","channel":""#.utf8) + sequence + Array(#""}"#.utf8)
        #expect(parse(bytes: line) == .rejected(Rejection(.invalidJSON, "invalid UTF-8 at byte 34")))
    }

    @Test func illFormedUTF8InAnIgnoredFieldIsStillInvalidJSON() {
        let line = Array(#"{"type":"sync","x":{"y":["#.utf8) + [0x22, 0xC0, 0xAF, 0x22] + Array("]}}".utf8)
        #expect(parse(bytes: line) == .rejected(Rejection(.invalidJSON, "invalid UTF-8 at byte 26")))
    }

    @Test func nonASCIIOutsideStringsIsInvalidJSON() {
        #expect(reason("{\"type\":\"sync\"}\u{A0}") == .invalidJSON)
        #expect(reason("{\u{3000}\"type\":\"sync\"}") == .invalidJSON)
    }

    @Test func boundaryScalarsAreWellFormed() {
        let line = Array(#"{"type":"message_sent","channel":""#.utf8)
            + [0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80, 0xF0, 0x90, 0x80, 0x80,
               0xF4, 0x8F, 0xBF, 0xBF, 0x7F]
            + Array(#""}"#.utf8)
        #expect(parse(bytes: line) == .event(Event(time: now, body: .messageSent(
            channel: "\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{10000}\u{10FFFF}\u{7F}", messageType: "outbound"))))
    }

    @Test func rawControlCharactersInStringsAreInvalidJSON() {
        for byte in UInt8(0)..<0x20 {
            let line = Array(#"{"type":"message_sent","channel":"a"#.utf8) + [byte] + Array(#""}"#.utf8)
            #expect(parse(bytes: line) == .rejected(Rejection(.invalidJSON, "control character in string at byte 35")))
        }
    }

    @Test func nestingUpToTheLimitIsAccepted() {
        let depth = 63  // plus the event object itself: 64
        let line = #"{"type":"sync","x":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(body(line) == .sync)
    }

    @Test func nestingPastTheLimitIsInvalidJSON() {
        let line = #"{"type":"sync","x":"# + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "}"
        #expect(rejection(line)?.detail.hasPrefix("nesting too deep") == true)
        let objects = #"{"type":"sync","x":"# + String(repeating: #"{"a":"#, count: 64) + "1" + String(repeating: "}", count: 65)
        #expect(reason(objects) == .invalidJSON)
    }

    @Test func hugeNestingDoesNotOverflowTheStack() {
        let line = String(repeating: "[", count: 200_000)
        #expect(reason(#"{"type":"sync","x":"# + line) == .invalidJSON)
        #expect(reason(String(repeating: #"{"a":"#, count: 100_000)) == .invalidJSON)
    }
}
