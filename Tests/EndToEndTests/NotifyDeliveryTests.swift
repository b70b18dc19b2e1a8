import Foundation
import Testing

/// The running binary with `--notify`, against a real receiver on 127.0.0.1 that plays
/// Slack's webhook and PagerDuty's Events API (`http_receiver.py`, which checks payloads
/// the way those services do): an incident driven over the socket reaches both as one
/// firing message each, and its end as one resolved message each. Secrets come from 0600
/// files named in the notify file, as docs/notifiers.md asks.
///
/// The incident is a threshold rule (`ai_response_p99_ms > 1000`, severity page): its
/// lifecycle is fired and resolved by event time alone, as in the alerts pane's test,
/// and its latencies (1.5 s) stay within the AI latency SLO (2 s), so no burn-rate alert
/// joins in. Slow responses are sent 2.5-3.5 minutes in the past, so the minutes the
/// first frame judges hold them; fast ones 4.5 minutes ahead judge the minutes in
/// between, whose 5-minute windows hold no slow response: the alert resolves at once.
@Suite("notifications from the running app", .serialized, .oneLiveProcessTestAtATime, .enabled(if: WebhookReceiver.runnable, "needs /usr/bin/python3"))
struct NotifyDeliveryTests {
    static let slackToken = "e2eSlackWebhookToken7c41d9"
    static let slackPath = "/services/T0E2E/B0FLOWTOP/" + slackToken
    /// 32 characters, as the receiver (and PagerDuty) require.
    static let routingKey = "e2e0routing0key0abcdef0123456789"
    static let runbook = "https://runbooks.example.com/ai-slow"

    /// The notify file, its two secret files (mode 0600) and the rules file, in `dir`.
    static func writeConfiguration(in dir: String, receiver: WebhookReceiver) throws -> (notify: String, rules: String) {
        try writePrivate(receiver.url + slackPath + "\n", to: dir + "/slack-webhook-url")
        try writePrivate(routingKey + "\n", to: dir + "/pagerduty-routing-key")
        let notify = try Fixtures.write("""
            route:
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 4h
            slack:
              webhook_url_file: slack-webhook-url
            pagerduty:
              routing_key_file: pagerduty-routing-key
              url: \(receiver.url)/v2/enqueue

            """, in: dir, name: "notify.yaml")
        let rules = try Fixtures.write("""
            groups:
              - name: e2e
                rules:
                  - alert: AIResponsesSlow
                    expr: ai_response_p99_ms > 1000
                    labels: {severity: page}
                    annotations: {summary: "AI responses are slow", runbook_url: "\(runbook)"}

            """, in: dir, name: "rules.yaml")
        return (notify, rules)
    }

    static func writePrivate(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw E2EError("cannot write \(path)") }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// `count` AI response latencies of `latency` ms, one a second from `offset` seconds
    /// from now, sent with `flowtop emit`.
    static func emitLatencies(_ name: String, latency: Int, from offset: Int64, count: Int, socket: String, dir: String) throws {
        let now = Int64(Date().timeIntervalSince1970)
        let lines = (0..<Int64(count)).map {
            #"{"type":"ai_response_latency","latency_ms":\#(latency),"model":"gpt-4o","ts":\#(now + offset + $0)}"#
        }
        let file = try Fixtures.write(lines.joined(separator: "\n") + "\n", in: dir, name: name)
        let (status, output) = try run(try flowtopBinary(), ["emit", "--socket", socket, file])
        #expect(status == 0, "\(output)")
    }

    static func isSlack(_ request: WebhookReceiver.Request) -> Bool { request.path == slackPath }
    static func isPagerDuty(_ request: WebhookReceiver.Request) -> Bool { request.path == "/v2/enqueue" }

