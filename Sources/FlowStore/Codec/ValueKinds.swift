/// Arrays of fixed-width numbers, as a count and their raw little-endian bytes: one copy
/// instead of a container call per element (the SLO counters hold millions of them).
enum RawElement {
    case int64, uint64, double, int32, uint32, uint8, int, uint, int8, int16, uint16, float

    /// The element of `type` when it is such an array; nil for any other type. A dozen
    /// metadata lookups, so the writer and reader ask once per type (`ValueKind`).
    static func of(_ type: Any.Type) -> RawElement? {
        switch ObjectIdentifier(type) {
        case ObjectIdentifier([Int64].self): .int64
        case ObjectIdentifier([UInt64].self): .uint64
        case ObjectIdentifier([Double].self): .double
        case ObjectIdentifier([Int32].self): .int32
        case ObjectIdentifier([UInt32].self): .uint32
        case ObjectIdentifier([UInt8].self): .uint8
        case ObjectIdentifier([Int].self): .int
        case ObjectIdentifier([UInt].self): .uint
        case ObjectIdentifier([Int8].self): .int8
        case ObjectIdentifier([Int16].self): .int16
        case ObjectIdentifier([UInt16].self): .uint16
        case ObjectIdentifier([Float].self): .float
        default: nil
        }
    }

    /// Writes `value`, an array of this element (`of` said so for its type): the cast is
    /// between two names of one type, where `as?` on arrays would check every element.
    func encode<T>(_ value: T, into writer: StateWriter) {
        switch self {
        case .int64: writer.appendRaw(unsafeBitCast(value, to: [Int64].self))
        case .uint64: writer.appendRaw(unsafeBitCast(value, to: [UInt64].self))
        case .double: writer.appendRaw(unsafeBitCast(value, to: [Double].self))
        case .int32: writer.appendRaw(unsafeBitCast(value, to: [Int32].self))
        case .uint32: writer.appendRaw(unsafeBitCast(value, to: [UInt32].self))
        case .uint8: writer.appendRaw(unsafeBitCast(value, to: [UInt8].self))
        case .int: writer.appendRaw(unsafeBitCast(value, to: [Int].self).map(Int64.init))
        case .uint: writer.appendRaw(unsafeBitCast(value, to: [UInt].self).map(UInt64.init))
        case .int8: writer.appendRaw(unsafeBitCast(value, to: [Int8].self))
        case .int16: writer.appendRaw(unsafeBitCast(value, to: [Int16].self))
        case .uint16: writer.appendRaw(unsafeBitCast(value, to: [UInt16].self))
        case .float: writer.appendRaw(unsafeBitCast(value, to: [Float].self))
        }
    }

    /// Reads what `encode` wrote, as `T` (an array of this element).
    func decode<T>(as type: T.Type, from reader: StateReader, path: @autoclosure () -> [any CodingKey]) throws -> T {
        func raw<E: BitwiseCopyable>(_ element: E.Type) throws -> T {
            unsafeBitCast(try reader.readRaw(element, path: path()), to: T.self)
        }
        switch self {
        case .int64: return try raw(Int64.self)
        case .uint64: return try raw(UInt64.self)
        case .double: return try raw(Double.self)
        case .int32: return try raw(Int32.self)
        case .uint32: return try raw(UInt32.self)
        case .uint8: return try raw(UInt8.self)
        case .int: return unsafeBitCast(try reader.readRaw(Int64.self, path: path()).map { Int($0) }, to: T.self)
        case .uint: return unsafeBitCast(try reader.readRaw(UInt64.self, path: path()).map { UInt($0) }, to: T.self)
        case .int8: return try raw(Int8.self)
        case .int16: return try raw(Int16.self)
        case .uint16: return try raw(UInt16.self)
        case .float: return try raw(Float.self)
        }
    }
}

/// How the format writes values of one type: through their own `Codable` conformance,
/// directly (a number, a string), raw, or as a special case. Worked out on a type's first
/// value and kept by the writer or reader: a dictionary lookup per value after that, where
/// working it out costs a few dozen metadata lookups and a conformance check.
///
/// ```swift
/// switch writer.kind(of: T.self) { case .primitive(let p): p.encode(value, into: writer) ... }
/// ```
enum EncodingKind {
    case plain
    case primitive(Primitive)
    case raw(RawElement)
    case special(any SpecialEncodable.Type)

    init(_ type: Any.Type) {
        if let primitive = Primitive.of(type) {
            self = .primitive(primitive)
        } else if let element = RawElement.of(type) {
            self = .raw(element)
        } else if let special = type as? any SpecialEncodable.Type {
            self = .special(special)
        } else {
            self = .plain
        }
    }
}

