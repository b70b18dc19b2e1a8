import FlowCore
import FlowTestKit
import Synchronization
import Testing
@testable import FlowViewer

/// The engine's side of the viewer protocol, one round at a time (`ViewerHub.round()`),
/// against a real engine host and an outbox that keeps what would go on the wire.
@Suite struct ViewerHubTests {
    /// Keeps every line; `backedUp` plays a viewer that does not read.
    final class Recorder: ViewerOutbox {
        let lines = Mutex<[String]>([])
        private let closedFlag = Atomic<Bool>(false)
        var wasClosed: Bool { closedFlag.load(ordering: .relaxed) }
        let backedUp = Atomic<Bool>(false)
        func send(_ line: String) { lines.withLock { $0.append(line) } }
        var isBackedUp: Bool { backedUp.load(ordering: .relaxed) }
        func close() { closedFlag.store(true, ordering: .relaxed) }
        var messages: [ViewerMessage] { lines.withLock { $0 }.map { try! ViewerMessage.parse(Array($0.utf8)) } }
        func drain() -> [ViewerMessage] {
            let taken = messages
            lines.withLock { $0.removeAll() }
            return taken
        }
    }

    static func hub(clock: ManualClock) -> ViewerHub {
        var engine = Engine()
        let start = clock.now()
        engine.apply((0..<50).map { i in
            Event(time: start - Int64(i) * 1000, body: .aiRequest(AIRequest(provider: "openai", model: "gpt-4o",
                                                                                success: i != 3)))
        }, receivedAt: start)
        let host = EngineHost(engine: engine, clock: clock)
        return ViewerHub(host: host, identity: EngineIdentity(role: "serve", pid: 42, startedAt: start, socket: "/s"),
                         decorate: { $0.notifiers = [NotifierStatus(name: "slack")] })
    }

    static func hello(_ version: Int = ViewerMessage.protocolVersion, want: ViewerMessage.Want = .stream) -> ViewerMessage {
        var hello = ViewerMessage.hello(user: "ana", want: want, view: try? SnapshotCoding.encodeQuery(SnapshotQuery()))
        hello.protocol = version
        return hello
    }

    static let sloMatchers = [LabelMatcher("slo", .equal, "ai_request_success")]

    /// `command` as a viewer sends it: a line through the session, as a transport hands it over.
    static func send(_ command: ViewerCommand, id: Int64, to session: ViewerSession) throws {
        var message = ViewerMessage(type: .command)
        message.id = id
        message.command = command
        session.receive(Array(try message.line().utf8))
    }

    @Test func aViewerGetsTheWholeSnapshotThenPatchesThatRebuildEachSnapshot() throws {
        let clock = ManualClock()
        let hub = Self.hub(clock: clock)
        let outbox = Recorder()
        #expect(hub.open(hello: Self.hello(), outbox: outbox) != nil)
        #expect(hub.count == 1)
        hub.round()
        var stream = ViewerStream()
        var messages = outbox.drain()
        #expect(messages.map(\.type) == [.welcome, .snapshot], "\(messages.map(\.type))")
        #expect(messages.first?.engine?.pid == 42)
        for message in messages { _ = try stream.take(message) }

        hub.round()   // the same second, nothing asked: nothing sent
        #expect(outbox.drain().isEmpty)

        clock.advance(seconds: 1)
        hub.round()
        messages = outbox.drain()
        #expect(messages.map(\.type) == [.patch])
        #expect(messages.first?.base == stream.seq)
        let event = try stream.take(messages[0])
        guard case .snapshot(let rebuilt, let viewers)? = event else {
            Issue.record("no snapshot from the patch: \(String(describing: event))")
            return
        }
        var expected = hub.host.snapshot(SnapshotQuery())
        expected.notifiers = [NotifierStatus(name: "slack")]
        #expect(rebuilt == expected)
        #expect(viewers == 1)
    }

