import Testing
@testable import FlowStore

@Suite struct CRC32CTests {
    @Test func theStandardCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    /// RFC 3720 (iSCSI), appendix B.4.
    @Test func theRFC3720Vectors() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xff, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
    }

    /// The CPU's instruction (where there is one) and the tables agree on every length
    /// and alignment, continued from any value.
    @Test func theInstructionAndTheTablesAgree() {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes.withUnsafeBytes { raw in
            for start in 0..<9 {
                for end in stride(from: start, through: raw.count, by: 7) {
                    let piece = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                    for seed: UInt32 in [0, 0xE306_9283, 0xFFFF_FFFF] {
                        #expect(CRC32C.update(seed, piece) == CRC32C.tableUpdate(seed, piece),
                                "bytes \(start)..<\(end) from \(seed)")
                    }
                }
            }
        }
        #if arch(x86_64)
        #expect(CRC32C.hardware, "an x86-64 CPU without SSE 4.2: the tables do the work")
        #endif
    }

    @Test func nothingChecksToZero() {
        #expect(CRC32C.checksum([]) == 0)
    }

    /// The 8-byte loop and the byte-at-a-time tail agree, at every split and alignment.
    @Test func anyLengthAndAnySplitGiveTheSameChecksum() {
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let whole = CRC32C.checksum(bytes)
        for split in 0...bytes.count {
            let continued = bytes.withUnsafeBytes { raw in
                CRC32C.update(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[..<split])),
                              UnsafeRawBufferPointer(rebasing: raw[split...]))
            }
            #expect(continued == whole, "split at \(split)")
        }
        // A bytewise reference, to check the tables themselves.
        func reference(_ data: ArraySlice<UInt8>) -> UInt32 {
            var c: UInt32 = 0xffff_ffff
            for b in data {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            }
            return ~c
        }
        for start in 0..<9 {
            let slice = bytes[start...]
            #expect(CRC32C.checksum(Array(slice)) == reference(slice))
        }
    }
}
