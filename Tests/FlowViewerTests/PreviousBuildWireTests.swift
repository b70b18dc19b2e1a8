import FlowCore
import FlowViewer
import Foundation
import Testing

/// The viewer wire as an earlier build wrote it (`Fixtures/previous-build`, each file one
/// message as that build's `ViewerMessage.line()` gave it, commit bfc5682): every message
/// still parses, holds what was sent, and is written back byte for byte. So an engine and a
/// viewer of the two builds understand each other both ways, and a viewer's patches keep
/// applying to the trees it holds.
///
/// The snapshot and patch come from FlowTestKit's workload (the rich query, a second and
/// a few events apart, a burn rate of +Inf and one of -Inf). When the snapshot's fields
/// change (a new protocol version), the files are written again by that build.
@Suite struct PreviousBuildWireTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/previous-build")

    static let names = [
        "hello", "view", "welcome", "snapshot", "patch", "command-silence", "command-acknowledge", "command-expire",
        "outcome-silenced", "outcome-refused", "outcome-done", "status", "error", "resync",
    ]

    /// The message's line, without its newline.
    static func line(_ name: String) throws -> String {
        let text = try String(contentsOf: directory.appendingPathComponent(name + ".json"), encoding: .utf8)
        return String(text.dropLast())
    }

    static func message(_ name: String) throws -> ViewerMessage {
        try ViewerMessage.parse(Array(line(name).utf8))
    }

    @Test(arguments: names)
    func aMessageOfThePreviousBuildIsWrittenBackByteForByte(_ name: String) throws {
        let line = try Self.line(name)
        #expect(try ViewerMessage.parse(Array(line.utf8)).line() == line)
    }

    @Test func theViewerMessagesHoldWhatWasSent() throws {
        let hello = try Self.message("hello")
        #expect(hello.type == .viewerHello && hello.protocol == 1 && hello.user == "ana" && hello.want == .stream)
        #expect(try SnapshotCoding.decodeQuery(#require(hello.view)) == ViewerFixture.richQuery)

        var custom = ViewerFixture.richQuery
        custom.tenant = "tenant-1"
        custom.detail = SLODetailQuery(slo: "sync_ok", series: .model("claude"), range: .d30)
        custom.attribution = AttributionParameters(lookbackDays: .infinity, halfLifeDays: 2.5, markovOrder: 2, maxChannels: 9)
        #expect(try SnapshotCoding.decodeQuery(#require(Self.message("view").view)) == custom)

        #expect(try Self.message("command-silence").command == .silence(
            matchers: [LabelMatcher("slo", .equal, "ai_request_success"), LabelMatcher("tenant", .regex, "a/c.*")],
            duration: "2h", comment: "deploy \"v2\"\n", alert: "ai_request_success page"))
        #expect(try Self.message("command-acknowledge").command
                == .acknowledge(fingerprint: "a1b2c3d4e5f60718", alert: "sync_ok ticket", also: ["0f0e0d0c0b0a0908"]))
        #expect(try Self.message("command-expire").command == .expireSilences(ids: ["s-1", "s-2"]))
        #expect(try Self.message("command-expire").id == 5)
        #expect(try Self.message("resync").type == .resync)
    }

    @Test func theEngineMessagesHoldWhatWasSent() throws {
        let engine = EngineIdentity(role: "serve", pid: 4242, startedAt: ViewerFixture.end - 60_000,
                                    socket: "/tmp/flowtop é/events.sock")
        let welcome = try Self.message("welcome")
        #expect(welcome.engine == engine && welcome.session == "3f2a9c1e-0d4b-4f7a-9b1c-2e8d7a6f5c40")
        #expect(try Self.message("outcome-silenced").outcome == .silenced(id: "s-3", until: ViewerFixture.end + 7_200_000))
        #expect(try Self.message("outcome-refused").outcome == .refused("sync_ok ticket could not be acknowledged: it resolved"))
        #expect(try Self.message("outcome-done").outcome == .done)
        let status = try Self.message("status")
        #expect(status.engine == engine && status.viewers == 3)
        #expect(status.status?.worstSLO == "ai_request_success" && status.status?.now == ViewerFixture.end)
        let error = try Self.message("error")
        #expect(error.code == "protocol_version" && error.message?.hasPrefix("this engine (pid 4242)") == true)
    }

    /// The whole snapshot, compared with what Foundation's decoder reads from the same
    /// bytes (the member cut out of the line as text), with the strategy the previous
    /// build decoded with.
    @Test func theSnapshotDecodesAsFoundationReadsIt() throws {
        let line = try Self.line("snapshot")
        let (head, tail) = (#"{"seq":7,"snapshot":"#, #","type":"snapshot","viewers":2}"#)
        try #require(line.hasPrefix(head) && line.hasSuffix(tail))
        let member = Data(line.utf8.dropFirst(head.utf8.count).dropLast(tail.utf8.count))
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        let expected = try decoder.decode(EngineSnapshot.self, from: member)

        let message = try Self.message("snapshot")
        #expect(message.seq == 7 && message.viewers == 2)
        let snapshot = try SnapshotCoding.decode(#require(message.snapshot))
        #expect(snapshot == expected)
        #expect(snapshot.slos[0].burnRates[.h1] == .infinity && snapshot.slos[1].windowBurn == -.infinity)
        #expect(snapshot.detail != nil && snapshot.funnelAnalysis != nil && !snapshot.alerting.alerts.isEmpty)
    }

    /// A viewer holding the previous build's snapshot applies its patch and reads the
    /// result: the snapshot a second later.
    @Test func thePatchAppliesToTheSnapshotItFollows() throws {
        let whole = try Self.message("snapshot")
        let patch = try Self.message("patch")
        #expect(patch.base == whole.seq && patch.seq == 8)
        let ops = try #require(patch.ops)
        #expect(ops.count > 10)
        let next = try SnapshotCoding.decode(JSONPatch.apply(ops, to: #require(whole.snapshot)))
        let first = try SnapshotCoding.decode(#require(whole.snapshot))
        #expect(next.now == first.now + 1_000)
        #expect(next.slos[0].burnRates[.h1] == .infinity && next.slos[1].windowBurn != -.infinity)
    }
}
