import FlowCore
import Foundation
@testable import FlowWire
import Testing

/// A connection's label cache changes nothing a line parses to: same events, same
/// rejections, whatever the labels' lengths, escapes or collisions.
@Suite struct LabelCacheTests {
    static func lines() throws -> [String] {
        var lines = ProtocolExampleTests.examples
        for file in FuzzCorpusTests.seeds {
            let data = try Data(contentsOf: FuzzCorpusTests.directory.appendingPathComponent(file))
            lines += String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(lines.count > 100)
        return lines
    }

    @Test func everySeedLineParsesTheSameWithTheCacheTwice() throws {
        let labels = LabelCache()
        for line in try Self.lines() {
            let plain = parser.parse(line, receivedAt: now)
            #expect(parser.parse(line, labels: labels) == plain, "\(line)")
            #expect(parser.parse(line, labels: labels) == plain, "from the cache: \(line)")
        }
    }

    @Test func longLabelsComeBackEqualAndEscapedOnesAreDecoded() {
        let labels = LabelCache()
        let long = #"{"type":"ai_request","provider":"anthropic","model":"claude-3-5-sonnet","tenant":"tenant-with-a-long-name-x"}"#
        for _ in 0..<3 {
            guard case .event(let event) = parser.parse(long, labels: labels), case .aiRequest(let r) = event.body else {
                Issue.record("not an ai_request")
                return
            }
            #expect(r.model == "claude-3-5-sonnet" && event.tenant == "tenant-with-a-long-name-x")
        }
        let escaped = #"{"type":"message_sent","channel":"sm\u0073","tenant":"a\"b"}"#
        #expect(parser.parse(escaped, labels: labels) == parser.parse(escaped, receivedAt: now))
        #expect(parser.parse(#"{"type":"message_sent","channel":"sms","tenant":"a\"b"}"#, labels: labels)
                == parser.parse(#"{"type":"message_sent","channel":"sms","tenant":"a\"b"}"#, receivedAt: now))
    }

    /// More labels than slots, each seen twice: slots are replaced, answers stay right.
    @Test func manyMoreLabelsThanSlotsStayCorrect() {
        let labels = LabelCache()
        for round in 0..<2 {
            for i in 0..<(LabelCache.slotCount * 3) {
                let tenant = "tenant-number-\(i)-\(String(repeating: "x", count: i % 20))"
                let line = #"{"type":"message_sent","channel":"c\#(i % 7)","tenant":"\#(tenant)"}"#
                guard case .event(let event) = parser.parse(line, labels: labels) else {
                    Issue.record("rejected in round \(round): \(line)")
                    return
                }
                #expect(event.tenant == tenant)
                #expect(event.body == .messageSent(channel: "c\(i % 7)", messageType: "outbound"))
            }
        }
    }
}

extension WireParser {
    func parse(_ line: String, labels: LabelCache) -> ParseResult {
        var copy = line
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0), receivedAt: now, labels: labels) }
    }
}
