import FlowViewer
import Foundation
import Testing

/// `JSONTree` from and to text: exact 64-bit integers, numbers normalized by value,
/// strings escaped once and read back, keys sorted, strict about what is not JSON.
@Suite struct JSONTreeTests {
    func parse(_ text: String) throws -> JSONTree { try JSONTree.parse(Array(text.utf8)) }

    @Test func sixtyFourBitIntegersStayExact() throws {
        let tree = try parse("[9223372036854775807, -9223372036854775808, 18446744073709551615, 9007199254740993]")
        #expect(tree == .array([.int(.max), .int(.min), .uint(.max), .int(9_007_199_254_740_993)]))
        #expect(tree.jsonText() == "[9223372036854775807,-9223372036854775808,18446744073709551615,9007199254740993]")
    }

    /// As `JSONDecoder` decides: an integral value is an integer whatever its spelling.
    @Test func numbersAreIntegersWhenTheirValueIsOne() throws {
        #expect(try parse("[2.0, 2e0, 1.5e3, 100e-2, -0.0, 0.5, 1e-7, 2.5e20, 18446744073709551616]") == .array([
            .int(2), .int(2), .int(1_500), .int(1), .int(0), .double(0.5), .double(1e-7), .double(2.5e20),
            .double(18_446_744_073_709_551_616),
        ]))
    }

    @Test func stringsKeepEveryCharacter() throws {
        let text = "quote \" backslash \\ slash / newline \n tab \t nul \u{0} line \u{2028} é 😀"
        let tree = JSONTree.array([.string(text)])
        #expect(try JSONTree.parse(tree.jsonData()) == tree)
        #expect(try parse(#"["\u00e9\ud83d\ude00\/"]"#) == .array([.string("é😀/")]))
    }

    @Test func keysAreWrittenSortedAndCompact() {
        let tree = JSONTree.object(["b": .array([.int(1), .null, .bool(true)]), "a": .double(0.25), "A/~": .object([:])])
        #expect(tree.jsonText() == #"{"A/~":{},"a":0.25,"b":[1,null,true]}"#)
    }

    @Test func aParsedTreeWritesAndParsesBackToItself() throws {
        let text = #" { "s": "x", "n": [1, -2.5, 1e300, 18446744073709551615], "o": {"": null, "f": false} } "#
        let tree = try parse(text)
        #expect(try JSONTree.parse(tree.jsonData()) == tree)
    }

    /// Its `Codable` conformance reads the same kinds, through any decoder.
    @Test func codableAgreesWithParse() throws {
        let text = #"{"a":[1,2.5,18446744073709551615,"s",null,true],"b":{"c":2.0}}"#
        let decoded = try JSONDecoder().decode(JSONTree.self, from: Data(text.utf8))
        #expect(decoded == (try parse(text)))
    }

    @Test(arguments: [
        "", "[1,]", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "[+1]", "nul", "[1] x", "{a:1}",
        "[\"\u{01}\"]", "[\"\\x\"]", "[\"\\ud800\"]", "[1e400]", "\"open",
    ])
    func whatIsNotJSONIsRefused(_ text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: JSONParseError.self) { try JSONTree.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect((try? parse(fine)) != nil)
    }
}
