import FlowFormats
import FlowIngest
import Foundation
import Testing

/// The `sync_ack` line: exact wire form, JSON escaping, and decoding it back.
@Suite struct SyncAckTests {
    @Test func wireFormMatchesEventsMD() {
        let ack = SyncAck(accepted: 1200, rejected: 3, errors: [.init(line: 17, reason: "missing_field", detail: "lead_id")])
        #expect(ack.jsonLine == #"{"type":"sync_ack","accepted":1200,"rejected":3,"durable":false,"errors":[{"line":17,"reason":"missing_field","detail":"lead_id"}]}"# + "\n")
    }

    @Test func emptyErrorsIsAnEmptyArray() {
        #expect(SyncAck(accepted: 0, rejected: 0).jsonLine == #"{"type":"sync_ack","accepted":0,"rejected":0,"durable":false,"errors":[]}"# + "\n")
    }

    /// Escaping in the ack is the one JSON writer's: control characters, DEL and the line
    /// separators that break JavaScript readers are escaped; other text passes as UTF-8.
    @Test func wireFormEscapesLikeTheJSONWriter() {
        let ack = SyncAck(accepted: 5, rejected: 2, durable: true, errors: [
            .init(line: 3, reason: "missing_field", detail: "lead_id"),
            .init(line: 4, reason: "invalid_json", detail: "\"\\\n\u{0}\u{7F}\u{2028}日本"),
        ])
        #expect(ack.jsonLine == #"{"type":"sync_ack","accepted":5,"rejected":2,"durable":true,"errors":[{"line":3,"reason":"missing_field","detail":"lead_id"},{"line":4,"reason":"invalid_json","detail":"\"\\\n\u0000\u007f\u2028日本"}]}"# + "\n")
    }

    @Test func detailIsJSONEscaped() throws {
        let detail = "quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} e\u{301} 日本"
        let ack = SyncAck(accepted: 0, rejected: 1, errors: [.init(line: 1, reason: "invalid_json", detail: detail)])
        let line = ack.jsonLine
        #expect(line.filter { $0 == "\n" }.count == 1, "one line, ended by its newline")
        #expect(line.contains(#"quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007"#))
        let decoded = try JSONDecoder().decode(SyncAck.self, from: Data(line.utf8))
        #expect(decoded == ack)
    }

    @Test func decodingIgnoresUnknownFieldsAndDefaultsMissingOnes() throws {
        let text = #"{"type":"sync_ack","accepted":5,"rejected":1,"future":[1],"errors":[{"line":2,"reason":"some_new_code"}]}"#
        let ack = try JSONDecoder().decode(SyncAck.self, from: Data(text.utf8))
        #expect(ack == SyncAck(accepted: 5, rejected: 1, durable: false, errors: [.init(line: 2, reason: "some_new_code", detail: "")]))
        #expect(ack.errors.first?.rejectReason == nil)
    }

    @Test func decodingRefusesAnotherType() {
        let text = #"{"type":"lead_created","accepted":5,"rejected":1}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SyncAck.self, from: Data(text.utf8)) }
    }

    /// What the client reads (`SocketClient.receiveAck`): the line as an engine writes it,
    /// with the fields in any order, the new ones ignored and the optional ones absent.
    @Test func theClientReadsTheLineWithTheOneParser() throws {
        let written = SyncAck(accepted: 5, rejected: 2, durable: true, errors: [
            .init(line: 4, reason: "invalid_json", detail: "\"\\\n\u{0}\u{7F}\u{2028}日本"),
        ])
        #expect(try SyncAck(line: Array(written.jsonLine.utf8)) == written)
        let older = #"{"type":"sync_ack","accepted":1200,"rejected":3,"errors":[{"line":17,"reason":"missing_field","detail":"lead_id"}]}"#
        #expect(try SyncAck(line: Array(older.utf8))
                == SyncAck(accepted: 1200, rejected: 3, errors: [.init(line: 17, reason: "missing_field", detail: "lead_id")]))
        let reordered = #"{"rejected":0,"errors":[],"future":{"x":[1]},"accepted":7.0,"type":"sync_ack"}"#
        #expect(try SyncAck(line: Array(reordered.utf8)) == SyncAck(accepted: 7, rejected: 0))
        #expect(throws: (any Error).self) { try SyncAck(line: Array(#"{"type":"lead_created","accepted":5,"rejected":1}"#.utf8)) }
        #expect(throws: (any Error).self) { try SyncAck(line: Array("not json".utf8)) }
    }
}
