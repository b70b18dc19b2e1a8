import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// `x` in the alerts pane expires only the silences made for the selected alert and says
/// which broader ones still mute it; `a` on an acknowledged alert takes it back.
@Suite("Unsilencing and un-acknowledging from the alerts pane")
struct AlertMutingKeyTests {
    let snapshot = Fixture.silencedSnapshot()

    func state(selecting text: String) -> DashboardState {
        var state = DashboardState.perAlert(focus: .alerts)
        state.selectedAlert = listed(text)?.alert.fingerprint
        return state
    }

    func listed(_ text: String) -> ListedAlert? {
        snapshot.alerting.alerts.first { $0.alert.labels.pairs.contains { $0.value == text } }
    }

    @Test func xLeavesABroaderSilenceAndTheNoticeNamesIt() {
        // The acme ticket: silence-1 made for it, silence-2 for every ticket.
        #expect(listed("acme")?.silencedBy == ["silence-1", "silence-2"])
        var state = state(selecting: "acme")
        let command = state.handle(.char("x"), snapshot: snapshot)
        #expect(command == .expireSilences(ids: ["silence-1"], alert: "message_processing_latency · tenant:acme 3d/6h",
                                           stillSilencedBy: ["silence-2"]))
        state.finish(command, .done)
        #expect(state.notice == DashboardNotice(
            "expired silence-1; silence-2 still mutes this alert and others: S lists the silences to expire one by one"))
        #expect(Fixture.rendered(snapshot, state: state).row(39).contains("S lists the silences"))
    }

    @Test func xOnAnAlertOnlyBroaderSilencesMuteExpiresNothing() {
        var state = state(selecting: "AICostHigh")
        #expect(state.handle(.char("x"), snapshot: snapshot) == .redraw)
        #expect(state.notice == DashboardNotice(
            "nothing expired; silence-2 mutes this alert and others: S lists the silences to expire one by one",
            isError: true))
        // S then opens on that silence.
        _ = state.handle(.char("S"), snapshot: snapshot)
        #expect(state.selectedSilence(in: snapshot)?.silence.id == "silence-2")
    }

    @Test func aSilenceIsTheAlertsOwnOnlyWithEqualityOnAllItsLabels() throws {
        let alert = try #require(listed("acme")?.alert)
        func silence(_ matchers: [LabelMatcher]) -> Silence {
            Silence(id: "s", matchers: matchers, start: 0, end: 1, author: "ana", comment: "")
        }
        let own = Fixture.acmeMatchers
        #expect(SilencePrompt.isMade(silence(own), for: alert))
        #expect(SilencePrompt.isMade(silence(own.filter { $0.name != "model" }), for: alert))   // no `=""` needed
        #expect(!SilencePrompt.isMade(silence(own.filter { $0.name != "tenant" }), for: alert))   // mutes every tenant
        #expect(!SilencePrompt.isMade(silence(own + [LabelMatcher("team", .equal, "x")]), for: alert))
        #expect(!SilencePrompt.isMade(silence(own.map { $0.name == "slo" ? LabelMatcher("slo", .regex, $0.value) : $0 }),
                                      for: alert))
        // What the prompt itself makes is its own.
        let prompt = SilencePrompt(alert: alert, among: snapshot.alerting.alerts)
        #expect(SilencePrompt.isMade(silence(prompt.matchers), for: alert))
    }

    @Test func aOnAnAcknowledgedAlertTakesTheAcknowledgementBack() {
        var state = state(selecting: "gpt-4o")
        let fingerprint = listed("gpt-4o")?.alert.fingerprint ?? "?"
        let command = state.handle(.char("a"), snapshot: snapshot)
        #expect(command == .unacknowledge(fingerprints: [fingerprint], alert: "ai_request_success · model:gpt-4o 1h/5m",
                                          by: "bob"))
        state.finish(command, .done)
        #expect(state.notice == DashboardNotice("took back bob's acknowledgement of ai_request_success · model:gpt-4o 1h/5m"))
        state.finish(command, .refused("it is no longer acknowledged"))
        #expect(state.notice == DashboardNotice("it is no longer acknowledged", isError: true))
    }

    @Test func theFooterSaysWhatATheSelectedAlertDoes() {
        let acknowledged = Fixture.rendered(snapshot, state: state(selecting: "gpt-4o")).row(39)
        #expect(acknowledged.contains("a unack"), "\(acknowledged)")
        let firing = Fixture.rendered(snapshot, state: state(selecting: "AICostHigh")).row(39)
        #expect(firing.contains("a ack "), "\(firing)")
    }

    @Test func theHelpNamesTheNewKeys() {
        var state = DashboardState()
        state.overlays = [.help]
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.line(containing: "take back").contains("a  x  i"))
        #expect(grid.line(containing: "take back").contains("ack the group"))
        #expect(grid.line(containing: "sort SLOs").contains("silence the group"))
        #expect(grid.line(containing: "S  A  N").contains("silences (x expires one), alert statistics, notifiers"))
        // Every line still fits at the smallest size that shows it, 80x24.
        #expect(Fixture.rendered(snapshot, state: state, width: 80, height: 24).text.contains("this help"))
    }
}
