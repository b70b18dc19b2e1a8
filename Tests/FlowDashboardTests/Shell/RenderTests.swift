import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

@Suite("Rendering the main view")
struct RenderTests {
    let grid = Fixture.rendered(Fixture.snapshot(), width: 120, height: 40)

    @Test func headerShowsRatesTotalsTenantSocketAndClock() {
        let header = grid.row(0)
        #expect(header.contains("1.2k ev/s"))
        #expect(header.contains("events 3.5M"))
        #expect(header.contains("rejected 12"))
        #expect(header.contains("all tenants"))
        #expect(header.contains("socket " + Fixture.socketPath))
        #expect(header.contains("11:15:02 UTC"))
        #expect(!header.contains("PAUSED"))
    }

    @Test func sloPaneListsEverySLOWithSLIBurnAndBudget() {
        let row = grid.line(containing: "crit ai_request_success")
        #expect(row.contains("99.712%"))
        #expect(row.contains("15.1"))    // 1h burn
        #expect(row.contains("41%"))     // budget left
        #expect(grid.line(containing: "message_processing_latency").contains("warn"))
        #expect(grid.line(containing: "ai_response_latency").contains("ok"))
        #expect(grid.text.contains("SLOs (2 burning)"))
    }

    @Test func statusAndBurnTakeSeverityRoles() {
        let unfocused = Fixture.rendered(Fixture.snapshot(), state: DashboardState(focus: .funnel))
        #expect(unfocused.style(of: "crit")?.role == .crit)
        #expect(unfocused.style(of: "warn ")?.role == .warn)
    }

    @Test func focusedPaneHighlightsItsSelectedRow() {
        // SLOs has focus by default: its first row (worst first) is the selection.
        #expect(grid.style(of: "crit ai_request_success")?.selected == true)
        var state = DashboardState()
        state.focus = .alerts
        let other = Fixture.rendered(Fixture.snapshot(), state: state)
        #expect(other.style(of: "crit ai_request_success")?.role == .crit)
        #expect(other.style(of: "PAGE")?.selected == true)
    }

    /// Every pane's selected row keeps each cell's colour on the selection background: the
    /// SLO pane's `crit`, the alerts pane's `PAGE`.
    @Test func aSelectedRowKeepsItsCellsColours() {
        #expect(grid.style(of: "crit ai_request_success")?.role == .crit)
        #expect(grid.style(of: "crit ai_request_success")?.reverse == false)
        #expect(grid.style(of: "ai_request_success ")?.role == .selected)   // plain text: the selection's colour
        var state = DashboardState()
        state.focus = .alerts
        let alerts = Fixture.rendered(Fixture.snapshot(), state: state)
        #expect(alerts.style(of: "PAGE")?.role == .crit)
        #expect(alerts.style(of: "PAGE")?.selected == true)
    }

    @Test func alertsPaneShowsSeverityTierAndAge() {
        let page = grid.line(containing: "PAGE")
        // At 120 columns the SLO table keeps its four burn windows: the tier loses its factor.
        #expect(page.contains("ai_request_success"))
        #expect(page.contains("1h/5m"))
        #expect(page.contains("3m ago"))
        let ticket = grid.line(containing: "TICKET")
        #expect(ticket.contains("3d/6h"))
        #expect(ticket.contains("1h 5m ago"))
    }

    @Test func alertsPaneGroupsBySLOAndSeverity() {
        // Grouped by slo and severity, a row names its SLO; the tenant is in the group's view.
        #expect(grid.line(containing: "TICKET").contains("message_processing"))
        #expect(!grid.line(containing: "PAGE").contains("·"))
    }

