import FlowStore

/// Values that reach every path of the state codec: each container kind, optionals at
/// every depth, enums with and without associated values, dictionaries of every key kind,
/// sets, and the raw arrays.
struct Sample: Codable, Equatable {
    var flag = true
    var name = "tenant-ä"
    var int = -42
    var int8: Int8 = -8
    var int16: Int16 = -1600
    var int32: Int32 = -320_000
    var int64: Int64 = .min
    var uint: UInt = .max
    var uint8: UInt8 = 200
    var uint16: UInt16 = 60_000
    var uint32: UInt32 = 4_000_000_000
    var uint64: UInt64 = .max
    var double = -0.0
    var float: Float = 1.5
    var present: String? = "here"
    var absent: Int64? = nil
    var doubleOptional: Int?? = .some(nil)
    var counts: [Int64] = [1, -2, .max, .min]
    var unsigned: [UInt64] = [0, .max]
    var doubles: [Double] = [0.1, -.infinity, 1e300]
    var narrow: [Int32] = [-1, 7]
    var narrowUnsigned: [UInt32] = [9]
    var bytes: [UInt8] = [0, 255]
    var ints: [Int] = [-1, .max]
    var optionals: [Int64?] = [1, nil, 3]
    var matrix: [[Int16]] = [[1, 2], [], [3]]
    var strings: [String] = ["", "a", String(repeating: "x", count: 300)]
    var shapes: [Shape] = [.point, .circle(radius: 2), .labelled("a", nil), .labelled("b", 4),
                           .nested(.circle(radius: 1)), .many([.point, .point])]
    var byName: [String: Int] = ["b": 2, "a": 1, "": 0]
    var byNumber: [Int: String] = [3: "c", -1: "z"]
    var byShape: [Shape: [Double]] = [.point: [1], .circle(radius: 3): []]
    var tags: Set<String> = ["x", "y", "z"]
    var nestedDictionary: [String: [String: Int64]] = ["outer": ["inner": 5]]
    var handWritten = HandWritten(parts: ["p", "q"], code: 7, note: nil)
    var empty: [Shape] = []
}

/// An enum the way synthesized code encodes it: a keyed container holding one nested
/// container named after the case.
indirect enum Shape: Codable, Hashable {
    case point
    case circle(radius: Double)
    case labelled(String, Int?)
    case nested(Shape)
    case many([Shape])
}

/// Written by hand with nested containers (keyed and unkeyed), and an optional written
/// with `encodeIfPresent` and read with `decodeNil` then `decode`.
struct HandWritten: Codable, Equatable {
    var parts: [String]
    var code: Int32
    var note: String?

    init(parts: [String], code: Int32, note: String?) {
        self.parts = parts
        self.code = code
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case parts, info }
    enum InfoKeys: String, CodingKey { case code, note }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var list = container.nestedUnkeyedContainer(forKey: .parts)
        for part in parts { try list.encode(part) }
        var info = container.nestedContainer(keyedBy: InfoKeys.self, forKey: .info)
        try info.encode(code, forKey: .code)
        try info.encodeIfPresent(note, forKey: .note)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var list = try container.nestedUnkeyedContainer(forKey: .parts)
        var parts: [String] = []
        while !list.isAtEnd { parts.append(try list.decode(String.self)) }
        self.parts = parts
        let info = try container.nestedContainer(keyedBy: InfoKeys.self, forKey: .info)
        code = try info.decode(Int32.self, forKey: .code)
        note = try info.decodeNil(forKey: .note) ? nil : try info.decode(String.self, forKey: .note)
    }
}

/// Asks for `superEncoder`, which the positional format does not support.
struct WithSuper: Codable {
    enum CodingKeys: CodingKey { case value }

    init() {}

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try 1.encode(to: container.superEncoder())
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        _ = try Int(from: container.superDecoder())
    }
}

/// Two containers of one parent written in turns: the positional format refuses it.
struct Interleaved: Encodable {
    enum CodingKeys: CodingKey { case a, b }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var a = container.nestedUnkeyedContainer(forKey: .a)
        var b = container.nestedUnkeyedContainer(forKey: .b)
        try a.encode(1)
        try b.encode(2)
    }
}

struct Nothing: Codable, Equatable {}
