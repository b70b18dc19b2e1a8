import FlowFormats
import Testing

/// The one JSON writer: strings escaped once, numbers exact, keys in the order given, and
/// each style's layout byte for byte.
@Suite struct JSONValueTests {
    @Test func stringsEscapeQuotesBackslashesAndControlCharacters() {
        #expect(JSONValue.string("a\"b\\\n\u{1}").rendered(.indented) == "\"a\\\"b\\\\\\n\\u0001\"")
        #expect(JSONValue.string("\u{8}\u{C}\r\t\u{0}\u{1F}").rendered(.compact) == #""\b\f\r\t\u0000\u001f""#)
        #expect(JSONValue.string("é/😀").rendered(.compact) == "\"é/😀\"")
    }

    @Test func lineSeparatorsAreEscapedUnlessTheStyleKeepsFoundationsBytes() {
        let text = JSONValue.string("a\u{7F}b\u{2028}c\u{2029}")
        #expect(text.rendered(.compact) == #""a\u007fb\u2028c\u2029""#)
        #expect(text.rendered(.serializationCompact) == "\"a\u{7F}b\u{2028}c\u{2029}\"")
    }

    @Test func compactKeepsTheOrderGiven() {
        let json = JSONValue.object([("s", .string("a\"b\\c\nd\u{01}\u{2028}é")), ("n", .number(1.5)), ("i", .number(2)),
                                     ("x", .number(.nan)), ("b", .bool(true)), ("z", .null), ("e", .array([]))])
        #expect(json.rendered(.compact) == #"{"s":"a\"b\\c\nd\u0001\u2028é","n":1.5,"i":2,"x":null,"b":true,"z":null,"e":[]}"#)
    }

    @Test(arguments: [
        (4800, "4800"), (0.999, "0.999"), (-0.0, "0"), (-3, "-3"), (1e15, "1000000000000000.0"), (1e16, "1e+16"), (999_999_999_999_999, "999999999999999"),
        (1e-5, "1e-05"), (0.1 + 0.2, "0.30000000000000004"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (5e-324, "5e-324"), (.nan, "null"), (.infinity, "null"), (-.infinity, "null"),
    ] as [(Double, String)])
    func numbersAreExact(value: Double, text: String) {
        #expect(JSONValue.format(value) == text)
        #expect(JSONValue.number(value).rendered(.compact) == text)
    }

    @Test func integersAndOptionals() {
        #expect(JSONValue.int(.min).rendered(.compact) == "-9223372036854775808")
        #expect(JSONValue.number(nil as Double?).rendered(.compact) == "null")
        #expect(JSONValue.string(nil as String?).rendered(.compact) == "null")
        #expect(JSONValue.object(sorted: ["b": "2", "a": "1"]).rendered(.compact) == #"{"a":"1","b":"2"}"#)
    }

    @Test func indentedIsTwoSpacesWithEmptyContainersClosed() {
        let json = JSONValue.object([("name", .string("ai")), ("list", .array([.int(1), .object([])])), ("none", .array([]))])
        #expect(json.rendered(.indented) == """
            {
              "name": "ai",
              "list": [
                1,
                {}
              ],
              "none": []
            }
            """)
    }

    @Test func serializationIndentedIsFoundationsLayout() {
        let json = JSONValue.object([("b", .array([.object([])])), ("a", .object([("c", .array([]))]))])
        #expect(json.rendered(.serializationIndented) == "{\n  \"a\" : {\n    \"c\" : [\n\n    ]\n  },\n"
            + "  \"b\" : [\n    {\n\n    }\n  ]\n}")
        #expect(json.rendered(.serializationCompact) == #"{"a":{"c":[]},"b":[{}]}"#)
    }

    /// The order Foundation's `JSONSerialization` printed these keys in with `.sortedKeys`
    /// (Swift 6.3 on Linux), which the API's own documents keep.
    @Test func sortedKeysFollowFoundationsOrder() {
        let foundation = ["_x", "-y", "{", "/api/a_b", "/api/a-b", "/api/a{", "/api/a/b", "/api/b", "$ref", "a", "a9", "a10",
                          "B", "k", "Z"]
        #expect(foundation.reversed().sorted(by: JSONKeyOrder.areInIncreasingOrder) == foundation)
        #expect(["b", "B", "a"].sorted(by: JSONKeyOrder.areInIncreasingOrder) == ["a", "b", "B"])
        #expect(["401", "200", "503", "400"].sorted(by: JSONKeyOrder.areInIncreasingOrder) == ["200", "400", "401", "503"])
    }

    @Test func theEscaperAppends() {
        var out = "x="
        appendJSONString("q\"", to: &out)
        #expect(out == #"x="q\"""#)
    }

    @Test func unsignedIntegersAboveInt64AreWrittenExactly() {
        #expect(JSONValue.array([.uint(.max), .int(-1)]).rendered(.compact) == "[18446744073709551615,-1]")
    }

    /// The JSON value, not the text: members in any order, numbers by value.
    @Test func equalityIsTheValuesNotTheTexts() {
        let a = JSONValue.object([("x", .int(1)), ("y", .array([.null, .string("s")]))])
        let b = JSONValue.object([("y", .array([.null, .string("s")])), ("x", .number(1))])
        #expect(a == b)
        #expect(a.rendered(.compact) != b.rendered(.compact))
        #expect(JSONValue.array([.int(1), .int(2)]) != .array([.int(2), .int(1)]))
        #expect(JSONValue.object([("x", .int(1))]) != .object([("x", .int(1)), ("y", .null)]))
        #expect(JSONValue.object([("x", .int(1)), ("x", .int(1))]) != .object([("x", .int(1)), ("y", .int(1))]))
        #expect(JSONValue.int(5) == .uint(5) && JSONValue.uint(1 << 63) == .number(9_223_372_036_854_775_808))
        #expect(JSONValue.int(-1) != .uint(1) && JSONValue.number(0.5) != .int(0) && JSONValue.number(-0.0) == .int(0))
        #expect(JSONValue.number(.nan) == .null && JSONValue.number(.infinity) == .number(.nan))
        #expect(JSONValue.string("1") != .int(1) && JSONValue.bool(false) != .null)
    }

    @Test func membersAndElementsByKeyAndIndex() {
        let tree = JSONValue.object([("a", .int(1)), ("b", .array([.bool(true)])), ("a", .int(2))])
        #expect(tree[key: "a"] == .int(2) && tree[key: "z"] == nil)
        #expect(tree[key: "b"]?[index: 0] == .bool(true) && tree[key: "b"]?[index: 1] == nil)
        #expect(JSONValue.int(1)[key: "a"] == nil && JSONValue.int(1)[index: 0] == nil)
    }

    /// A size check stops writing soon after the limit: a patch weighs a replacement so.
    @Test func theRenderedSizeStopsPastItsLimit() {
        let big = JSONValue.array((0..<1_000).map { .string("item \($0)") })
        let whole = big.rendered(.compact).utf8.count
        #expect(big.renderedSize(.compact) == whole)
        let cut = big.renderedSize(.compact, limit: 100)
        #expect(cut > 100 && cut < 200)
        #expect(big.renderedSize(.indented, limit: whole * 2) == big.rendered(.indented).utf8.count)
    }
}
