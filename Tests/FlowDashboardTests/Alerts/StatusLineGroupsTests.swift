import FlowCore
@testable import FlowDashboard
import FlowViewer
import Testing

/// `flowtop status` counts what the alerts pane shows: one page per SLO and severity,
/// however many series and tiers fire in it (issue 16), so the tmux line and the pane agree.
@Suite("Status line counts alert groups")
struct StatusLineGroupsTests {
    @Test func oneIncidentOnOneSLOIsOnePage() {
        let snapshot = Fixture.incidentSnapshot()
        let firing = snapshot.alerting.alerts.filter { $0.alert.state == .firing && !$0.inhibited && !$0.isMuted }
        #expect(firing.filter { $0.alert.severity == "page" }.count > 2)    // many series page
        let rows = AlertSections(snapshot.alerting.alerts).active.filter { $0.state == .firing }
        let status = EngineStatusLine(snapshot)
        #expect(status.pages == rows.filter { $0.key["severity"] == "page" }.count)
        #expect(status.pages + status.tickets + status.muted == rows.count)
    }

    @Test func aGroupIsMutedOnlyWhenAllItsFiringAlertsAre() {
        var snapshot = Fixture.incidentSnapshot()
        let pages = snapshot.alerting.alerts.indices.filter {
            let listed = snapshot.alerting.alerts[$0]
            return listed.alert.state == .firing && !listed.inhibited && listed.alert.slo == "ai_request_success"
                && listed.alert.severity == "page"
        }
        let before = EngineStatusLine(snapshot)
        snapshot.alerting.alerts[pages[0]].silencedBy = ["s1"]          // one series of the group
        #expect(EngineStatusLine(snapshot).pages == before.pages && EngineStatusLine(snapshot).muted == before.muted)
        for i in pages { snapshot.alerting.alerts[i].silencedBy = ["s1"] }  // the whole group
        #expect(EngineStatusLine(snapshot).pages == before.pages - 1)
        #expect(EngineStatusLine(snapshot).muted == before.muted + 1)
    }
}
