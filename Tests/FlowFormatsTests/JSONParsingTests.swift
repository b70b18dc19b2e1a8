import FlowFormats
import Foundation
import Testing

/// `JSONValue.parse`: exact 64-bit integers, numbers normalized by value, strings escaped
/// once and read back, members in the order of the text, strict about what is not JSON,
/// and errors that say at which byte.
@Suite struct JSONParsingTests {
    func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    @Test func sixtyFourBitIntegersStayExact() throws {
        let tree = try parse("[9223372036854775807, -9223372036854775808, 18446744073709551615, 9007199254740993]")
        #expect(tree == .array([.int(.max), .int(.min), .uint(.max), .int(9_007_199_254_740_993)]))
        #expect(tree.rendered(.compact) == "[9223372036854775807,-9223372036854775808,18446744073709551615,9007199254740993]")
        guard case .array(let items) = tree, case .uint = items[2], case .int = items[3] else {
            Issue.record("not the cases expected: \(tree)")
            return
        }
    }

    /// As `JSONDecoder` decides: an integral value is an integer whatever its spelling.
    @Test func numbersAreIntegersWhenTheirValueIsOne() throws {
        let tree = try parse("[2.0, 2e0, 1.5e3, 100e-2, -0.0, 0.5, 1e-7, 2.5e20, 18446744073709551616]")
        #expect(tree.rendered(.compact) == "[2,2,1500,1,0,0.5,1e-07,2.5e+20,1.8446744073709552e+19]")
        guard case .array(let items) = tree else { return }
        for (i, item) in items.enumerated() {
            switch (i, item) {
            case (0...4, .int), (5...8, .number): break
            default: Issue.record("element \(i) is \(item)")
            }
        }
    }

    @Test func stringsKeepEveryCharacter() throws {
        let text = "quote \" backslash \\ slash / newline \n tab \t nul \u{0} line \u{2028} é 😀"
        let tree = JSONValue.array([.string(text)])
        #expect(try JSONValue.parse(Array(tree.rendered(.compact).utf8)) == tree)
        #expect(try parse(#"["\u00e9\ud83d\ude00\/\b\f\r\"\\"]"#) == .array([.string("é😀/\u{8}\u{C}\r\"\\")]))
    }

    @Test func membersKeepTheOrderOfTheText() throws {
        let tree = try parse(#"{"b": [1, null, true], "a": 0.25, "A/~": {}}"#)
        #expect(tree.rendered(.compact) == #"{"b":[1,null,true],"a":0.25,"A/~":{}}"#)
        #expect(tree[key: "a"] == .number(0.25) && tree[key: "c"] == nil)
    }

    /// What a reader into a dictionary does: one member per key, the last value.
    @Test func aKeyGivenTwiceKeepsItsFirstPlaceAndItsLastValue() throws {
        #expect(try parse(#"{"a":1,"b":2,"a":3}"#).rendered(.compact) == #"{"a":3,"b":2}"#)
        #expect(try parse(#"{"b":1,"a":2,"b":3}"#).rendered(.compact) == #"{"b":3,"a":2}"#)
        let many = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect(try parse("{\(many),\"k3\":-1,\"k39\":-2}").rendered(.compact) == "{" + many
            .replacingOccurrences(of: "\"k3\":3,", with: "\"k3\":-1,").replacingOccurrences(of: "\"k39\":39", with: "\"k39\":-2") + "}")
    }

    @Test func aParsedTreeWritesAndParsesBackToItself() throws {
        let text = #" { "s": "x", "n": [1, -2.5, 1e300, 18446744073709551615], "o": {"": null, "f": false} } "#
        let tree = try parse(text)
        #expect(try JSONValue.parse(Array(tree.rendered(.compact).utf8)) == tree)
        #expect(try JSONValue.parse(Array(tree.rendered(.indented).utf8)).rendered(.compact) == tree.rendered(.compact))
    }

    /// Its `Codable` conformance reads the same kinds through Foundation's decoder.
    @Test func codableAgreesWithParse() throws {
        let text = #"{"a":[1,2.5,18446744073709551615,"s",null,true],"b":{"c":2.0}}"#
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(decoded == (try parse(text)))
    }

    @Test(arguments: [
        "", "[1,]", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "[+1]", "nul", "[1] x", "{a:1}",
        "[\"\u{01}\"]", "[\"\\x\"]", "[\"\\ud800\"]", "[1e400]", "\"open", "[\"\\u12\"]", "{\"a\" 1}", "[1 2]",
    ])
    func whatIsNotJSONIsRefused(_ text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test(arguments: [
        ("[1,]", 3, "unexpected character"), ("{\"a\":1 \"b\"}", 7, "expected ',' or '}' in an object"),
        ("[1] x", 4, "text after the document"), ("[\"a\u{01}\"]", 3, "a control character in a string"),
        ("[1e400]", 1, "a number beyond the range of a Double"), ("", 0, "the text ends where a value should be"),
    ] as [(String, Int, String)])
    func anErrorSaysAtWhichByteAndWhy(text: String, offset: Int, reason: String) {
        let error = #expect(throws: JSONParseError.self) { try parse(text) }
        #expect(error == JSONParseError(offset: offset, reason: reason))
        #expect(error?.description == "not valid JSON at byte \(offset): \(reason)")
    }

    @Test func invalidUTF8IsRefused() {
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(error?.reason == "invalid UTF-8 in a string")
        #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }   // a surrogate in UTF-8
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try parse(deep) }
        let limit = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect((try? parse(limit)) != nil)
        let over = String(repeating: "{\"a\":", count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(throws: JSONParseError.self) { try parse(over) }
    }
}
