import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// `s` silences, `a` acknowledges and `x` unsilences the selected alert; the silence
/// prompt edits its two fields; the app's answer closes it or shows why not.
@Suite("Alert keys and the silence prompt")
struct AlertKeyTests {
    let snapshot = AlertsPaneTests.snapshot()

    /// The alerts pane focused with the row showing `text` selected (first row if nil).
    func state(selecting text: String? = nil) -> DashboardState {
        var state = DashboardState.perAlert(focus: .alerts)
        if let text {
            state.selectedAlert = listed(text)?.alert.fingerprint
        }
        return state
    }

    func listed(_ text: String) -> ListedAlert? {
        snapshot.alerting.alerts.first { $0.alert.labels.pairs.contains { $0.value == text } }
    }

    func type(_ text: String, into state: inout DashboardState) {
        for c in text { _ = state.handle(.char(c), snapshot: snapshot) }
    }

    @Test func sOpensThePromptForTheSelectedAlert() {
        var state = state()
        #expect(state.handle(.char("s"), snapshot: snapshot) == .redraw)
        #expect(state.breadcrumb == ["Alerts", "silence"])
        let prompt = state.silencePrompt
        #expect(prompt?.subject == "ai_request_success 1h/5m")
        #expect(prompt?.alertCount == 1)
        #expect(prompt?.field == .duration)
    }

