import Foundation
import Testing

/// Issue 14's promise as a user sees it: a dashboard with a data directory is quit with
/// `q` and started again in the same tmux pane. The SLO numbers, the alerts (still
/// firing, same "since"), the silence and the acknowledgement are as before; the alert
/// silenced before its notification was due never reaches Slack, and the one Slack was
/// told about is not announced again.
///
/// Three threshold rules fire on the same slow answers (a page and two tickets), each its
/// own Slack group; `group_wait: 15s` leaves time to silence the page first. One ticket is
/// then acknowledged; the other, announced and left alone, is what a restart without the
/// notifier log would announce again.
/// 2,000 AI requests with one failure give the `ai_request_success` SLO numbers to
/// compare, burning too slowly (0.5x) for any burn-rate alert to join in.
@Suite("a restart in tmux", .serialized, .oneLiveProcessTestAtATime, .enabled(if: WebhookReceiver.runnable, "needs /usr/bin/python3"))
struct RestartInTmuxTests {
    static func configuration(in dir: String, receiver: WebhookReceiver) throws -> (notify: String, rules: String) {
        try NotifyDeliveryTests.writePrivate(receiver.url + NotifyDeliveryTests.slackPath + "\n", to: dir + "/slack-webhook-url")
        let notify = try Fixtures.write("""
            route:
              group_wait: 15s
              group_interval: 1s
              repeat_interval: 4h
            slack:
              webhook_url_file: slack-webhook-url

            """, in: dir, name: "notify.yaml")
        let rules = try Fixtures.write("""
            groups:
              - name: e2e
                rules:
                  - alert: AIResponsesSlow
                    expr: ai_response_p99_ms > 1000
                    labels: {severity: page}
                    annotations: {summary: "AI responses are slow"}
                  - alert: AIAnswersLagging
                    expr: ai_response_p99_ms > 1200
                    labels: {severity: ticket}
                    annotations: {summary: "AI answers lag"}
                  - alert: AIAnswersSluggish
                    expr: ai_response_p99_ms > 1100
                    labels: {severity: ticket}
                    annotations: {summary: "AI answers are sluggish"}

            """, in: dir, name: "rules.yaml")
        return (notify, rules)
    }

    /// The lines of the alerts pane (the right half of the top row of panes).
    static func alertsPane(_ screen: String) -> [String] {
        screen.split(separator: "\n").dropFirst(1).prefix(18).map { line in
            let characters = Array(line)
            return String(characters.dropFirst(min(72, characters.count))).trimmingCharacters(in: .whitespaces)
        }
    }

    /// The `ai_request_success` row's SLI, 3d burn and budget left: windows that do not
    /// move between two looks a few seconds apart.
    static func sloNumbers(_ screen: String) -> [String]? {
        guard let row = screen.split(separator: "\n").first(where: { $0.contains("ai_request_success") }) else { return nil }
        let fields = row.split(separator: " ").map(String.init)
        guard let name = fields.firstIndex(where: { $0.contains("ai_request_success") }), fields.count > name + 6 else { return nil }
        return [fields[name + 1], fields[name + 5], fields[name + 6]]
    }