    @Test func inhibitedTiersAreHiddenAndCountedUntilI() {
        let wide = Fixture.rendered(Fixture.snapshot(), width: 200, height: 40)
        #expect(wide.text.contains("Alerts (2 groups · 2 series · 1 inhibited hidden [i])"))
        #expect(grid.line(containing: "inhib ").isEmpty)
        var state = DashboardState()
        state.showsInhibited = true
        let shown = Fixture.rendered(Fixture.snapshot(), state: state, width: 200, height: 40)
        #expect(shown.text.contains("Alerts (2 groups · 2 series · 1 inhibited)"))
        let inhibited = shown.line(containing: "inhib ")
        #expect(inhibited.contains("ai_request_success"))
        #expect(inhibited.contains("3d/6h"))
        #expect(shown.style(of: "inhib ")?.role == .dim)
        var quiet = Fixture.snapshot()
        quiet.alerting.alerts.removeLast()
        #expect(Fixture.rendered(quiet, width: 200, height: 40).text.contains("Alerts (2 groups · 2 series) "))
    }

    @Test func wideAlertsPaneShowsWholeNamesSeriesAndTiers() {
        let wide = Fixture.rendered(Fixture.snapshot(), width: 200, height: 40)
        let ticket = wide.line(containing: "TICKET")
        #expect(ticket.contains("message_processing_latency"))
        #expect(ticket.contains("1 series"))
        #expect(ticket.contains("3d/6h"))
        #expect(ticket.contains("ticket"))   // the severity column, with room
        #expect(ticket.contains("1.40x"))    // the long window's burn
    }

    @Test func quietAlertsPaneSaysSoInOkColour() {
        var snapshot = Fixture.snapshot()
        snapshot.alerting.alerts = []
        let quiet = Fixture.rendered(snapshot)
        #expect(quiet.text.contains("no active alerts"))
        #expect(quiet.style(of: "no active alerts")?.role == .ok)
    }

    @Test func funnelShowsCountsAndConversions() {
        #expect(grid.line(containing: "lead_created").contains("1,240"))
        let contacted = grid.line(containing: "contacted")
        #expect(contacted.contains("980"))
        #expect(contacted.contains("79.0%"))
        let won = grid.line(containing: "won      ")
        #expect(won.contains("84"))
        #expect(won.contains("44.2%"))   // from proposal
        #expect(won.contains("6.8%"))    // from lead_created
        #expect(grid.text.contains("lost 212"))
        #expect(grid.text.contains("won (cohort) $403k"))
    }

    @Test func funnelBarsAreScaledToLeadsCreated() {
        let created = grid.line(containing: "lead_created").filter { $0 == "█" }.count
        let meeting = grid.line(containing: "meeting").filter { $0 == "█" }.count
        #expect(created > 0)
        // 320 of 1,240 is about a quarter.
        #expect(abs(Double(meeting) / Double(created) - 0.258) < 0.05)
    }

    @Test func attributionShowsModelChannelsCostRoiAndTotals() {
        #expect(grid.text.contains("Attribution · linear  [m]"))
        let whatsapp = grid.line(containing: "whatsapp")
        #expect(whatsapp.contains("$182k"))
        #expect(whatsapp.contains("45%"))
        #expect(whatsapp.contains("$2.1k"))
        #expect(whatsapp.contains("8423%"))
        #expect(grid.line(containing: "referral").contains("$0"))
        let total = grid.line(containing: "total   ")
        #expect(total.contains("$403k"))
        #expect(total.contains("$7.5k"))
        #expect(grid.text.contains("AI spend $2.2k"))
    }

    @Test func attributionTitleFollowsTheChosenModel() {
        var state = DashboardState()
        state.model = .firstTouch
        let text = Fixture.rendered(Fixture.snapshot(model: .firstTouch), state: state).text
        #expect(text.contains("Attribution · first_touch  [m]"))
    }

    @Test func footerListsTheKeys() {
        let footer = grid.row(grid.height - 1)
        for key in ["q quit", "tab pane", "enter detail", "m model", "t tenant", "space pause", "? help"] {
            #expect(footer.contains(key))
        }
    }

