import FlowStore
import Testing

/// The state codec on small values: each container kind and special case round-trips, the
/// layout is the one `StateEncoder` documents, and what the format cannot hold throws.
@Suite struct StateCodecTests {
    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        try StateDecoder.decode(T.self, from: StateEncoder.encode(value))
    }

    @Test func everyContainerKindAndSpecialCaseRoundTrips() throws {
        let sample = Sample()
        #expect(try roundTrip(sample) == sample)
        var other = Sample()
        other.present = nil
        other.absent = 9
        other.doubleOptional = nil
        other.handWritten.note = "noted"
        other.shapes = []
        #expect(try roundTrip(other) == other)
    }

    @Test func doublesComeBackBitForBit() throws {
        let values: [Double] = [-0.0, .nan, Double(bitPattern: 0x7ff8_0000_0000_beef), .leastNonzeroMagnitude]
        struct Box: Codable { var one: Double; var all: [Double]; var some: Double? }
        for value in values {
            let back = try StateDecoder.decode(Box.self, from: StateEncoder.encode(Box(one: value, all: values, some: value)))
            #expect(back.one.bitPattern == value.bitPattern)
            #expect(back.some?.bitPattern == value.bitPattern)
            #expect(back.all.map(\.bitPattern) == values.map(\.bitPattern))
        }
    }

    @Test func aKeyedContainerIsItsValuesInOrderWithoutKeys() throws {
        struct Pair: Codable { var a: Int32; var b: Bool }
        #expect(try StateEncoder.encode(Pair(a: 1, b: true)) == [1, 0, 0, 0, 1])
    }

    @Test func optionalsCarryAPresenceByte() throws {
        struct Maybe: Codable { var a: UInt8?; var b: UInt8? }
        #expect(try StateEncoder.encode(Maybe(a: 7, b: nil)) == [1, 7, 0])
        #expect(try StateEncoder.encode([UInt16?.none, 2]) == [2, 0, 1, 2, 0])
    }

    @Test func rawArraysAreACountAndLittleEndianBytes() throws {
        #expect(try StateEncoder.encode([Int64(1), -1]) == [2, 1, 0, 0, 0, 0, 0, 0, 0] + Array(repeating: 0xff, count: 8))
        #expect(try StateEncoder.encode([UInt8](repeating: 9, count: 130)) == [0x82, 0x01] + Array(repeating: 9, count: 130))
    }

    @Test func aLongUnkeyedContainerGetsAWiderCount() throws {
        let strings = (0..<300).map { "s\($0)" }
        let bytes = try StateEncoder.encode(strings)
        #expect(Array(bytes.prefix(2)) == [0xac, 0x02])   // 300 as a varint
        #expect(try StateDecoder.decode([String].self, from: bytes) == strings)
        let nested = (0..<200).map { i in (0..<i).map { "\($0)" } }
        #expect(try StateDecoder.decode([[String]].self, from: StateEncoder.encode(nested)) == nested)
    }

    @Test func anEnumCaseIsNamedBeforeItsValues() throws {
        #expect(try StateEncoder.encode(Shape.circle(radius: 0)) == [6] + Array("circle".utf8) + Array(repeating: 0, count: 8))
        #expect(try StateEncoder.encode(Shape.point) == [5] + Array("point".utf8))
        let shapes: [Shape] = [.nested(.nested(.many([.labelled("x", 1), .point])))]
        #expect(try roundTrip(shapes) == shapes)
    }

    @Test func equalDictionariesAndSetsEncodeToEqualBytes() throws {
        var grown: [String: Int] = [:]
        for i in 0..<500 { grown["k\(i)"] = i }
        for i in 0..<400 { grown["k\(i)"] = nil }
        let fresh = Dictionary(uniqueKeysWithValues: (400..<500).reversed().map { ("k\($0)", $0) })
        #expect(grown == fresh)
        #expect(try StateEncoder.encode(grown) == StateEncoder.encode(fresh))
        let a: Set<Int> = Set(0..<100), b = Set((0..<100).reversed())
        #expect(try StateEncoder.encode(a) == StateEncoder.encode(b))
        #expect(try roundTrip(grown) == grown)
        #expect(try StateEncoder.encode([2: "b", 1: "a"]) == [4, 1, 0, 0, 0, 0, 0, 0, 0, 1, 97, 2, 0, 0, 0, 0, 0, 0, 0, 1, 98])
    }

    @Test func superEncoderIsRefused() {
        #expect(throws: EncodingError.self) { try StateEncoder.encode(WithSuper()) }
        #expect(throws: DecodingError.self) { try StateDecoder.decode(WithSuper.self, from: [0, 0, 0, 0, 0, 0, 0, 0]) }
    }

    @Test func containersWrittenInTurnsAreRefused() {
        #expect(throws: EncodingError.self) { try StateEncoder.encode(Interleaved()) }
    }

    @Test func elementsThatEncodeToNothingCannotBeCounted() throws {
        #expect(try roundTrip(Nothing()) == Nothing())
        #expect(throws: EncodingError.self) { try StateEncoder.encode([Nothing()]) }
        #expect(try roundTrip([[Nothing]]()) == [])
    }

    @Test func trailingBytesAndUnreadElementsAreErrors() throws {
        #expect(throws: DecodingError.self) { try StateDecoder.decode(UInt8.self, from: [1, 2]) }
        // Three elements written, a decoder that reads one.
        struct ReadsOne: Decodable {
            init(from decoder: any Decoder) throws {
                var list = try decoder.unkeyedContainer()
                _ = try list.decode(UInt8.self)
            }
        }
        struct Outer: Decodable {
            var first: ReadsOne
            var next: UInt8
        }
        #expect(throws: DecodingError.self) { try StateDecoder.decode(Outer.self, from: [3, 1, 2, 3, 9]) }
    }

    @Test func errorsNameThePath() throws {
        let bytes = try StateEncoder.encode(Sample())
        do {
            _ = try StateDecoder.decode(Sample.self, from: Array(bytes.prefix(40)))
            Issue.record("a truncated sample decoded")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.codingPath.map(\.stringValue) == ["uint"])   // bytes 34..<42
        }
    }

    @Test func aSliceDecodesWithoutItsSurroundings() throws {
        let bytes = [0xAA, 0xBB] + (try StateEncoder.encode(Sample())) + [0xCC]
        #expect(try StateDecoder.decode(Sample.self, from: bytes[2..<(bytes.count - 1)]) == Sample())
    }
}
