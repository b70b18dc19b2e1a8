@testable import FlowWire
import Testing

/// `Field.match` compares keys as words against constants: each constant is its field's
/// wire name, and nothing else matches.
@Suite struct FieldTests {
    func match(_ key: String) -> Field? {
        var copy = key
        return copy.withUTF8 { Field.match(UnsafeRawBufferPointer($0)) }
    }

    @Test(arguments: Field.allCases)
    func everyWireNameMatchesItsField(field: Field) {
        #expect(match(field.name) == field)
    }

    @Test(arguments: Field.allCases)
    func aNameOneByteLongerShorterOrDifferentDoesNot(field: Field) {
        let name = field.name
        #expect(match(name + "\u{0}") == nil)
        #expect(match(name + "s") == nil)
        #expect(match(String(name.dropLast())) == nil)
        #expect(match(name.uppercased()) == nil)
        #expect(match(String(name.dropFirst()) + "x") == nil)
    }

    /// In a line, the key's words are loaded from the line itself and the bytes after it
    /// masked off: whatever follows, and however near the end, the answer is the same.
    @Test(arguments: Field.allCases)
    func aKeyInsideALineMatchesWhateverFollowsIt(field: Field) {
        let name = Array(field.name.utf8)
        for tail in ["", "\"", "s\":1}", "_seconds_and_more_bytes\":true}"] {
            var line = name + Array(tail.utf8)
            line.withUnsafeMutableBytes { bytes in
                let key = UnsafeRawBufferPointer(rebasing: bytes[0..<name.count])
                #expect(Field.match(key, readable: bytes.count) == field, "followed by \(tail)")
                let shorter = UnsafeRawBufferPointer(rebasing: bytes[0..<(name.count - 1)])
                #expect(Field.match(shorter, readable: bytes.count) == nil, "cut short, followed by \(tail)")
            }
        }
    }

    @Test func wordsReadFromTheLineEqualWordsCopied() {
        let line = Array("0123456789abcdefghijklmnopqrstuvwxyz!".utf8)
        line.withUnsafeBytes { bytes in
            for start in 0..<bytes.count {
                for count in 0...min(32, bytes.count - start) {
                    let token = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)])
                    for word in 0..<4 {
                        let copied = TokenWords.word(word, of: token, readable: count)
                        #expect(TokenWords.word(word, of: token, readable: bytes.count - start) == copied)
                        var expected: UInt64 = 0
                        for i in 0..<8 where word * 8 + i < count {
                            expected |= UInt64(token[word * 8 + i]) << (8 * UInt64(i))
                        }
                        #expect(copied == expected, "start \(start), count \(count), word \(word)")
                    }
                }
            }
        }
    }

    @Test func longAndEmptyKeysMatchNothing() {
        #expect(match("") == nil)
        #expect(match("duration_seconds_") == nil)
        #expect(match(String(repeating: "a", count: 100)) == nil)
    }
}