    @Test func lostNotificationsShowInTheHeaderInWarnStyle() {
        #expect(!grid.row(0).contains("notify"))
        // Derived from the notifiers: failed plus dropped, over all of them.
        let failing = Fixture.rendered(Fixture.notifying(Fixture.snapshot(), [
            NotifierStatus(name: "slack", sent: 4, failed: 1), NotifierStatus(name: "email", dropped: 1),
        ]))
        #expect(failing.row(0).contains("notify 2 failed"))
        #expect(failing.style(of: "notify 2 failed")?.role == .warn)
        #expect(failing.row(0).contains("11:15:02 UTC"))
    }

    @Test func pausedAndFilteredShowInTheHeader() {
        var state = DashboardState()
        state.isPaused = true
        state.tenant = "acme"
        let header = Fixture.rendered(Fixture.snapshot(tenant: "acme"), state: state).row(0)
        #expect(header.contains("PAUSED"))
        #expect(header.contains("tenant acme"))
        #expect(!header.contains("all tenants"))
    }

    @Test func wideLayoutPutsSLOsAndAlertsSideBySide() {
        let top = grid.row(1)
        #expect(top.contains("SLOs"))
        #expect(top.contains("Alerts"))
        #expect(grid.lines(containing: "Funnel").first?.contains("Attribution") == true)
    }
}

@Suite("Rendering at other sizes")
struct RenderSizeTests {
    @Test("every size draws well-formed rows of the full width",
          arguments: [(120, 40), (80, 24), (200, 60), (60, 16), (100, 30), (99, 30), (59, 20), (20, 5), (0, 0)])
    func wellFormed(width: Int, height: Int) {
        let grid = Fixture.rendered(Fixture.snapshot(), width: width, height: height)
        #expect(grid.isWellFormed)
    }

    @Test func narrowTerminalStacksThePanes() {
        let grid = Fixture.rendered(Fixture.snapshot(), width: 80, height: 24)
        let titles = ["SLOs", "Alerts", "Funnel", "Attribution"].map { title in
            (0..<grid.height).first { grid.row($0).contains("─ " + title) } ?? -1
        }
        #expect(titles.allSatisfy { $0 > 0 })
        #expect(titles == titles.sorted())
        // Every SLO and both alerts still fit on 80x24.
        for name in ["ai_response_latency", "message_processing_latency", "ai_request_success"] {
            #expect(grid.text.contains(name))
        }
        #expect(grid.text.contains("PAGE"))
        #expect(grid.text.contains("TICKET"))
    }

    @Test func shortPanesCountWhatTheyLeaveOut() {
        let grid = Fixture.rendered(Fixture.snapshot(), width: 80, height: 24)
        #expect(grid.text.contains("more"))
        #expect(grid.text.contains("AI spend $2.2k"))
    }

    @Test func largeTerminalShowsEveryColumn() {
        let grid = Fixture.rendered(Fixture.snapshot(), width: 200, height: 60)
        let header = grid.line(containing: "SLO ")
        for column in ["obj", "SLI", "5m", "1h", "6h", "3d", "budget", "left"] {
            #expect(header.contains(column))
        }
        #expect(grid.line(containing: "state ").contains("value"))
        #expect(grid.line(containing: "channel").contains("conv"))
    }

    @Test func minimumSizeStillShowsEveryPane() {
        let grid = Fixture.rendered(Fixture.snapshot(), width: 60, height: 16)
        #expect(grid.text.contains("SLOs"))
        #expect(grid.text.contains("PAGE"))
        #expect(grid.text.contains("1,240 lead_created → 84 won (6.8%)"))
        #expect(grid.text.contains("$403k won in 30d"))
    }

    @Test("below 60x16 the screen says so", arguments: [(59, 16), (60, 15), (30, 8)])
    func tooSmall(width: Int, height: Int) {
        let text = Fixture.rendered(Fixture.snapshot(), width: width, height: height).text
        #expect(text.contains("terminal too small: \(width)x\(height)"))
        #expect(text.contains("60x16"))
        #expect(!text.contains("SLOs"))
    }

