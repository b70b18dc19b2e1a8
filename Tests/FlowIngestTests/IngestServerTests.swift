import FlowCore
import FlowIngest
import Testing

/// The event socket end to end: real Unix sockets, real clients, a real engine.
@Suite struct IngestServerTests {
    /// Nine lines: three valid, four rejected for different reasons, a blank one, and `sync`.
    static func script(tenant: String) -> [String] {
        [
            #"{"type":"lead_created","lead_id":"L-1","tenant":"\#(tenant)"}"#,
            #"{"type":"lead_created""#,
            "",
            #"{"type":"lead_created","tenant":"\#(tenant)"}"#,
            #"{"type":"lead_deleted","lead_id":"L-1"}"#,
            #"{"type":"message_sent","channel":""# + String(repeating: "x", count: 70_000) + #""}"#,
            #"{"type":"message_sent","channel":"whatsapp","tenant":"\#(tenant)"}"#,
            #"{"type":"ai_response_latency","latency_ms":840,"tenant":"\#(tenant)"}"#,
            #"{"type":"sync"}"#,
        ]
    }

    static func expectScriptErrors(_ errors: [SyncAck.LineError], offset: Int64 = 0) {
        #expect(errors.map(\.line) == [2, 4, 5, 6].map { $0 + offset })
        #expect(errors.map(\.reason) == ["invalid_json", "missing_field", "unknown_type", "line_too_long"])
        #expect(errors.dropFirst().map(\.detail) == ["lead_id", "lead_deleted", "longer than 65536 bytes"])
    }

    @Test func concurrentClientsEachGetTheirOwnCountsAndTheEngineOnlyValidEvents() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let server = try await RunningServer(path: dir.file("s.sock"))
        let tenants = (0..<6).map { "c\($0)" }
        let acks = try await withThrowingTaskGroup(of: (SyncAck, SyncAck).self) { group in
            for tenant in tenants {
                group.addTask {
                    try await withClient(server.path) { client in
                        try client.send(lines: Self.script(tenant: tenant))
                        let first = try client.receiveAck()
                        try client.send(lines: Self.script(tenant: tenant))
                        return (first, try client.receiveAck())
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(acks.count == tenants.count)
        for (first, second) in acks {
            #expect((first.accepted, first.rejected, first.durable) == (3, 4, false))
            Self.expectScriptErrors(first.errors)
            #expect((second.accepted, second.rejected) == (6, 8), "counts are since the connection opened")
            #expect(second.errors.count == 8)
            Self.expectScriptErrors(Array(second.errors.suffix(4)), offset: 9)
        }
        let ingest = server.ingest
        #expect(ingest.eventsTotal == 6 * 6)
        #expect(ingest.rejected[.invalidJSON] == 12)
        #expect(ingest.rejected[.missingField] == 12)
        #expect(ingest.rejected[.unknownType] == 12)
        #expect(ingest.rejected[.lineTooLong] == 12)
        #expect(ingest.rejected.total == 48)
        #expect(server.host.snapshot(SnapshotQuery()).tenants == tenants)
        try await server.stop()
    }

    @Test func eventsReachTheEngineInBatchesNotOneLockPerEvent() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let server = try await RunningServer(path: dir.file("s.sock"))
        let lines = (0..<500).map { #"{"type":"lead_created","lead_id":"L-\#($0)"}"# }
        let ack = try await withClient(server.path) { client in
            try client.send(lines: lines)
            return try client.sync()
        }
        #expect(ack.accepted == 500)
        #expect(server.ingest.eventsTotal == 500)
        // `version` moves once per applied batch: a few reads' worth, far fewer than 500.
        #expect(server.host.version < 50)
        try await server.stop()
    }

    @Test func aLineSplitAcrossManyTinyWritesIsOneEvent() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let server = try await RunningServer(path: dir.file("s.sock"))
        let ack = try await withClient(server.path) { client in
            for byte in #"{"type":"message_sent","channel":"sms"}"#.utf8 + [UInt8(ascii: "\r"), UInt8(ascii: "\n")] {
                try client.send(bytes: [byte])
                try client.flush()
            }
            return try client.sync()
        }
        #expect(ack == SyncAck(accepted: 1, rejected: 0))
        #expect(server.ingest.eventsTotal == 1)
        try await server.stop()
    }

    @Test func crlfLinesAreAccepted() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let server = try await RunningServer(path: dir.file("s.sock"))
        let ack = try await withClient(server.path) { client in
            try client.send(bytes: Array("{\"type\":\"lead_created\",\"lead_id\":\"A\"}\r\n\r\n{\"type\":\"sync\"}\r\n".utf8))
            try client.flush()
            return try client.receiveAck()
        }
        #expect(ack == SyncAck(accepted: 1, rejected: 0))
        try await server.stop()
    }

    @Test func halfCloseStillProcessesTheUnfinishedLastLineAndAnswersIt() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let server = try await RunningServer(path: dir.file("s.sock"))
        let ack = try await withClient(server.path) { client in
            try client.send(bytes: Array("{\"type\":\"lead_created\",\"lead_id\":\"A\"}\n{\"type\":\"sync\"}".utf8))
            try client.finishSending()
            return try client.receiveAck()
        }
        #expect(ack == SyncAck(accepted: 1, rejected: 0))
        try await server.stop()
    }

    @Test func anUnterminatedLastEventCountsWhenTheClientCloses() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let server = try await RunningServer(path: dir.file("s.sock"))
        let answer = try await withClient(server.path) { client -> SocketClientError? in
            try client.send(bytes: Array(#"{"type":"lead_created","lead_id":"A"}"#.utf8))
            try client.finishSending()
            do throws(SocketClientError) {
                _ = try client.receiveAck()
                return nil
            } catch {
                return error
            }
        }
        #expect(answer == .connectionClosed(path: server.path), "no sync asked, so nothing is written back")
        await server.eventually("the event is applied") { server.ingest.eventsTotal == 1 }
        try await server.stop()
    }

    @Test func openConnectionsAreCounted() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let server = try await RunningServer(path: dir.file("s.sock"))
        let clients = try await onOwnThread {
            UncheckedBox(try (0..<3).map { _ in try SocketClient(path: server.path, timeout: .seconds(10)) })
        }
        await server.eventually("3 connections are open") { server.server.openConnections == 3 }
        for client in clients.value { client.close() }
        await server.eventually("all connections are closed") { server.server.openConnections == 0 }
        try await server.stop()
    }
}