enum DecodingKind {
    case plain
    case primitive(Primitive)
    case raw(RawElement)
    case special(any SpecialDecodable.Type)

    init(_ type: Any.Type) {
        if let primitive = Primitive.of(type) {
            self = .primitive(primitive)
        } else if let element = RawElement.of(type) {
            self = .raw(element)
        } else if let special = type as? any SpecialDecodable.Type {
            self = .special(special)
        } else {
            self = .plain
        }
    }
}

/// The types every container writes directly (`encode(_: Int64)`...): reached through the
/// generic door too (an optional's value, an array's element), they are written there the
/// same way, without a container of their own.
enum Primitive {
    case bool, string, double, float, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64

    static func of(_ type: Any.Type) -> Primitive? {
        switch ObjectIdentifier(type) {
        case ObjectIdentifier(Int64.self): .int64
        case ObjectIdentifier(String.self): .string
        case ObjectIdentifier(Double.self): .double
        case ObjectIdentifier(Int.self): .int
        case ObjectIdentifier(Bool.self): .bool
        case ObjectIdentifier(UInt64.self): .uint64
        case ObjectIdentifier(Int32.self): .int32
        case ObjectIdentifier(UInt32.self): .uint32
        case ObjectIdentifier(UInt8.self): .uint8
        case ObjectIdentifier(Float.self): .float
        case ObjectIdentifier(UInt.self): .uint
        case ObjectIdentifier(Int8.self): .int8
        case ObjectIdentifier(Int16.self): .int16
        case ObjectIdentifier(UInt16.self): .uint16
        default: nil
        }
    }

    /// Writes `value`, of this primitive type, as the containers' `encode` does.
    func encode<T>(_ value: T, into writer: StateWriter) {
        switch self {
        case .bool: writer.append(unsafeBitCast(value, to: Bool.self) ? 1 : 0 as UInt8)
        case .string: writer.append(unsafeBitCast(value, to: String.self))
        case .double: writer.append(unsafeBitCast(value, to: Double.self).bitPattern)
        case .float: writer.append(unsafeBitCast(value, to: Float.self).bitPattern)
        case .int: writer.append(Int64(unsafeBitCast(value, to: Int.self)))
        case .int8: writer.append(unsafeBitCast(value, to: Int8.self))
        case .int16: writer.append(unsafeBitCast(value, to: Int16.self))
        case .int32: writer.append(unsafeBitCast(value, to: Int32.self))
        case .int64: writer.append(unsafeBitCast(value, to: Int64.self))
        case .uint: writer.append(UInt64(unsafeBitCast(value, to: UInt.self)))
        case .uint8: writer.append(unsafeBitCast(value, to: UInt8.self))
        case .uint16: writer.append(unsafeBitCast(value, to: UInt16.self))
        case .uint32: writer.append(unsafeBitCast(value, to: UInt32.self))
        case .uint64: writer.append(unsafeBitCast(value, to: UInt64.self))
        }
    }

    /// Reads what `encode` wrote, as `T` (this primitive type).
    func decode<T>(as type: T.Type, from reader: StateReader, path: @autoclosure () -> [any CodingKey]) throws -> T {
        switch self {
        case .bool: return unsafeBitCast(try reader.readBool(path: path()), to: T.self)
        case .string: return unsafeBitCast(try reader.readString(path: path()), to: T.self)
        case .double: return unsafeBitCast(Double(bitPattern: try reader.read(UInt64.self, path: path())), to: T.self)
        case .float: return unsafeBitCast(Float(bitPattern: try reader.read(UInt32.self, path: path())), to: T.self)
        case .int: return unsafeBitCast(Int(try reader.read(Int64.self, path: path())), to: T.self)
        case .int8: return unsafeBitCast(try reader.read(Int8.self, path: path()), to: T.self)
        case .int16: return unsafeBitCast(try reader.read(Int16.self, path: path()), to: T.self)
        case .int32: return unsafeBitCast(try reader.read(Int32.self, path: path()), to: T.self)
        case .int64: return unsafeBitCast(try reader.read(Int64.self, path: path()), to: T.self)
        case .uint: return unsafeBitCast(UInt(try reader.read(UInt64.self, path: path())), to: T.self)
        case .uint8: return unsafeBitCast(try reader.read(UInt8.self, path: path()), to: T.self)
        case .uint16: return unsafeBitCast(try reader.read(UInt16.self, path: path()), to: T.self)
        case .uint32: return unsafeBitCast(try reader.read(UInt32.self, path: path()), to: T.self)
        case .uint64: return unsafeBitCast(try reader.read(UInt64.self, path: path()), to: T.self)
        }
    }
}
