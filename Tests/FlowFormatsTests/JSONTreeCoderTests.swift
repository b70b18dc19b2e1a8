import FlowFormats
import Foundation
import Testing

/// `JSONTreeEncoder` and `JSONTreeDecoder`: values come back equal, the tree is what
/// Foundation's encoder writes (read back by the parser), and the errors say where.
@Suite struct JSONTreeCoderTests {
    struct Inner: Codable, Equatable {
        var name: String
        var ratio: Double
        var tags: [String]
        var small: Int8
        var big: UInt64
        var fraction: Float
    }

    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case square(Double)
        case empty
        case labelled(String, count: Int?)
    }

    struct Outer: Codable, Equatable {
        var id: Int64
        var inner: Inner
        var shapes: [Shape]
        var byName: [String: Inner]
        var byNumber: [Int: String]
        var optional: Int?
        var absent: String?
        var rows: [[Double?]]
        var flag: Bool
        var date: Date
        var tree: JSONValue
    }

    static let inner = Inner(name: "a\"b/é\n", ratio: 0.1, tags: ["x", ""], small: -128, big: .max, fraction: 0.1)
    static let outer = Outer(
        id: .min, inner: inner,
        shapes: [.circle(radius: 2.5), .square(3), .empty, .labelled("l", count: nil), .labelled("m", count: 4)],
        byName: ["one": inner, "two": Inner(name: "", ratio: -0.0, tags: [], small: 0, big: 0, fraction: -1.5)],
        byNumber: [3: "three", -1: "minus one"], optional: 7, absent: nil, rows: [[1, nil, 2.5], []], flag: true,
        date: Date(timeIntervalSinceReferenceDate: 817_000_000.25),
        tree: .object([("z", .int(1)), ("a", .array([.null, .uint(.max)]))]))

    func roundTrip<T: Codable & Equatable>(_ value: T, encoder: JSONTreeEncoder = JSONTreeEncoder(),
                                           decoder: JSONTreeDecoder = JSONTreeDecoder()) throws -> JSONValue {
        let tree = try encoder.encode(value)
        #expect(try decoder.decode(T.self, from: tree) == value)
        return tree
    }

    @Test func nestedTypesComeBackEqual() throws {
        _ = try roundTrip(Self.outer)
        _ = try roundTrip(Self.outer, encoder: JSONTreeEncoder(keyOrder: .sorted))
        _ = try roundTrip([Self.outer, Self.outer])
        _ = try roundTrip(["k": [1, 2], "": []] as [String: [Int]])
        _ = try roundTrip(Optional<Int>.none)
    }

    /// The tree is the value Foundation's encoder writes (its defaults: `Date` as seconds
    /// since 2001, dictionaries keyed by `Int` as objects), and each side reads the other's.
    @Test func treesAgreeWithFoundation() throws {
        let foundation = try JSONValue.parse(Array(JSONEncoder().encode(Self.outer)))
        let tree = try JSONTreeEncoder().encode(Self.outer)
        #expect(tree == foundation)
        #expect(try JSONTreeDecoder().decode(Outer.self, from: foundation) == Self.outer)
        #expect(try JSONDecoder().decode(Outer.self, from: Data(tree.rendered(.compact).utf8)) == Self.outer)
        #expect(tree[key: "date"] == .number(817_000_000.25))
        #expect(tree[key: "byNumber"]?[key: "-1"] == .string("minus one"))
        #expect(tree[key: "shapes"]?[index: 3] == .object([("labelled", .object([("_0", .string("l"))]))]))
    }

    @Test func keysComeInTheOrderEncodedOrSorted() throws {
        let encoded = try JSONTreeEncoder().encode(Self.inner).rendered(.compact)
        #expect(encoded.hasPrefix(#"{"name":"a\"b/é\n","ratio":0.1,"tags":["x",""],"small":-128,"big":18446744073709551615"#))
        let sorted = try JSONTreeEncoder(keyOrder: .sorted).encode(Self.inner).rendered(.compact)
        #expect(sorted == #"{"big":18446744073709551615,"fraction":0.1,"name":"a\"b/é\n","ratio":0.1,"small":-128,"tags":["x",""]}"#)
    }

    /// A key encoded twice keeps its last value (in its first place), as Foundation's does.
    @Test func aKeyEncodedTwiceKeepsItsLastValue() throws {
        struct Twice: Encodable {
            enum Keys: String, CodingKey { case a, b }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(1, forKey: .b)
                try container.encode(2, forKey: .a)
                try container.encode(3, forKey: .b)
            }
        }
        #expect(try JSONTreeEncoder().encode(Twice()).rendered(.compact) == #"{"b":3,"a":2}"#)
        #expect(try JSONTreeEncoder(keyOrder: .sorted).encode(Twice()).rendered(.compact) == #"{"a":2,"b":3}"#)
    }

    @Test func optionalsAreAbsentOrNullAndReadAsNilEitherWay() throws {
        struct Maybe: Codable, Equatable {
            var a: Int?
            var b: String?
        }
        #expect(try JSONTreeEncoder().encode(Maybe(a: nil, b: "x")).rendered(.compact) == #"{"b":"x"}"#)
        #expect(try JSONTreeEncoder().encode([1, nil] as [Int?]).rendered(.compact) == "[1,null]")
        for text in [#"{}"#, #"{"a":null,"b":null}"#] {
            #expect(try JSONTreeDecoder().decode(Maybe.self, from: JSONValue.parse(Array(text.utf8))) == Maybe())
        }
    }

    @Test func numbersReadAcrossCasesOnlyWhenExact() throws {
        let decoder = JSONTreeDecoder()
        #expect(try decoder.decode(Double.self, from: .int(3)) == 3)
        #expect(try decoder.decode(Double.self, from: .uint(.max)) == Double(UInt64.max))
        #expect(try decoder.decode(Int.self, from: .number(2)) == 2)
        #expect(try decoder.decode(UInt64.self, from: .uint(.max)) == .max)
        #expect(try decoder.decode(Float.self, from: .number(0.1)) == 0.1)
        #expect(try JSONTreeEncoder().encode(UInt64(5)) == .int(5))
        #expect(try JSONTreeEncoder().encode(Float(0.1)).rendered(.compact) == "0.1")
        #expect(throws: DecodingError.self) { try decoder.decode(Int.self, from: .number(2.5)) }
        #expect(throws: DecodingError.self) { try decoder.decode(Int8.self, from: .int(300)) }
        #expect(throws: DecodingError.self) { try decoder.decode(UInt.self, from: .int(-1)) }
        #expect(throws: DecodingError.self) { try decoder.decode(Float.self, from: .number(1e300)) }
        #expect(throws: DecodingError.self) { try decoder.decode(Bool.self, from: .int(1)) }
        #expect(throws: DecodingError.self) { try decoder.decode(String.self, from: .int(1)) }
    }

    @Test func nonFiniteNumbersAreStringsWhenAskedAndErrorsOtherwise() throws {
        let values: [Double] = [.infinity, -.infinity, 1]
        let strings = JSONTreeEncoder(nonFiniteNumbers: .prometheus)
        let tree = try strings.encode(values)
        #expect(tree.rendered(.compact) == #"["+Inf","-Inf",1]"#)
        #expect(try JSONTreeDecoder(nonFiniteNumbers: .prometheus).decode([Double].self, from: tree) == values)
        #expect(try JSONTreeDecoder(nonFiniteNumbers: .prometheus).decode(Float.self, from: .string("NaN")).isNaN)
        #expect(try strings.encode(Float.nan) == .string("NaN"))
        #expect(throws: DecodingError.self) { try JSONTreeDecoder().decode([Double].self, from: tree) }

        let error = #expect(throws: EncodingError.self) { try JSONTreeEncoder().encode(["a": [1, Double.nan]]) }
        guard case .invalidValue(_, let context)? = error else { return }
        #expect(context.codingPath.map(\.stringValue) == ["a", "Index 1"])
    }

    /// Errors carry the path to the value that did not fit, and say what was there.
    @Test func decodingErrorsSayWhereAndWhat() throws {
        let tree = try JSONTreeEncoder().encode(Self.outer)
        guard case .object(var members) = tree, let i = members.firstIndex(where: { $0.0 == "shapes" }) else { return }
        members[i].1 = .array([.object([("circle", .object([("radius", .string("big"))]))])])
        let mismatch = #expect(throws: DecodingError.self) { try JSONTreeDecoder().decode(Outer.self, from: .object(members)) }
        guard case .typeMismatch(let type, let context)? = mismatch else { Issue.record("\(String(describing: mismatch))"); return }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(Double.self))
        #expect(context.codingPath.map(\.stringValue) == ["shapes", "Index 0", "circle", "radius"])
        #expect(context.debugDescription == "Expected to decode Double but found a string instead.")

        members.remove(at: i)
        let missing = #expect(throws: DecodingError.self) { try JSONTreeDecoder().decode(Outer.self, from: .object(members)) }
        guard case .keyNotFound(let key, _)? = missing else { Issue.record("\(String(describing: missing))"); return }
        #expect(key.stringValue == "shapes")

        let null = #expect(throws: DecodingError.self) { try JSONTreeDecoder().decode([Int].self, from: .array([.int(1), .null])) }
        guard case .valueNotFound(_, let nullContext)? = null else { Issue.record("\(String(describing: null))"); return }
        #expect(nullContext.codingPath.map(\.stringValue) == ["Index 1"])

        let fit = #expect(throws: DecodingError.self) { try JSONTreeDecoder().decode([String: Int8].self, from: .object([("k", .int(999))])) }
        guard case .dataCorrupted(let fitContext)? = fit else { Issue.record("\(String(describing: fit))"); return }
        #expect(fitContext.codingPath.map(\.stringValue) == ["k"])
        #expect(fitContext.debugDescription == "Number 999 is not representable as Int8.")
    }

    /// Nested containers, super encoders and decoders, as hand-written conformances use them.
    @Test func nestedContainersAndSuperCodersRoundTrip() throws {
        let value = Derived(base: 4, parts: ["p", "q"], pair: (1, 2))
        let tree = try JSONTreeEncoder().encode(value)
        #expect(tree.rendered(.compact) == #"{"super":{"base":4},"parts":{"list":["p","q"]},"pair":[[1,2]],"s2":{"base":4}}"#)
        let back = try JSONTreeDecoder().decode(Derived.self, from: tree)
        #expect(back.base == 4 && back.parts == ["p", "q"] && back.pair == (1, 2))
    }

    @Test func aTreeInsideAValuePassesAsItIs() throws {
        struct Envelope: Codable, Equatable { var body: JSONValue }
        let body = JSONValue.object([("z", .number(.infinity)), ("a", .int(1))])
        let tree = try JSONTreeEncoder(keyOrder: .sorted).encode(Envelope(body: body))
        #expect(tree[key: "body"]?.rendered(.compact) == #"{"z":null,"a":1}"#)
        #expect(try JSONTreeDecoder().decode(Envelope.self, from: tree).body.rendered(.compact) == #"{"z":null,"a":1}"#)
    }

    @Test func topLevelScalarsAndEmptyValues() throws {
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(try JSONTreeEncoder().encode(42) == .int(42))
        #expect(try JSONTreeEncoder().encode("s") == .string("s"))
        #expect(try JSONTreeEncoder().encode([Nothing()]) == .array([.object([])]))
        #expect(throws: EncodingError.self) { try JSONTreeEncoder().encode(Nothing()) }
    }

    @Test func userInfoReachesTheConformances() throws {
        /// Writes and reads the one `userInfo` value it is given.
        struct Reads: Codable {
            var unit: String
            init(unit: String) { self.unit = unit }
            init(from decoder: any Decoder) throws { unit = decoder.userInfo.first?.value as? String ?? "?" }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(encoder.userInfo.first?.value as? String ?? "?")
            }
        }
        let key = try #require(CodingUserInfoKey(rawValue: "unit"))
        #expect(try JSONTreeEncoder(userInfo: [key: "ms"]).encode(Reads(unit: "")) == .string("ms"))
        #expect(try JSONTreeDecoder(userInfo: [key: "s"]).decode(Reads.self, from: .null).unit == "s")
    }
}