    @Test func anIncidentReachesSlackAndPagerDutyFiringThenResolved() async throws {
        let receiver = try WebhookReceiver.start()
        defer { receiver.stop() }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let socket = dir + "/s.sock"
        let (notify, rules) = try Self.writeConfiguration(in: dir, receiver: receiver)
        let flowtop = try TmuxSession(command: [try flowtopBinary(), "--socket", socket, "--theme", "mono",
                                                "--notify", notify, "--rules", rules])
        try await flowtop.waitFor(timeout: 60, "the empty dashboard") { $0.contains("no events yet") }

        // Slow answers 4-5 minutes ago: the rule's 5-minute window holds them at once, and
        // lets them go one to two minutes of wall time later (the engine's clock never runs
        // ahead of real time, so fast answers stamped ahead cannot end it sooner).
        try Self.emitLatencies("slow.ndjson", latency: 1500, from: -300, count: 60, socket: socket, dir: dir)
        let slackFiring = try await receiver.waitFor("Slack's firing message") { $0.first(where: Self.isSlack) }
        let pagerDutyTrigger = try await receiver.waitFor("PagerDuty's trigger") { $0.first(where: Self.isPagerDuty) }
        try Self.expectSlackFiring(slackFiring)
        let dedupKey = try Self.expectPagerDutyTrigger(pagerDutyTrigger)

        try Self.emitLatencies("fast.ndjson", latency: 200, from: -20, count: 20, socket: socket, dir: dir)
        let slackResolved = try await receiver.waitFor(timeout: 180, "Slack's resolved message") {
            $0.filter(Self.isSlack).dropFirst().first
        }
        let pagerDutyResolve = try await receiver.waitFor("PagerDuty's resolve") { $0.filter(Self.isPagerDuty).dropFirst().first }
        try Self.expectSlackResolved(slackResolved)
        try Self.expectPagerDutyResolve(pagerDutyResolve, dedupKey: dedupKey)

        // One message each for the firing and the end: nothing repeated, nothing retried.
        try await Task.sleep(for: .seconds(3))
        let all = try receiver.requests()
        #expect(all.filter(Self.isSlack).count == 2, "\(all.map(\.body))")
        #expect(all.filter(Self.isPagerDuty).count == 2, "\(all.map(\.body))")
        #expect(all.count == 4)
        try flowtop.sendKeys("q")
        let last = try await flowtop.waitFor(timeout: 15, "flowtop to exit") { _ in flowtop.exitStatus() != nil }
        let status = flowtop.exitStatus()
        #expect(status == 0, "exit status \(status.map(String.init) ?? "none"); screen:\n\(last)")
    }

