import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// The alerts pane drawn from the alert lifecycle: active alerts, then the silenced and
/// acknowledged, then the resolved, each section readable at 120x40 and 80x24.
@Suite("Rendering the alerts pane")
struct AlertsPaneTests {
    static func snapshot(_ alerting: AlertingSnapshot = Fixture.sectionedAlerting) -> EngineSnapshot {
        var snapshot = Fixture.snapshot()
        snapshot.alerting = alerting
        return snapshot
    }

    /// With `text`, the alerts pane focused and the alert with a label of that value
    /// selected; else the SLO pane has the focus.
    static func rendered(selecting text: String? = nil, width: Int = 120, height: Int = 40,
                         alerting: AlertingSnapshot = Fixture.sectionedAlerting) -> CellGrid {
        let snapshot = snapshot(alerting)
        var state = DashboardState.perAlert()
        if let text {
            state.focus = .alerts
            state.selectedAlert = snapshot.alerting.alerts.first {
                $0.alert.labels.pairs.contains { $0.value == text }
            }?.alert.fingerprint
        }
        return Fixture.rendered(snapshot, state: state, width: width, height: height)
    }

    let grid = AlertsPaneTests.rendered()

    /// The alerts pane's rows at 120 columns, inside its border: right of the SLO pane's 72.
    static func pane(_ grid: CellGrid) -> [String] {
        (0..<grid.height).map { String(grid.row($0).dropFirst(73)) }
    }

    /// The first of the pane's rows holding `text`, or "".
    func line(_ text: String, in grid: CellGrid? = nil) -> String {
        Self.pane(grid ?? self.grid).first { $0.contains(text) } ?? ""
    }

    /// The pane's row holding `text`.
    func row(_ text: String) -> Int? {
        Self.pane(grid).firstIndex { $0.contains(text) }
    }

    @Test func activeAlertsComeFirstThenMutedThenResolved() throws {
        // Muted: the acknowledged page before the silenced ticket. The narrow column keeps
        // the tenant without its `tenant:` prefix.
        let order = ["PAGE ", "AICostHigh", "IngestSilent", "inhib ", "silenced / acknowledged (2)",
                     "gpt-4o", "· acme", "resolved in the last hour (2)", "ai_response_lat",
                     "RejectedLines"]
        let rows = order.map { row($0) }
        #expect(rows.allSatisfy { $0 != nil }, "\(grid.text)")
        #expect(rows.compactMap { $0 } == rows.compactMap { $0 }.sorted(), "\(grid.text)")
    }

    @Test func activeRowsShowStateSeverityWhoTierSinceAndValue() {
        let page = line("PAGE ")
        #expect(page.contains("ai_request_success"))
        #expect(page.contains("1h/5m"))
        #expect(page.contains("3m ago"))
        #expect(grid.style(of: "PAGE ")?.role == .crit)
        #expect(grid.style(of: "PAGE ")?.bold == true)
        // A threshold rule: its name and the labels its rule adds; firing for 10 minutes.
        let cost = line("AICostHigh")
        #expect(cost.contains("TICKET"))
        #expect(cost.contains("AICostHigh team=rev…"))
        #expect(cost.contains("10m ago"))
        let wide = Self.rendered(width: 200, height: 40).line(containing: "AICostHigh")
        #expect(wide.contains("AICostHigh team=revenue"))
        #expect(wide.contains("ticket"))
        #expect(wide.contains("61.5"))
        // Pending: not yet firing, since it became active.
        let silent = line("IngestSilent")
        #expect(silent.contains("pending"))
        #expect(silent.contains("1m ago"))
        #expect(grid.style(of: "pending")?.role == .warn)
    }

    @Test func theTitleCountsWhatFiresApartFromWhatIsHeldBack() {
        #expect(grid.text.contains("Alerts (3 · 1 inhibited · 2 muted)"))
    }

