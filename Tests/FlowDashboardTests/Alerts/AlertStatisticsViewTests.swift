import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// `A` shows the alerting overview in `report alerts`' words.
@Suite("The alert statistics view")
struct AlertStatisticsViewTests {
    var snapshot: EngineSnapshot {
        var snapshot = Fixture.silencedSnapshot()
        snapshot.alerting.statistics = Fixture.dayOfStatistics
        return snapshot
    }

    func rendered(tenant: String? = nil, width: Int = 120, height: Int = 40,
                  context: DashboardContext = Fixture.context) -> CellGrid {
        var state = DashboardState(tenant: tenant)
        _ = state.handle(.char("A"), snapshot: snapshot)
        return Fixture.rendered(snapshot, state: state, width: width, height: height, context: context)
    }

    /// What follows the first `label` on screen, up to the next space: its value.
    func value(_ label: String, in grid: CellGrid) -> String { value(label, in: grid.line(containing: label)) }

    func value(_ label: String, in line: String) -> String {
        guard let range = line.range(of: label) else { return "" }
        return String(line[range.upperBound...].drop { $0 == " " }.prefix { $0 != " " && $0 != "│" })
    }

    @Test func capitalAOpensItAndSAndNSwitchInPlace() {
        var state = DashboardState(focus: .funnel)
        #expect(state.handle(.char("A"), snapshot: snapshot) == .redraw)
        #expect(state.breadcrumb == ["Alerts", "statistics"])
        _ = state.handle(.char("N"), snapshot: snapshot)
        #expect(state.breadcrumb == ["Alerts", "notifiers"])
        _ = state.handle(.char("S"), snapshot: snapshot)
        #expect(state.breadcrumb == ["Alerts", "silences"])
        _ = state.handle(.escape, snapshot: snapshot)
        #expect(state.overlays.isEmpty)
    }

    @Test func nowCountsByStateSeverityAndWhatIsMuted() {
        let grid = rendered()
        // Pending: IngestSilent; firing: 3 active, the inhibited ticket, acme, gpt-4o; resolved: 2.
        #expect(value("pending now", in: grid) == "1", "\(grid.text)")
        #expect(value("firing now", in: grid) == "5")
        #expect(value("resolved now", in: grid) == "2")
        #expect(value("silenced now", in: grid) == "3")
        #expect(value("acknowledged now", in: grid) == "1")
        // Under their heading, in the left half: pages and tickets pending or firing now.
        let rows = grid.text.split(separator: "\n").map(String.init)
        let heading = rows.firstIndex { $0.contains("by severity now") } ?? rows.count
        #expect(rows.dropFirst(heading + 1).first?.hasPrefix("│   page                 ") == true)
        #expect(value("  page", in: grid) == "1")   // the right half's first: fired in the day
        #expect(rows.dropFirst(heading + 1).first.map { value("  page", in: $0) } == "3")
        #expect(rows.dropFirst(heading + 2).first.map { value("  ticket", in: $0) } == "3")
    }

    @Test func theDayCountsFiringsAndMeanTimesAsTheReportWordsThem() {
        let grid = rendered()
        #expect(grid.text.contains("Fired in the last 24h"))
        #expect(value("fired in the last 24h", in: grid) == "4")
        #expect(grid.line(containing: "slo ai_request_success").contains("1"))
        // The docs' example: (2 + 4 + 0) / 3 minutes and (30 + 10 + 20) / 3.
        #expect(grid.line(containing: "mean time to acknowledge").contains("2m 0s"))
        #expect(grid.line(containing: "mean time to resolve").contains("20m 0s"))
        let flapping = grid.line(containing: "AICostHigh")
        #expect(flapping.contains("severity=ticket team=revenue") && flapping.contains("3x"), "\(flapping)")
        #expect(grid.style(of: "3x")?.role == .warn)
    }

    @Test func noMeanIsADashNeverZero() {
        var quiet = snapshot
        quiet.alerting.statistics?.meanTimeToAcknowledgeMillis = nil
        quiet.alerting.statistics?.topFlapping = []
        var state = DashboardState()
        state.overlays = [.alertStatistics]
        let grid = Fixture.rendered(quiet, state: state)
        #expect(grid.line(containing: "mean time to acknowledge").contains("–"))
        #expect(!grid.line(containing: "mean time to acknowledge").contains("0s"))
        #expect(grid.text.contains("no alert fired twice in the last 24h"))
    }

    @Test func underATenantFilterItSaysTheFiguresAreEveryTenants() {
        #expect(rendered(tenant: "acme").text.contains("all tenants: the statistics do not follow the tenant filter"))
        #expect(!rendered().text.contains("all tenants:"))
    }

    @Test func withoutStatisticsOrASnapshotItSaysWhy() {
        var bare = snapshot
        bare.alerting.statistics = nil
        var state = DashboardState()
        state.overlays = [.alertStatistics]
        #expect(Fixture.rendered(bare, state: state).text.contains("no alert statistics in this snapshot"))
        #expect(Fixture.rendered(nil, state: state).text.contains("waiting for the engine"))
    }

    @Test("well-formed at every size", arguments: [(120, 40), (80, 24), (60, 16), (200, 60)])
    func wellFormed(width: Int, height: Int) {
        #expect(rendered(width: width, height: height).isWellFormed)
        let ascii = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        #expect(rendered(width: width, height: height, context: ascii).isWellFormed)
    }
}