    @Test func wideCharactersInDataDoNotGarble() {
        var snapshot = Fixture.snapshot()
        snapshot.attribution.rows[0].channel = "微信公众号推广渠道"
        var tokyo = Fixture.alerts[1]
        tokyo.series = .tenant("東京営業所")
        snapshot.alerting.alerts[1] = Fixture.listed(tokyo)
        snapshot.slos[0].name = "ai_応答_latency_🚀"
        var state = DashboardState()
        for (w, h) in [(120, 40), (80, 24), (61, 16), (133, 41)] {
            let grid = Fixture.rendered(snapshot, state: state, width: w, height: h)
            #expect(grid.isWellFormed, "\(w)x\(h)")
        }
        #expect(Fixture.rendered(snapshot, width: 200, height: 60).text.contains("微信公众号推广渠道"))
        state.overlays = [.help]
        #expect(Fixture.rendered(snapshot, state: state, width: 101, height: 30).isWellFormed)
    }
}

@Suite("Rendering before any event")
struct EmptyStateTests {
    @Test func everyPaneSaysNoEventsAndWhereToSendThem() {
        let grid = Fixture.rendered(Fixture.emptySnapshot, width: 120, height: 40)
        #expect(grid.lines(containing: "no events yet").count == 2)   // two panes per row, two rows
        let hints = grid.text.split(separator: "\n").map { $0.split(separator: "no events yet", omittingEmptySubsequences: false).count - 1 }
        #expect(hints.reduce(0, +) == 4)
        #expect(grid.text.contains("socket " + Fixture.socketPath))
        #expect(grid.text.contains("flowtop emit"))
        #expect(grid.row(0).contains("events 0"))
        #expect(grid.isWellFormed)
    }

    @Test func roomyPaneShowsThePipeExample() {
        let grid = Fixture.rendered(Fixture.emptySnapshot, width: 200, height: 40)
        #expect(grid.text.contains(#"echo '{"type":"lead_created","lead_id":"L-1"}' | flowtop emit -"#))
    }

    /// A socket other than the default: the command shown names it, so it can be pasted.
    @Test func anotherSocketIsNamedInTheCommand() {
        let context = DashboardContext(socketPath: "/tmp/ft/s.sock", socketIsDefault: false)
        let wide = Fixture.rendered(Fixture.emptySnapshot, width: 240, height: 40, context: context)
        #expect(wide.text.contains(#"| flowtop emit --socket /tmp/ft/s.sock -"#))
        let narrow = Fixture.rendered(Fixture.emptySnapshot, width: 120, height: 40, context: context)
        #expect(narrow.text.contains("flowtop emit --socket /tmp/ft/s.sock events.ndjson"))
        let spaced = DashboardContext(socketPath: "/tmp/my dir/s.sock", socketIsDefault: false)
        #expect(Fixture.rendered(Fixture.emptySnapshot, width: 120, height: 40, context: spaced).text
            .contains("flowtop emit --socket '/tmp/my dir/s.sock' events.ndjson"))
        // The default socket needs no --socket.
        #expect(!Fixture.rendered(Fixture.emptySnapshot, width: 240, height: 40).text.contains("--socket"))
    }

    @Test func noSnapshotYetIsTheEmptyStateToo() {
        let grid = Fixture.rendered(nil, width: 80, height: 24)
        #expect(grid.text.contains("no events yet"))
        #expect(grid.row(0).contains("waiting for the engine"))
        #expect(grid.isWellFormed)
    }
}

@Suite("Rendering when everything was rejected")
struct AllRejectedTests {
    @Test func emptyStatePointsAtTheRejections() {
        var snapshot = Fixture.emptySnapshot
        snapshot.ingest.rejected.add(.missingField, 7)
        let grid = Fixture.rendered(snapshot, width: 120, height: 40)
        #expect(grid.text.contains("7 lines rejected: R shows why"))
        #expect(grid.row(0).contains("rejected 7"))
    }
}