    @Test func mutedAndResolvedAlertsAreDimmedUnderTheirOwnHeadings() {
        for text in ["silenced ", "acked ", "resolved ", "inhib "] {
            #expect(grid.style(of: text)?.role == .dim, "\(text)")
        }
        #expect(grid.style(of: "· acme")?.role == .dim)
        #expect(line("· acme").hasPrefix("silenced "))
        #expect(line("gpt-4o").hasPrefix("acked "))
        #expect(grid.style(of: "silenced / acknowledged")?.role == .dim)
        // Resolved: since it resolved.
        #expect(line("ai_response_lat").hasPrefix("resolved "))
        #expect(line("ai_response_lat").contains("4m ago"))
    }

    @Test func theSelectedMutedAlertSaysWhoMutedItAndUntilWhen() {
        let silenced = Self.rendered(selecting: "acme")
        // Started two minutes before 11:15:02, for an hour; on two lines at 120 columns.
        #expect(line("silenced by", in: silenced).contains("silenced by ana until 12:13 UTC,"))
        #expect(line("silence-1", in: silenced).contains("silence-1: deploy of the new model"))
        #expect(silenced.style(of: "· acme")?.selected == true)
        let acknowledged = Self.rendered(selecting: "gpt-4o")
        #expect(acknowledged.text.contains("acknowledged by bob 9m ago"))
        // Only the focused pane says it.
        #expect(!grid.text.contains("silenced by ana"))
    }

    @Test func onlyTheLatestResolvedAreListed() {
        var alerting = Fixture.sectionedAlerting
        for i in 0..<6 {
            alerting.alerts.append(ListedAlert(alert: Fixture.tracked(
                ["alertname": "Old\(i)", "severity": "ticket"], activeAt: Fixture.now - 3_500_000,
                firedAt: Fixture.now - 3_400_000, resolvedAt: Fixture.now - 3_000_000 + EpochMillis(i) * 1000)))
        }
        let grid = Self.rendered(alerting: alerting)
        #expect(grid.text.contains("resolved in the last hour (8)"))
        #expect(grid.lines(containing: "resolved ").count == 5 + 1)   // five rows and the heading
        #expect(grid.text.contains("ai_response_latency"))   // the latest first
        #expect(!grid.text.contains("Old0"))
    }

    @Test func nothingActiveSaysSoAboveTheOtherSections() {
        var alerting = Fixture.sectionedAlerting
        alerting.alerts.removeAll { $0.alert.state != .resolved }
        let grid = Self.rendered(alerting: alerting)
        #expect(grid.text.contains("no active alerts"))
        #expect(grid.text.contains("resolved in the last hour (2)"))
        #expect(grid.text.contains("─ Alerts ─"))
    }

    @Test func eightyByTwentyFourKeepsTheActiveAlertsAndCountsTheRest() {
        let small = Self.rendered(width: 80, height: 24)
        #expect(small.text.contains("PAGE"))
        #expect(small.text.contains("AICostHigh team=revenue"))
        #expect(small.text.contains("more"))
        #expect(small.isWellFormed)
    }

    @Test("well-formed at every size", arguments: [(120, 40), (80, 24), (60, 16), (100, 30), (200, 60), (99, 20)])
    func wellFormed(width: Int, height: Int) {
        #expect(Self.rendered(selecting: "acme", width: width, height: height).isWellFormed)
    }

    @Test func theSLODetailListsItsSLOsAlertsInTheSameSections() {
        var snapshot = Fixture.snapshot(detail: SLODetailQuery(slo: "ai_request_success"))
        snapshot.alerting = Fixture.sectionedAlerting
        var state = DashboardState()
        state.overlays = [.detail("ai_request_success")]
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.text.contains("alerts of this SLO (1 · 1 inhibited · 1 muted)"))
        #expect(grid.line(containing: "acked ").contains("model:gpt-4o"))
        #expect(!grid.text.contains("AICostHigh"))
    }
}