/// A subclass-shaped value: its base through `superEncoder()`, a nested keyed container, a
/// nested unkeyed container in an unkeyed one, and a super encoder for a key.
private struct Derived: Codable {
    var base: Int
    var parts: [String]
    var pair: (Int, Int)

    init(base: Int, parts: [String], pair: (Int, Int)) {
        self.base = base
        self.parts = parts
        self.pair = pair
    }

    enum Keys: String, CodingKey { case parts, list, pair, s2, base }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var baseContainer = container.superEncoder().container(keyedBy: Keys.self)
        try baseContainer.encode(base, forKey: .base)
        var parts = container.nestedContainer(keyedBy: Keys.self, forKey: .parts)
        try parts.encode(self.parts, forKey: .list)
        var outer = container.nestedUnkeyedContainer(forKey: .pair)
        var inner = outer.nestedUnkeyedContainer()
        try inner.encode(pair.0)
        try inner.encode(pair.1)
        var second = container.superEncoder(forKey: .s2).container(keyedBy: Keys.self)
        try second.encode(base, forKey: .base)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        base = try container.superDecoder().container(keyedBy: Keys.self).decode(Int.self, forKey: .base)
        parts = try container.nestedContainer(keyedBy: Keys.self, forKey: .parts).decode([String].self, forKey: .list)
        var outer = try container.nestedUnkeyedContainer(forKey: .pair)
        var inner = try outer.nestedUnkeyedContainer()
        pair = (try inner.decode(Int.self), try inner.decode(Int.self))
        #expect(inner.isAtEnd && outer.isAtEnd && inner.count == 2)
        #expect(try container.superDecoder(forKey: .s2).container(keyedBy: Keys.self).decode(Int.self, forKey: .base) == base)
    }
}
