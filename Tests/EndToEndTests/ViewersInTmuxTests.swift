import Foundation
import Testing

/// Issue 15 as an on-call engineer meets it: one `flowtop serve`, three dashboards in tmux
/// attached to it (one of them `--pane alerts`), a tmux status line fed by `flowtop
/// status`, the engine stopped and started again, and `--connect` over the HTTP API.
@Suite("viewers attached to one engine", .serialized, .oneLiveProcessTestAtATime)
struct ViewersInTmuxTests {
    static let rules = """
        groups:
          - name: e2e
            rules:
              - alert: AIResponsesSlow
                expr: ai_response_p99_ms > 1000
                labels: {severity: page}
                annotations: {summary: "AI responses are slow"}

        """

    /// The `ai_request_success` row's SLI, 3d burn and budget left, as `RestartInTmuxTests` reads them.
    static func sloNumbers(_ screen: String) -> [String]? { RestartInTmuxTests.sloNumbers(screen) }

    static func attachedPid(_ screen: String) -> String? {
        guard let range = screen.range(of: #"attached to serve pid \d+"#, options: .regularExpression) else { return nil }
        return String(screen[range].split(separator: " ").last ?? "")
    }

    /// A dashboard in a tmux of its own whose status line runs `flowtop status --format tmux`
    /// every second, inside the test's tmux: the outer pane shows the inner screen, status line included.
    /// Returns the outer session and the inner tmux server's name: the inner server outlives
    /// the outer one (its client goes, it stays), so the test kills it itself.
    static func dashboardWithStatusLine(socket: String, dir: String) throws -> (TmuxSession, inner: String) {
        let binary = try flowtopBinary()
        let configuration = try Fixtures.write("""
            set -g status-interval 1
            set -g status-right-length 100
            set -g status-right '#(\(binary) status --socket \(socket) --format tmux)'

            """, in: dir, name: "tmux.conf")
        let inner = "inner-\(UUID().uuidString.prefix(6))"
        let outer = try TmuxSession(command: ["env", "-u", "TMUX", "tmux", "-L", inner, "-f", configuration, "new-session",
                                              "\(binary) --socket \(socket) --theme mono"], width: 120, height: 41)
        return (outer, inner)
    }

    @Test func threeViewersShareOneEngineItsAcknowledgementsAndItsOutage() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = try Fixtures.write(Self.rules, in: dir, name: "rules.yaml")
        let serveArguments = ["--rules", rules, "--data-dir", dir + "/data", "--http", "127.0.0.1:0"]
        var serve = try ServeProcess(serveArguments, in: dir)
        _ = try await serve.waitForHTTPPort()
        let socket = serve.socket

        let (first, inner) = try Self.dashboardWithStatusLine(socket: socket, dir: dir)
        defer { _ = try? run("/usr/bin/env", ["tmux", "-L", inner, "kill-server"], timeout: 20) }
        let second = try TmuxSession(command: [try flowtopBinary(), "--socket", socket, "--theme", "mono"],
                                     environment: ["USER": "e2e-bo"])
        let alertsOnly = try TmuxSession(command: [try flowtopBinary(), "--socket", socket, "--theme", "mono",
                                                   "--pane", "alerts"], width: 80, height: 20)
        let pid = "\(serve.process.processIdentifier)"
        for (name, viewer) in [("first", first), ("second", second), ("alerts", alertsOnly)] {
            try await viewer.waitFor(timeout: 60, "the \(name) viewer attached") { Self.attachedPid($0) == pid }
        }

        try NotifyDeliveryTests.emitLatencies("slow.ndjson", latency: 1500, from: -300, count: 60, socket: socket, dir: dir)
        try RestartInTmuxTests.emitRequests(socket: socket, dir: dir)

        // The same numbers in both full dashboards, and the page in all three.
        let a = try await first.waitFor(timeout: 20, "the page and the SLO numbers") { s in
            s.contains("AIResponsesSlow") && Self.sloNumbers(s) != nil
        }
        let b = try await second.waitFor(timeout: 20, "the page and the same SLO numbers") { s in
            s.contains("AIResponsesSlow") && Self.sloNumbers(s) == Self.sloNumbers(a)
        }
        #expect(Self.sloNumbers(b) == Self.sloNumbers(a))
        try await alertsOnly.waitFor(timeout: 20, "the page in the alerts-only viewer") { $0.contains("AIResponsesSlow") }
        // The status line: the page, from the engine the viewers watch.
        try await first.waitFor(timeout: 20, "the status line with the page") { $0.contains("1 page") }

        // Acknowledged in the second viewer: every viewer shows it within a second or two.
        try second.sendKeys("Tab")
        try await second.waitFor(timeout: 10, "the alerts pane focused") { $0.contains("s silence") }
        try second.sendKeys("a")
        try await second.waitFor(timeout: 10, "acknowledged here") { $0.contains("acknowledged AIResponsesSlow") }
        try await alertsOnly.waitFor(timeout: 5, "the acknowledgement in the alerts-only viewer") {
            $0.contains("silenced / acknowledged (1)")
        }
        try await first.waitFor(timeout: 5, "the acknowledgement in the first viewer") {
            $0.contains("silenced / acknowledged (1)")
        }

        // The engine stops: viewers say so and keep their last data; the status line says engine down.
        serve.process.terminate()
        #expect(try await serve.waitForExit() == 0)
        try await second.waitFor(timeout: 15, "unreachable") { $0.contains("engine unreachable, retrying") && $0.contains("AIResponsesSlow") }
        try await alertsOnly.waitFor(timeout: 15, "unreachable") { $0.contains("engine unreachable") }
        try await first.waitFor(timeout: 15, "the status line saying engine down") { $0.contains("flowtop engine down") }

        // Started again on the same data directory: they reattach by themselves, data intact.
        serve = try ServeProcess(serveArguments, in: dir)
        _ = try await serve.waitForHTTPPort()
        let newPid = "\(serve.process.processIdentifier)"
        for (name, viewer) in [("first", first), ("second", second), ("alerts", alertsOnly)] {
            try await viewer.waitFor(timeout: 60, "the \(name) viewer back") { s in
                Self.attachedPid(s) == newPid && !s.contains("engine unreachable") && s.contains("AIResponsesSlow")
            }
        }
        try await second.waitFor(timeout: 15, "the acknowledgement kept") { $0.contains("silenced / acknowledged (1)") }
        try second.sendKeys("q")
        try await second.waitFor(timeout: 5, "q to quit at once") { _ in second.exitStatus() != nil }
        #expect(second.exitStatus() == 0)
        serve.process.terminate()
        _ = try await serve.waitForExit()
    }