    /// The other side of the promise: a secret file that others can read stops flowtop at
    /// start-up, naming the file and the fix but never the secret.
    @Test func aSecretFileOthersCanReadStopsFlowtopWithoutShowingIt() async throws {
        let receiver = try WebhookReceiver.start()
        defer { receiver.stop() }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (notify, rules) = try Self.writeConfiguration(in: dir, receiver: receiver)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir + "/slack-webhook-url")
        let (status, output) = try run(try flowtopBinary(), ["--socket", dir + "/s.sock", "--notify", notify, "--rules", rules],
                                       timeout: 30)
        #expect(status != 0, "\(output)")
        #expect(output.contains("notify.yaml:6:21: slack.webhook_url_file: \(dir)/slack-webhook-url can be read by group or "
                                + "others (mode 0644); make it private to its owner: chmod 600 \(dir)/slack-webhook-url"), "\(output)")
        #expect(!output.contains(Self.slackToken))
        #expect(try receiver.requests().isEmpty)
    }

    static func expectSlackFiring(_ request: WebhookReceiver.Request) throws {
        #expect(request.method == "POST")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.status == 200 && request.reply == "ok", "Slack refused it: \(request.reply)")
        let message = try request.json()
        #expect(Set(message.keys) == ["text", "blocks"])
        #expect(message["text"] as? String == "🔴 [FIRING:1] AIResponsesSlow: AI responses are slow")
        let blocks = try #require(message["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["type"] as? String } == ["header", "section", "context"])
        let header = try #require(blocks[0]["text"] as? [String: Any])
        #expect(header["type"] as? String == "plain_text")
        #expect(header["text"] as? String == "🔴 [FIRING:1] AIResponsesSlow")
        #expect(header["emoji"] as? Bool == true)
        let section = try #require((blocks[1]["text"] as? [String: Any]))
        #expect(section["type"] as? String == "mrkdwn")
        let sectionText = try #require(section["text"] as? String)
        #expect(sectionText.hasPrefix("*page*\nAI responses are slow\nfiring since <!date^"), "\(sectionText)")
        #expect(sectionText.hasSuffix(" UTC> · <\(runbook)|runbook>"), "\(sectionText)")
        let context = try #require((blocks[2]["elements"] as? [[String: Any]])?.first)
        #expect(context["type"] as? String == "mrkdwn")
        #expect((context["text"] as? String)?.hasPrefix("flowtop · group `alertname=AIResponsesSlow` · firing since <!date^") == true,
                "\(context)")
    }

    static func expectSlackResolved(_ request: WebhookReceiver.Request) throws {
        #expect(request.status == 200 && request.reply == "ok", "Slack refused it: \(request.reply)")
        let message = try request.json()
        #expect(message["text"] as? String == "✅ [RESOLVED] AIResponsesSlow: AI responses are slow")
        let blocks = try #require(message["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["type"] as? String } == ["header", "section", "context"])
        #expect((blocks[0]["text"] as? [String: Any])?["text"] as? String == "✅ [RESOLVED] AIResponsesSlow")
        let sectionText = try #require((blocks[1]["text"] as? [String: Any])?["text"] as? String)
        #expect(sectionText.hasPrefix("*page*\nAI responses are slow\n✅ resolved <!date^"), "\(sectionText)")
        let context = try #require((blocks[2]["elements"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(context.hasPrefix("flowtop · group `alertname=AIResponsesSlow` · resolved <!date^"), "\(context)")
    }

    /// Checks the trigger event; returns its `dedup_key`.
    static func expectPagerDutyTrigger(_ request: WebhookReceiver.Request) throws -> String {
        #expect(request.status == 202, "PagerDuty refused it: \(request.reply)")
        let event = try request.json()
        #expect(Set(event.keys) == ["routing_key", "event_action", "dedup_key", "client", "payload"])
        #expect(event["routing_key"] as? String == routingKey)
        #expect(event["event_action"] as? String == "trigger")
        #expect(event["client"] as? String == "flowtop")
        let dedupKey = try #require(event["dedup_key"] as? String)
        #expect(dedupKey.hasPrefix("flowtop-") && dedupKey.count == 24
                && dedupKey.dropFirst(8).allSatisfy { $0.isHexDigit && !$0.isUppercase }, "\(dedupKey)")
        let payload = try #require(event["payload"] as? [String: Any])
        #expect(payload["summary"] as? String == "[FIRING:1] AIResponsesSlow: AI responses are slow")
        #expect(payload["source"] as? String == "flowtop")
        #expect(payload["severity"] as? String == "critical")
        #expect(payload["class"] as? String == "AIResponsesSlow")
        #expect(payload["group"] as? String == "alertname=AIResponsesSlow")
        let details = try #require(payload["custom_details"] as? [String: Any])
        #expect(details["firing"] as? Int == 1)
        let alert = try #require((details["alerts"] as? [[String: Any]])?.first)
        #expect(alert["labels"] as? [String: String] == ["alertname": "AIResponsesSlow", "severity": "page"])
        #expect(alert["summary"] as? String == "AI responses are slow")
        return dedupKey
    }

    static func expectPagerDutyResolve(_ request: WebhookReceiver.Request, dedupKey: String) throws {
        #expect(request.status == 202, "PagerDuty refused it: \(request.reply)")
        let event = try request.json()
        #expect(Set(event.keys) == ["routing_key", "event_action", "dedup_key"])
        #expect(event["routing_key"] as? String == routingKey)
        #expect(event["event_action"] as? String == "resolve")
        #expect(event["dedup_key"] as? String == dedupKey, "the resolve reaches the incident the trigger opened")
    }
}
