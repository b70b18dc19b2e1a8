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

    @Test func longAndEmptyKeysMatchNothing() {
        #expect(match("") == nil)
        #expect(match("duration_seconds_") == nil)
        #expect(match(String(repeating: "a", count: 100)) == nil)
    }
}
