import FlowCore
import FlowIngest
import FlowTestKit
import ServiceLifecycle
import Testing

/// Start-up and shutdown of the event socket: modes, refusals, stale sockets, clean-up.
@Suite struct IngestServerLifecycleTests {
    @Test func socketIsOwnerOnlyInsideA0700DirectoryItCreated() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let server = try await RunningServer(path: dir.file("flowtop/events.sock"))
        #expect(FileFixtures.permissions(dir.file("flowtop")) == 0o700)
        #expect(FileFixtures.isSocket(server.path))
        #expect(FileFixtures.permissions(server.path) == 0o600)
        #expect(server.server.listeningPath == server.path)
        try await server.stop()
    }

    @Test func socketModeCanBeWidenedForAGroup() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let mode = try #require(SocketFileMode(octal: "0660"))
        let server = try await RunningServer(path: dir.file("s.sock"), mode: mode)
        #expect(FileFixtures.permissions(server.path) == 0o660)
        try await server.stop()
    }

    @Test func shutdownRemovesTheSocketAndClosesClients() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let server = try await RunningServer(path: dir.file("s.sock"))
        let client = try await onOwnThread { UncheckedBox(try SocketClient(path: server.path, timeout: .seconds(10))) }
        await server.eventually("the client is connected") { server.server.openConnections == 1 }
        try await server.stop()
        #expect(!FileFixtures.exists(server.path))
        #expect(server.server.listeningPath == nil)
        #expect(server.server.openConnections == 0)
        let afterShutdown = try await onOwnThread { () -> SocketClientError? in
            do throws(SocketClientError) {
                _ = try client.value.receiveAck()
                return nil
            } catch {
                return error
            }
        }
        #expect(afterShutdown == .connectionClosed(path: server.path))
        client.value.close()
    }

    @Test func gracefulShutdownOfAServiceGroupStopsItAndRemovesTheSocket() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("s.sock")
        let server = IngestServer(host: EngineHost(engine: Engine(), clock: ManualClock()), configuration: .init(socketPath: path))
        let group = ServiceGroup(services: [server])
        let running = Task { try await group.run() }
        #expect(try await withTimeout(.seconds(10)) { try await server.waitUntilListening() } == path)
        let ack = try await withClient(path) { try $0.sync() }
        #expect(ack.accepted == 0)
        await group.triggerGracefulShutdown()
        try await withTimeout(.seconds(10)) { try await running.value }
        #expect(!FileFixtures.exists(path))
    }

    @Test func aSecondServerOnALiveSocketFailsWithAddressInUse() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let first = try await RunningServer(path: dir.file("s.sock"))
        let error = await #expect(throws: SocketPathError.self) {
            _ = try await RunningServer(path: first.path)
        }
        #expect(error == .addressInUse(path: first.path))
        #expect(error.map { "\($0)" } == "address in use: another process is listening on \(first.path); "
                + "stop it or choose another path with --socket")
        // The first one is untouched and still answers.
        let ack = try await withClient(first.path) { try $0.sync() }
        #expect(ack == SyncAck(accepted: 0, rejected: 0))
        try await first.stop()
    }

    @Test func aStaleSocketIsReplaced() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("s.sock")
        try FileFixtures.makeStaleSocket(path)
        let server = try await RunningServer(path: path)
        let ack = try await withClient(path) { client in
            try client.send(line: #"{"type":"message_sent","channel":"email"}"#)
            return try client.sync()
        }
        #expect(ack.accepted == 1)
        try await server.stop()
    }

    @Test func aRegularFileAtThePathStopsStartUpAndIsKept() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("s.sock")
        try FileFixtures.writeFile("keep me", to: path)
        let host = EngineHost(engine: Engine(), clock: ManualClock())
        let server = IngestServer(host: host, configuration: .init(socketPath: path))
        await #expect(throws: SocketPathError.occupied(path: path, kind: "a regular file")) {
            try await withTimeout(.seconds(10)) { try await server.run() }
        }
        await #expect(throws: SocketPathError.self) {
            _ = try await withTimeout(.seconds(10)) { try await server.waitUntilListening() }
        }
        #expect(FileFixtures.isRegularFile(path))
    }

    @Test func aServerRunsOnlyOnce() async throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let server = try await RunningServer(path: dir.file("s.sock"))
        await #expect(throws: IngestServerError.alreadyRunning) { try await server.server.run() }
        try await server.stop()
        await #expect(throws: IngestServerError.stopped) { _ = try await server.server.waitUntilListening() }
    }

    @Test func theClientSaysWhenNobodyListens() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("s.sock")
        let error = #expect(throws: SocketClientError.self) { _ = try SocketClient(path: path) }
        #expect(error == .notListening(path: path))
        #expect(error.map { "\($0)" } == "no flowtop is listening on \(path) (start it with `flowtop`)")
        try FileFixtures.makeStaleSocket(path)
        #expect(throws: SocketClientError.notListening(path: path)) { _ = try SocketClient(path: path) }
    }
}
