import FlowRemoteWrite
import Testing

/// libsnappy through CSnappy: the block format round-trips, and bytes that are not a block
/// are refused, not trusted.
@Suite("remote_write: snappy block format")
struct SnappyTests {
    @Test("compressed bytes come back as they were, and repetitive text shrinks")
    func roundTrip() throws {
        let text = Array(String(repeating: "flowtop_slo_events_total{slo=\"ai_request_success\"} 12\n", count: 50).utf8)
        let packed = Snappy.compress(text)
        #expect(packed.count < text.count / 4)
        #expect(try Snappy.uncompress(packed) == text)
    }

    @Test("no bytes compress to the one-byte block of length 0")
    func empty() throws {
        #expect(Snappy.compress([]) == [0])
        #expect(try Snappy.uncompress([0]) == [])
    }

    @Test("the block format, not the framed one: a known block decodes")
    func knownBlock() throws {
        // length 5 as a varint, then a literal of 5 bytes (tag (5-1)<<2).
        #expect(try Snappy.uncompress([5, 16, 104, 101, 108, 108, 111]) == Array("hello".utf8))
    }

    @Test("bytes that are not a snappy block are refused")
    func garbage() {
        #expect(throws: SnappyError.invalid) { try Snappy.uncompress([0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 1]) }
        #expect(throws: SnappyError.invalid) { try Snappy.uncompress([]) }
    }
}
