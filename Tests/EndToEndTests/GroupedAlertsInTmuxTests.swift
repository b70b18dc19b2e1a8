import Foundation
import Testing

/// Issue 16 in a real terminal: an incident across several tenants and models is one
/// `PAGE` row of the alerts pane, Enter opens its series and tiers, and `s` shows the
/// matchers that silence the whole group before anything is silenced.
@Suite("grouped alerts in tmux", .serialized, .oneLiveProcessTestAtATime)
struct GroupedAlertsInTmuxTests {
    @Test func anIncidentAcrossTenantsAndModelsIsOneGroupedRow() async throws {
        let dir = try temporaryDirectory()
        let socket = dir + "/s.sock"
        let bin = try flowtopBinary()
        let script = "\(shellQuote(bin)) --socket \(shellQuote(socket)) --theme mono; echo \"EXIT=$?\"; sleep 600"
        // Wide enough for the alerts pane beside the SLO pane to keep its series column.
        let tmux = try TmuxSession(command: ["sh", "-c", script], width: 200, height: 50,
                                   environment: ["XDG_STATE_HOME": dir + "/state"])
        try await tmux.waitFor(timeout: 60, "the empty state") { $0.contains("no events yet") }

        // Every request of two tenants on two models fails, 4-5 minutes ago, so the minutes
        // the engine judges first hold them (see DashboardInTmuxTests' incident).
        let now = Int64(Date().timeIntervalSince1970)
        var lines: [String] = []
        for (i, (tenant, model)) in [("acme", "gpt-4o"), ("acme", "claude-sonnet"), ("globex", "gpt-4o"),
                                      ("globex", "claude-sonnet")].enumerated() {
            for k in 0..<15 {
                let ts = now - 300 + Int64(i * 15 + k)
                lines.append(#"{"type":"ai_request","provider":"p","model":"\#(model)","success":false,"cost_usd":0.01,"tenant":"\#(tenant)","ts":\#(ts)}"#)
            }
        }
        let file = try Fixtures.write(lines.joined(separator: "\n") + "\n", in: dir, name: "incident.ndjson")
        let (status, output) = try run(bin, ["emit", "--socket", socket, file])
        #expect(status == 0, "\(output)")

        // The total, two tenants and two models: five series in one page row, the slower
        // tiers counted, not listed.
        let grouped = try await tmux.waitFor(timeout: 30, "the grouped page") { s in
            s.split(separator: "\n").contains { $0.contains("PAGE") && $0.contains("ai_request_success")
                && $0.contains("5 series") }
        }
        let pageRows = grouped.split(separator: "\n").filter { $0.contains("PAGE") }
        #expect(pageRows.count == 1, "\(grouped)")
        #expect(grouped.contains("Alerts (1 group · 5 series"), "\(grouped)")
        #expect(!grouped.contains("inhib "), "\(grouped)")

        try tmux.sendKeys("Tab")
        try await tmux.waitFor(timeout: 5, "the alerts pane focused") { $0.contains("s silence") }
        try tmux.sendKeys("Enter")
        let group = try await tmux.waitFor(timeout: 5, "the group's view") { s in
            s.contains("Alerts › ai_request_success page") && s.contains("tenant:acme") && s.contains("tenant:globex")
                && s.contains("model:gpt-4o") && s.contains("model:claude-sonnet")
        }
        #expect(group.contains("Series and tiers"), "\(group)")
        try tmux.sendKeys("Escape")
        try await tmux.waitFor(timeout: 5, "the main view") { !$0.contains("Alerts ›") && $0.contains("Funnel") }

        try tmux.sendKeys("s")
        try await tmux.waitFor(timeout: 5, "the group's silence prompt with its matchers") { s in
            s.contains("Silence ai_request_success page (10 alerts)")
                && s.contains(#"matchers {severity="page", slo="ai_request_success"}"#)
        }
        // Ctrl-U clears what was typed: the default shows again.
        try tmux.sendKeys("9", "0", "m")
        try await tmux.waitFor(timeout: 5, "the typed duration") { $0.contains("[90m") }
        try tmux.sendKeys("C-u")
        try await tmux.waitFor(timeout: 5, "the cleared field") { $0.contains("[1h") && !$0.contains("[90m") }
        try tmux.sendKeys("Escape")
        try await tmux.waitFor(timeout: 5, "the prompt gone") { !$0.contains("Alerts › silence") }

        try tmux.sendKeys("q")
        try await tmux.waitFor(timeout: 10, "flowtop to exit") { $0.contains("EXIT=0") }
    }
}