    @Test func theMatchersMuteExactlyThisAlert() {
        var state = state()
        _ = state.handle(.char("s"), snapshot: snapshot)
        let matchers = state.silencePrompt?.matchers ?? []
        // Every label with =, and the series labels the total lacks, as empty: without them
        // the silence would mute the model's and the tenants' alerts of the tier as well.
        #expect(matchers == [
            LabelMatcher("alertname", .equal, "ErrorBudgetBurn"), LabelMatcher("long_window", .equal, "1h"),
            LabelMatcher("severity", .equal, "page"), LabelMatcher("short_window", .equal, "5m"),
            LabelMatcher("slo", .equal, "ai_request_success"),
            LabelMatcher("model", .equal, ""), LabelMatcher("tenant", .equal, ""),
        ])
        var cost = self.state(selecting: "AICostHigh")
        _ = cost.handle(.char("s"), snapshot: snapshot)
        #expect(cost.silencePrompt?.matchers == [
            LabelMatcher("alertname", .equal, "AICostHigh"), LabelMatcher("severity", .equal, "ticket"),
            LabelMatcher("team", .equal, "revenue"),
        ])
    }

    @Test func enterAcceptsAnHourAndTheDefaultComment() {
        var state = state()
        _ = state.handle(.char("s"), snapshot: snapshot)
        let command = state.handle(.enter, snapshot: snapshot)
        guard case .silence(let request) = command else {
            Issue.record("expected a silence, got \(command)")
            return
        }
        #expect(request.duration == "1h")
        #expect(request.comment == "silenced from flowtop")
        #expect(request.alert == "ai_request_success 1h/5m")
        #expect(state.silencePrompt != nil)   // open until the app answers
    }

    @Test func typingEditsTheFieldInFocusAndEveryKeyIsText() {
        var state = state()
        _ = state.handle(.char("s"), snapshot: snapshot)
        type("2x", into: &state)
        #expect(state.handle(.backspace, snapshot: snapshot) == .redraw)
        type("h", into: &state)
        #expect(state.handle(.tab, snapshot: snapshot) == .redraw)
        #expect(state.silencePrompt?.field == .comment)
        // q, m, t, space and ? are text here, not commands.
        type("q m t ?", into: &state)
        #expect(state.model == .linear && state.tenant == nil && !state.isPaused)
        guard case .silence(let request) = state.handle(.enter, snapshot: snapshot) else {
            Issue.record("expected a silence")
            return
        }
        #expect(request.duration == "2h")
        #expect(request.comment == "q m t ?")
    }

    @Test func backspaceOnAnEmptyFieldDoesNothing() {
        var state = state()
        _ = state.handle(.char("s"), snapshot: snapshot)
        #expect(state.handle(.backspace, snapshot: snapshot) == .none)
        #expect(state.handle(.function(5), snapshot: snapshot) == .none)
    }

    @Test func escCancelsAndCtrlCStillQuits() {
        var state = state()
        _ = state.handle(.char("s"), snapshot: snapshot)
        type("30m", into: &state)
        #expect(state.handle(.escape, snapshot: snapshot) == .redraw)
        #expect(state.overlays.isEmpty)
        _ = state.handle(.char("s"), snapshot: snapshot)
        #expect(state.silencePrompt?.duration == "")   // a new prompt starts empty
        #expect(state.handle(.interrupt, snapshot: snapshot) == .quit)
    }

    @Test func aRefusalStaysInThePromptUntilTheNextEdit() {
        var state = state()
        _ = state.handle(.char("s"), snapshot: snapshot)
        type("1x", into: &state)
        let command = state.handle(.enter, snapshot: snapshot)
        state.finish(command, .refused("unknown unit `x` in `1x`: expected ms, s, m, h, d, w or y"))
        #expect(state.silencePrompt?.error == "unknown unit `x` in `1x`: expected ms, s, m, h, d, w or y")
        #expect(state.silencePrompt?.duration == "1x")
        #expect(state.notice == nil)
        _ = state.handle(.backspace, snapshot: snapshot)
        #expect(state.silencePrompt?.error == nil)
    }

    @Test func aSilenceAddedClosesThePromptAndSaysUntilWhen() {
        var state = state()
        _ = state.handle(.char("s"), snapshot: snapshot)
        let command = state.handle(.enter, snapshot: snapshot)
        state.finish(command, .silenced(id: "silence-7", until: Fixture.now + 3_600_000))
        #expect(state.overlays.isEmpty)
        #expect(state.notice == DashboardNotice("silenced ai_request_success 1h/5m until 12:15:02 UTC (silence-7)"))
        // The selection stays on the alert, wherever the next snapshot lists it.
        #expect(state.selectedAlert == snapshot.alerting.alerts[0].alert.fingerprint)
        #expect(state.handle(.down, snapshot: snapshot) == .redraw)
        #expect(state.notice == nil)
    }

    @Test func aAcknowledgesTheSelectedAlert() {
        var state = state(selecting: "AICostHigh")
        let fingerprint = listed("AICostHigh")?.alert.fingerprint ?? "?"
        let command = state.handle(.char("a"), snapshot: snapshot)
        #expect(command == .acknowledge(fingerprints: [fingerprint], alert: "AICostHigh team=revenue"))
        state.finish(command, .done)
        #expect(state.notice?.text == "acknowledged AICostHigh team=revenue")
        state.finish(command, .refused("AICostHigh could not be acknowledged"))
        #expect(state.notice == DashboardNotice("AICostHigh could not be acknowledged", isError: true))
    }

    @Test func aOnAResolvedAlertSaysWhyNot() {
        var resolved = state(selecting: "RejectedLines")
        _ = resolved.handle(.char("a"), snapshot: snapshot)
        #expect(resolved.notice?.text == "RejectedLines has resolved: nothing to acknowledge")
        #expect(resolved.notice?.isError == true)
    }

    @Test func xExpiresTheSilenceMadeForTheSelectedAlert() {
        var silenced = state(selecting: "acme")
        let command = silenced.handle(.char("x"), snapshot: snapshot)
        #expect(command == .expireSilences(ids: ["silence-1"],
                                           alert: "message_processing_latency · tenant:acme 3d/6h"))
        silenced.finish(command, .done)
        #expect(silenced.notice?.text == "expired silence-1: message_processing_latency · tenant:acme 3d/6h is no "
                    + "longer silenced")
        var active = state()
        _ = active.handle(.char("x"), snapshot: snapshot)
        #expect(active.notice?.text == "ai_request_success 1h/5m is not silenced")
    }

    @Test func theSelectionMovesInTheOrderShownAndFollowsTheAlert() {
        var state = state()
        let rows = state.alertRows(snapshot)
        #expect(rows.count == 8)
        for _ in 0..<4 { _ = state.handle(.down, snapshot: snapshot) }
        // The first muted: the acknowledged page, before the silenced ticket.
        #expect(state.selectedAlertGroup(in: snapshot)?.lead.alert.labels["model"] == "gpt-4o")
        // Silenced meanwhile, the cost alert moves down to the muted section; once selected,
        // the highlight goes with it.
        state = self.state(selecting: "AICostHigh")
        var later = snapshot
        if let i = later.alerting.alerts.firstIndex(where: { $0.alert.labels["alertname"] == "AICostHigh" }) {
            later.alerting.alerts[i].silencedBy = ["silence-2"]
        }
        // Under the acknowledged page, and newer than the acme ticket.
        #expect(state.alertRow(in: later) == 4)
        #expect(state.selectedAlertGroup(in: later)?.lead.alert.labels["alertname"] == "AICostHigh")
        _ = state.handle(.end, snapshot: later)
        #expect(state.alertRow(in: later) == 7)
    }

    @Test func enterOnABurnRateAlertOpensItsSLOAndSeriesAndOnARuleNothing() {
        var model = state(selecting: "gpt-4o")
        _ = model.handle(.enter, snapshot: snapshot)
        #expect(model.overlays == [.detail("ai_request_success"), .detail("ai_request_success", .model("gpt-4o"))])
        var rule = state(selecting: "AICostHigh")
        #expect(rule.handle(.enter, snapshot: snapshot) == .none)
    }

    @Test func theFooterNamesTheAlertKeysAndThenTheNotice() {
        var state = state()
        let footer = Fixture.rendered(snapshot, state: state).row(39)
        for key in ["s silence", "a ack", "enter detail"] { #expect(footer.contains(key), "\(footer)") }
        state.notice = DashboardNotice("acknowledged AICostHigh team=revenue")
        let noticed = Fixture.rendered(snapshot, state: state)
        #expect(noticed.row(39).contains("acknowledged AICostHigh team=revenue"))
        #expect(noticed.style(of: "acknowledged AICostHigh")?.role == .ok)
    }

    /// A reason quoting what came from outside (an alert label, a typed value) shows its
    /// control characters as escapes, not as bytes and not silently dropped.
    @Test func aNoticeShowsControlCharactersAsEscapes() {
        var state = state(selecting: "AICostHigh")
        let command = state.handle(.char("a"), snapshot: snapshot)
        state.finish(command, .refused("team=\u{1B}[2Jrev\u{7F}\u{9B} could not be acknowledged"))
        #expect(state.notice?.text == "team=\\x1b[2Jrev\\x7f\\x9b could not be acknowledged")
        let footer = Fixture.rendered(snapshot, state: state).row(39)
        #expect(footer.contains("team=\\x1b[2Jrev\\x7f\\x9b could not be acknowledged"), "\(footer)")
    }

    @Test func thePromptShowsTheAlertTheFieldsTheMatchersAndTheError() {
        var state = state()
        _ = state.handle(.char("s"), snapshot: snapshot)
        var grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.text.contains("Alerts › silence"))
        #expect(grid.text.contains("Silence ai_request_success 1h/5m"))
        #expect(grid.line(containing: "for:").contains("[1h"))
        #expect(grid.line(containing: "comment:").contains("silenced from flowtop"))
        #expect(grid.style(of: "silenced from flowtop")?.role == .dim)   // the default, until typed over
        #expect(grid.text.contains(#"alertname="ErrorBudgetBurn""#))
        #expect(grid.row(39).contains("enter silence"))
        type("90 min", into: &state)
        state.finish(state.handle(.enter, snapshot: snapshot), .refused("spaces are not allowed in a duration"))
        grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.line(containing: "for:").contains("[90 min"))
        #expect(grid.style(of: "spaces are not allowed")?.role == .crit)
        #expect(grid.isWellFormed)
        #expect(Fixture.rendered(snapshot, state: state, width: 60, height: 16).isWellFormed)
    }
}
