/// A short token's bytes as little-endian 64-bit words, zero past its end, for comparing
/// keys and labels a word at a time.
///
/// Why not copy the token into a zeroed tuple: that is a `memcpy` call of a variable
/// length, and the word loads right after it wait for its byte stores to land (a
/// store-forwarding stall): 70% of `Field.match`'s samples sat on that one load, about
/// 10% of the parse thread. When the line has `words * 8` readable bytes from the token's
/// start, the words are loaded from the line itself and the bytes past the token masked
/// off; only a token near the line's end is copied.
///
/// ```swift
/// // "type" inside `{"type":"sync"}`, with 11 readable bytes from its start:
/// TokenWords.load(token, readable: 11, words: 2)   // [0x65707974, 0]
/// ```
enum TokenWords {
    /// Word `index` of `token`, zero past its end. `readable`: bytes that may be read from
    /// `token.baseAddress` (at least `token.count`; the rest of the line after it).
    @inline(__always)
    static func word(_ index: Int, of token: UnsafeRawBufferPointer, readable: Int) -> UInt64 {
        let keep = token.count - index * 8
        guard keep > 0, let base = token.baseAddress else { return 0 }
        let offset = index * 8
        let word: UInt64
        if readable - offset >= 8 {
            word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        } else {
            var bytes: UInt64 = 0
            withUnsafeMutableBytes(of: &bytes) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + offset, count: min(keep, 8))) }
            word = UInt64(littleEndian: bytes)
        }
        return keep >= 8 ? word : word & ((1 &<< UInt64(keep &* 8)) &- 1)
    }
}