    /// A row of the alerts pane without its "Nm ago".
    static func withoutSince(_ row: String) -> String {
        row.replacingOccurrences(of: #"\d+m ago"#, with: "", options: .regularExpression)
    }

    /// The N of a row's "Nm ago".
    static func minutesAgo(_ row: String) -> Int? {
        guard let range = row.range(of: #"\d+m ago"#, options: .regularExpression) else { return nil }
        return Int(row[range].prefix { $0.isNumber })
    }

    /// 2,000 AI requests over the last half hour, one failed: `ai_request_success` numbers
    /// to compare, burning at 0.5x, too slowly for any burn-rate alert to join in.
    static func emitRequests(socket: String, dir: String) throws {
        let now = Int64(Date().timeIntervalSince1970)
        let requests = (0..<2000).map {
            #"{"type":"ai_request","provider":"openai","model":"gpt-4o","success":\#($0 != 7),"ts":\#(now - 1800 + Int64($0) * 9 / 10)}"#
        }
        let file = try Fixtures.write(requests.joined(separator: "\n") + "\n", in: dir, name: "requests.ndjson")
        let (status, output) = try run(try flowtopBinary(), ["emit", "--socket", socket, file])
        #expect(status == 0, "\(output)")
    }

    static func slackTexts(_ receiver: WebhookReceiver) throws -> [String] {
        try receiver.requests().filter(NotifyDeliveryTests.isSlack).map { (try? $0.json()["text"] as? String) ?? "" }
    }

    @Test func quitAndStartAgainKeepsNumbersAlertsSilencesAndAcknowledgements() async throws {
        let receiver = try WebhookReceiver.start()
        defer { receiver.stop() }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let socket = dir + "/s.sock"
        let (notify, rules) = try Self.configuration(in: dir, receiver: receiver)
        // One row per alert: the test follows the page and the ticket one by one.
        let command = [try flowtopBinary(), "--socket", socket, "--theme", "mono", "--notify", notify, "--rules", rules,
                       "--data-dir", dir + "/data", "--alert-group-by", "..."]
        let first = try TmuxSession(command: command, environment: ["USER": "e2e-ana"])
        try await first.waitFor(timeout: 60, "the empty dashboard") { $0.contains("no events yet") }

        try NotifyDeliveryTests.emitLatencies("slow.ndjson", latency: 1500, from: -300, count: 60, socket: socket, dir: dir)
        try Self.emitRequests(socket: socket, dir: dir)
        try first.sendKeys("Tab")
        try await first.waitFor(timeout: 15, "both alerts firing, the page selected") { s in
            s.contains("Alerts (3)") && s.contains("s silence")
        }
        // The page is first (worst first): silence it before its group speaks.
        try first.sendKeys("s")
        try await first.waitFor(timeout: 5, "the silence prompt") { $0.contains("for:") }
        try first.sendKeys("Enter")
        try await first.waitFor(timeout: 10, "the page silenced") { $0.contains("silenced / acknowledged (1)") }
        _ = try await receiver.waitFor(timeout: 60, "the tickets' Slack messages") { requests in
            requests.filter(NotifyDeliveryTests.isSlack).count == 2 ? true : nil
        }
        let announced = try Self.slackTexts(receiver)
        #expect(announced.contains { $0.contains("AIAnswersLagging") } && announced.contains { $0.contains("AIAnswersSluggish") },
                "\(announced)")
        try first.sendKeys("Up")   // from the silenced page to the ticket
        try await first.waitFor(timeout: 5, "the ticket selected") { !$0.contains("silence-1: silenced from flowtop") }
        try first.sendKeys("a")
        let before = try await first.waitFor(timeout: 10, "the ticket acknowledged") { s in
            s.contains("silenced / acknowledged (2)") && s.contains("acked ") && Self.sloNumbers(s) != nil
        }
        try first.sendKeys("q")
        try await first.waitFor(timeout: 15, "the first flowtop to exit") { _ in first.exitStatus() != nil }
        #expect(first.exitStatus() == 0)

        let second = try TmuxSession(command: command, environment: ["USER": "e2e-ana"])
        let after = try await second.waitFor(timeout: 60, "the restored dashboard") { s in
            s.contains("silenced / acknowledged (2)") && Self.sloNumbers(s) != nil
        }
        #expect(!after.contains("no events yet"))
        #expect(Self.sloNumbers(after) == Self.sloNumbers(before), "before:\n\(before)\nafter:\n\(after)")
        // The same rows, "since" included, give or take the minute that may have turned.
        let rows = { (screen: String) in Self.alertsPane(screen).filter { $0.contains("AIResponsesSlow") || $0.contains("AIAnswers") } }
        #expect(rows(after).count == 3, "\(after)")
        #expect(rows(after).map(Self.withoutSince) == rows(before).map(Self.withoutSince), "before:\n\(before)\nafter:\n\(after)")
        for (old, new) in zip(rows(before), rows(after)) {
            let (was, now) = (Self.minutesAgo(old), Self.minutesAgo(new))
            #expect(was != nil && now != nil && now! - was! >= 0 && now! - was! <= 1, "since: \(old) → \(new)")
        }
        // The silence with its author and id, and who acknowledged the ticket.
        try second.sendKeys("Tab")
        try await second.waitFor(timeout: 10, "the alerts pane focused") { $0.contains("s silence") }
        var seen: [String] = []
        for _ in 0..<3 {
            let screen = try await second.waitFor(timeout: 5, "a row's details") { _ in true }
            if screen.contains("silenced by e2e-ana until") && screen.contains("silence-1: silenced from flowtop") {
                seen.append("silence")
            }
            if screen.contains("acknowledged by e2e-ana") { seen.append("acknowledgement") }
            try second.sendKeys("Down")
            try await Task.sleep(for: .milliseconds(700))
        }
        #expect(Set(seen) == ["silence", "acknowledgement"], "\(seen)")

        // Past the group wait and several polls of the restarted notifiers: still one message.
        try await Task.sleep(for: .seconds(20))
        let texts = try Self.slackTexts(receiver)
        #expect(texts == announced, "after the restart Slack got more: \(texts)")
        #expect(!texts.contains { $0.contains("AIResponsesSlow") }, "the silenced page reached Slack: \(texts)")
        try second.sendKeys("q")
        try await second.waitFor(timeout: 15, "the second flowtop to exit") { _ in second.exitStatus() != nil }
        #expect(second.exitStatus() == 0)
    }
}