    @Test func connectOverHTTPNeedsTheTokenTheEngineWants() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tokenFile = dir + "/token"
        try NotifyDeliveryTests.writePrivate("e2e-viewer-token-0123456789abcdef\n", to: tokenFile)
        let rules = try Fixtures.write(Self.rules, in: dir, name: "rules.yaml")
        // 127.0.0.1 (tests bind nothing else); the token file makes the token required there too.
        let serve = try ServeProcess(["--ephemeral", "--rules", rules, "--http", "127.0.0.1:0", "--http-token-file", tokenFile],
                                     in: dir)
        let port = try await serve.waitForHTTPPort()
        let url = "http://127.0.0.1:\(port)"
        try NotifyDeliveryTests.emitLatencies("slow.ndjson", latency: 1500, from: -300, count: 60, socket: serve.socket, dir: dir)

        let without = try TmuxSession(command: [try flowtopBinary(), "--connect", url, "--theme", "mono"])
        try await without.waitFor(timeout: 30, "the 401 explained") { $0.contains("wants a bearer token (401)") }
        #expect(!(try without.capture()).contains("AIResponsesSlow"))
        try without.sendKeys("q")
        try await without.waitFor(timeout: 5, "q to quit at once") { _ in without.exitStatus() != nil }

        // With the token: the dashboard, and an acknowledgement that reaches the engine.
        let with = try TmuxSession(command: [try flowtopBinary(), "--connect", url, "--token-file", tokenFile, "--theme", "mono"],
                                   environment: ["USER": "e2e-remote"])
        try await with.waitFor(timeout: 30, "a working dashboard") { s in
            s.contains("attached to \(url) (serve pid \(serve.process.processIdentifier))") && s.contains("AIResponsesSlow")
        }
        try with.sendKeys("Tab")
        try await with.waitFor(timeout: 10, "the alerts pane focused") { $0.contains("s silence") }
        try with.sendKeys("a")
        try await with.waitFor(timeout: 10, "acknowledged over HTTP") { $0.contains("acknowledged AIResponsesSlow") }
        // The engine itself holds it: its status line counts the page as muted now.
        let (status, json) = try run(try flowtopBinary(), ["status", "--socket", serve.socket, "--format", "json"], timeout: 20)
        #expect(status == 0 && json.contains(#""muted":1"#) && json.contains(#""pages":0"#), "\(json)")
        serve.process.terminate()
        _ = try await serve.waitForExit()
    }

    /// An engine's options given to a dashboard that would attach do nothing there: said,
    /// not ignored. `flowtop status` says `engine down` once the engine is gone.
    @Test func engineOptionsOnAnAttachingDashboardAreRefused() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let serve = try ServeProcess(["--ephemeral", "--http", "127.0.0.1:0"], in: dir)
        _ = try await serve.waitForHTTPPort()
        let rules = try Fixtures.write(Self.rules, in: dir, name: "rules.yaml")
        let (status, output) = try run(try flowtopBinary(), ["--socket", serve.socket, "--rules", rules, "--data-dir", dir + "/d"],
                                       timeout: 20)
        #expect(status == 1)
        #expect(output.contains("an engine already listens on \(serve.socket)") && output.contains("--data-dir, --rules belong to"),
                "\(output)")
        let (up, line) = try run(try flowtopBinary(), ["status", "--socket", serve.socket, "--format", "json"], timeout: 20)
        #expect(up == 0 && line.contains(#""engine":"up""#) && line.contains(#""role":"serve""#), "\(line)")
        serve.process.terminate()
        _ = try await serve.waitForExit()
        let (down, text) = try run(try flowtopBinary(), ["status", "--socket", serve.socket, "--format", "json"], timeout: 20)
        #expect(down == 3 && text.contains(#"{"engine":"down"}"#), "\(text)")
        let (tmuxStatus, tmuxLine) = try run(try flowtopBinary(), ["status", "--socket", serve.socket, "--format", "tmux"], timeout: 20)
        #expect(tmuxStatus == 0 && tmuxLine.contains("flowtop engine down"), "\(tmuxLine)")
    }

    /// The event socket tells a viewer of another protocol version so, in words, and an
    /// event line that merely mentions `viewer_hello` is still an event.
    @Test func anotherProtocolVersionIsToldSoAndEventsStayEvents() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let serve = try ServeProcess(["--ephemeral", "--http", "127.0.0.1:0"], in: dir)
        _ = try await serve.waitForHTTPPort()
        let viewer = try RawSocket(unixPath: serve.socket)
        try viewer.writeAll(#"{"type":"viewer_hello","protocol":2,"user":"future","want":"stream"}"# + "\n")
        let answer = String(decoding: try await viewer.readAvailable(within: 10), as: UTF8.self)
        #expect(answer.contains(#""code":"protocol_version""#), "\(answer)")
        #expect(answer.contains("speaks viewer protocol 1, the viewer 2: run the same flowtop version as the engine"), "\(answer)")
        #expect(try await viewer.closedByPeer(within: 10))

        let events = try Fixtures.write(#"{"type":"message_sent","channel":"viewer_hello","tenant":"acme"}"# + "\n",
                                        in: dir, name: "events.ndjson")
        let (status, output) = try run(try flowtopBinary(), ["emit", "--socket", serve.socket, events])
        #expect(status == 0 && output.contains("accepted 1, rejected 0"), "\(output)")
        serve.process.terminate()
        _ = try await serve.waitForExit()
    }
}
