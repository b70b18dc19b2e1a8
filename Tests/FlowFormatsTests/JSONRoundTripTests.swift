import FlowFormats
import FlowTestKit
import Foundation
import Testing

/// The writer and the parser against each other on random trees (FlowTestKit's
/// `RandomJSON`, from the seeded generator: a failure names its seed), and the parser
/// against Foundation's on a corpus of texts, valid and not.
@Suite struct JSONRoundTripTests {
    static let styles: [JSONStyle] = [.compact, .indented, .serializationCompact, .serializationIndented]

    /// `parse(render(tree)) == tree` in every style, and compact text is stable.
    @Test(arguments: 0..<8)
    func aRenderedTreeParsesBackToItself(block: UInt64) throws {
        for seed in block * 100..<(block + 1) * 100 {
            var rng = SeededGenerator(seed: seed)
            let tree = RandomJSON.tree(depth: 5, using: &rng)
            for style in Self.styles {
                let text = tree.rendered(style)
                let back = try JSONValue.parse(Array(text.utf8))
                #expect(back == tree, "seed \(seed), \(style): \(text)")
                #expect(back.renderedSize(style) == text.utf8.count, "seed \(seed)")
            }
            let compact = tree.rendered(.compact)
            #expect(try JSONValue.parse(Array(compact.utf8)).rendered(.compact) == compact, "seed \(seed)")
        }
    }

    /// Foundation's decoder reads the same value from the text (through `JSONValue`'s
    /// own `Codable`, the path any other decoder takes).
    @Test func foundationReadsTheSameTrees() throws {
        for seed: UInt64 in 1_000..<1_200 {
            var rng = SeededGenerator(seed: seed)
            let tree = RandomJSON.tree(depth: 4, using: &rng)
            let text = tree.rendered(.compact)
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == tree, "seed \(seed): \(text)")
        }
    }

    static let valid = [
        "0", "-0", "1.5", "-1.5e-3", "1E+2", "123456789012345678", "0.1", "1e-300", "9007199254740993", "true", "false",
        "null", "\"\"", "\"\\u0041\\u00e9\\u20ac\\ud834\\udd1e\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "[]", "{}",
        " [ 1 , [ ] , { } ] ", "\t{\"a\"\n:\r[true,false,null]}", "{\"\":\"\",\" \":1}", "[[[[[[[[[[1]]]]]]]]]]",
        "\"é😀 \u{2028}\"", "[-9223372036854775808,18446744073709551615,18446744073709551616]", "{\"a\":{\"b\":{\"c\":[]}}}",
    ]

    static let invalid = [
        "", " ", "[", "]", "{", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\":}", "{1:2}", "[01]", "[-01]",
        "[1.]", "[.1]", "[1e]", "[1e+]", "[-]", "[+1]", "[0x10]", "[Infinity]", "[NaN]", "tru", "nul", "[1] [2]",
        "'a'", "\"a", "\"\\x\"", "\"\\u00g0\"", "[\"\t\"]", "[\"\n\"]", "{\"a\" 1}", "[1 2]", "// c\n1", "[1,/**/2]",
    ]

    @Test(arguments: valid)
    func validTextReadsAsFoundationReadsIt(_ text: String) throws {
        let ours = try JSONValue.parse(Array(text.utf8))
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(ours == foundation)
        _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
    }

    /// Trailing commas: Foundation's reader (Swift 6.3, Linux) lets them pass; RFC 8259
    /// does not, and neither does this one, nor the viewers of earlier builds.
    static let foundationIsLenientAbout = ["[1,]", "{\"a\":1,}"]

    @Test(arguments: invalid)
    func invalidTextIsRefusedAsFoundationRefusesIt(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8)) }
        guard !Self.foundationIsLenientAbout.contains(text) else { return }
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) }
    }
}