    @Test func viewersOfOneViewShareOnePatchAndABackedUpOneWaits() throws {
        let clock = ManualClock()
        let hub = Self.hub(clock: clock)
        let (one, two) = (Recorder(), Recorder())
        _ = hub.open(hello: Self.hello(), outbox: one)
        _ = hub.open(hello: Self.hello(), outbox: two)
        hub.round()
        _ = (one.drain(), two.drain())
        clock.advance(seconds: 1)
        hub.round()
        // Both held the same snapshot, so they got the very same patch, encoded once.
        let (shared1, shared2) = (one.lines.withLock { $0 }, two.lines.withLock { $0 })
        #expect(shared1.count == 1 && shared1 == shared2)
        #expect(one.drain().last?.viewers == 2)
        let held = two.drain().last?.seq

        clock.advance(seconds: 1)
        two.backedUp.store(true, ordering: .relaxed)
        hub.round()
        #expect(one.drain().count == 1)
        #expect(two.drain().isEmpty, "a viewer that does not read gets nothing new")
        two.backedUp.store(false, ordering: .relaxed)
        hub.round()
        // Once it reads again: one patch from what it holds, over the gap.
        let caughtUp = two.drain()
        #expect(caughtUp.count == 1 && caughtUp.first?.base == held)
    }

    @Test func anotherProtocolVersionIsToldSoAndClosed() {
        let hub = Self.hub(clock: ManualClock())
        let outbox = Recorder()
        #expect(hub.open(hello: Self.hello(2), outbox: outbox) == nil)
        let message = outbox.messages.first
        #expect(message?.type == .error && message?.code == "protocol_version")
        #expect(message?.message?.contains("speaks viewer protocol 1, the viewer 2") == true, "\(String(describing: message))")
        #expect(outbox.wasClosed)
        #expect(hub.count == 0)
    }

    @Test func commandsChangeTheEngineAndAnswerWithTheirOutcome() throws {
        let clock = ManualClock()
        let hub = Self.hub(clock: clock)
        let outbox = Recorder()
        let session = try #require(hub.open(hello: Self.hello(), outbox: outbox))
        _ = outbox.drain()
        try Self.send(.silence(matchers: Self.sloMatchers, duration: "2h", comment: "deploy", alert: "ai_request_success"),
                      id: 7, to: session)
        let answer = try #require(outbox.drain().first)
        #expect(answer.type == .outcome && answer.id == 7)
        guard case .silenced(let id, let until)? = answer.outcome else {
            Issue.record("\(String(describing: answer.outcome))")
            return
        }
        #expect(until == clock.now() + 7_200_000)
        let silence = hub.host.alerting().silences.first { $0.silence.id == id }
        #expect(silence?.silence.author == "ana")

        try Self.send(.expireSilences(ids: ["silence-404"]), id: 8, to: session)
        #expect(outbox.drain().first?.outcome == .refused("silence-404 had expired already"))

        session.receive(Array("not json".utf8))
        #expect(outbox.drain().first?.code == "bad_message")
        session.closed()
        #expect(hub.count == 0)
    }

    @Test func aViewerThatMayOnlyLookIsToldWhyAndTheEngineStaysAsItWas() throws {
        let hub = Self.hub(clock: ManualClock())
        let outbox = Recorder()
        let session = try #require(hub.open(hello: Self.hello(), outbox: outbox, commandsRefusal: "needs a token"))
        _ = outbox.drain()
        try Self.send(.silence(matchers: Self.sloMatchers, duration: "2h", comment: "", alert: "ai_request_success"),
                      id: 1, to: session)
        #expect(outbox.drain().first?.outcome == .refused("needs a token"))
        #expect(hub.host.alerting().silences.isEmpty)
    }

    @Test func aStatusRequestGetsOneLineAndTheConnectionCloses() throws {
        let hub = Self.hub(clock: ManualClock())
        let outbox = Recorder()
        #expect(hub.open(hello: Self.hello(want: .status), outbox: outbox) == nil)
        hub.round()
        let message = try #require(outbox.messages.first)
        #expect(message.type == .status)
        #expect(message.status?.worstSLO == "ai_request_success")
        #expect(message.status?.eventsTotal == 50)
        #expect(outbox.wasClosed)
    }
}
