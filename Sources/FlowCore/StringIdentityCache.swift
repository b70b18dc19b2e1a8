/// A small cache in front of a dictionary keyed by strings the engine sees on every event
/// (a tenant, a model): it finds a string it has seen by the string's own 16 bytes, without
/// hashing its characters.
///
/// Why: the wire layer hands the engine the same `String` for the same label again and
/// again (a short one inline, a long one the same storage, `LabelCache`), and each lookup
/// in a `[String: ...]` dictionary hashes it with SipHash, about 30 ns, several times per
/// event. Equal bits are an equal string: an inline string's bits are its characters, and
/// a long one's are its storage, which the cache keeps alive (it holds the key), so no
/// other string can ever take its address. Different bits prove nothing, so a miss asks
/// the dictionary, as before: the cache never changes an answer.
///
/// Direct-mapped, 64 slots, not part of any checkpoint: a restored engine starts empty.
///
/// ```swift
/// if let known = cache.value(for: event.tenant) { return known }
/// let found = tenants.canonical(event.tenant)
/// cache.store(found, for: event.tenant)
/// ```
struct StringIdentityCache<Value: Sendable>: Sendable {
    private static var slotCount: Int { 64 }
    private var keys: [String] = []
    private var values: [Value?] = []

    /// The value kept for `key`, if this very string (same bits) was stored last in its slot.
    func value(for key: String) -> Value? {
        let slot = Self.slot(key)
        guard slot < values.count, let value = values[slot], Self.sameBits(keys[slot], key) else { return nil }
        return value
    }

    /// Keeps `value` for `key`. Only for a value the dictionary behind will give for this
    /// key every time it is asked from now on.
    mutating func store(_ value: Value, for key: String) {
        if keys.isEmpty {
            keys = Array(repeating: "", count: Self.slotCount)
            values = Array(repeating: nil, count: Self.slotCount)
        }
        let slot = Self.slot(key)
        keys[slot] = key
        values[slot] = value
    }

    private static func slot(_ key: String) -> Int {
        let bits = withUnsafeBytes(of: key) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
        var hash = (bits.0 ^ (bits.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xC2B2_AE3D_27D4_EB4F
        hash ^= hash >> 29
        return Int(truncatingIfNeeded: hash >> 58)
    }

    private static func sameBits(_ a: String, _ b: String) -> Bool {
        withUnsafeBytes(of: a) { a in
            withUnsafeBytes(of: b) { b in
                a.load(as: UInt64.self) == b.load(as: UInt64.self)
                    && a.load(fromByteOffset: 8, as: UInt64.self) == b.load(fromByteOffset: 8, as: UInt64.self)
            }
        }
    }
}
