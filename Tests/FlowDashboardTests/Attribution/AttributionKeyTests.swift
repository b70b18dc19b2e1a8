import FlowCore
import FlowDashboard
import Testing
import TerminalUI

@Suite("Keys of attribution")
struct AttributionKeyTests {
    func press(_ key: Key, _ state: inout DashboardState) -> DashboardCommand {
        state.handle(key, snapshot: Fixture.snapshot(for: state))
    }

    /// The attribution pane focused, `rows` rows down, Enter pressed.
    func channelOpened(rowsDown rows: Int = 1) -> DashboardState {
        var state = DashboardState(focus: .attribution)
        for _ in 0..<rows { _ = press(.down, &state) }
        _ = press(.enter, &state)
        return state
    }

    @Test func enterOnAChannelOpensItAndEscClosesIt() {
        var state = DashboardState(focus: .attribution)
        _ = press(.down, &state)
        #expect(press(.enter, &state) == .redraw)
        #expect(state.overlays == [.attributionChannel("linkedin")])
        #expect(state.attributionChannel == "linkedin")
        #expect(state.breadcrumb == ["Attribution", "linkedin"])
        #expect(state.query == DashboardState(focus: .attribution).query)   // all from the snapshot
        #expect(press(.escape, &state) == .redraw)
        #expect(state.overlay == nil)
        #expect(state.selectedRow(in: .attribution) == 1)
    }

    @Test func arrowsInTheChannelViewMoveThroughThePanesOrderWithinBounds() {
        var state = channelOpened()
        #expect(press(.down, &state) == .redraw)
        #expect(state.overlays == [.attributionChannel("website")])   // moved, not stacked
        #expect(state.breadcrumb == ["Attribution", "website"])
        _ = press(.char("k"), &state)
        _ = press(.up, &state)
        #expect(state.overlay == .attributionChannel("whatsapp"))
        #expect(press(.up, &state) == .none)   // the first channel
        _ = press(.end, &state)
        #expect(state.overlay == .attributionChannel("referral"))
        #expect(press(.char("j"), &state) == .none)
        // The pane's selection follows, so Esc comes back to the channel last shown.
        _ = press(.escape, &state)
        #expect(state.selectedRow(in: .attribution) == 4)
    }

    @Test func aChannelNoLongerListedIsLeftForThePanesRowOnTheNextArrow() {
        var state = DashboardState(focus: .attribution)
        state.selection[.attribution] = 2
        state.overlays = [.attributionChannel("fax")]
        #expect(press(.down, &state) == .redraw)
        #expect(state.overlay == .attributionChannel("website"))
    }

    @Test func fAndROpenFeatureImpactAndAIROIFromThePane() {
        var state = DashboardState(focus: .attribution)
        #expect(press(.char("f"), &state) == .redraw)
        #expect(state.overlays == [.featureImpact])
        #expect(state.breadcrumb == ["Attribution", "features"])
        _ = press(.escape, &state)
        #expect(press(.char("r"), &state) == .redraw)
        #expect(state.overlays == [.aiROI])
        #expect(state.breadcrumb == ["Attribution", "AI ROI"])
    }

    @Test func insideTheViewsFAndRSwitchInPlaceAndEscGoesBackToThePane() {
        var state = channelOpened()
        _ = press(.char("f"), &state)
        #expect(state.overlays == [.featureImpact])
        _ = press(.char("r"), &state)
        #expect(state.overlays == [.aiROI])
        #expect(press(.char("r"), &state) == .none)   // already there
        _ = press(.char("f"), &state)
        _ = press(.char("f"), &state)
        #expect(state.overlays == [.featureImpact])
        _ = press(.escape, &state)
        #expect(state.overlays.isEmpty)
        #expect(state.focus == .attribution)
    }

    @Test("r still opens the rejected lines outside the attribution pane",
          arguments: [DashboardPane.slos, .alerts, .funnel])
    func rOutsideAttributionOpensRejected(pane: DashboardPane) {
        var state = DashboardState(focus: pane)
        #expect(press(.char("r"), &state) == .redraw)
        #expect(state.overlays == [.rejected])
        _ = press(.char("r"), &state)
        #expect(state.overlays.isEmpty)
        #expect(press(.char("f"), &state) == .none)
    }

    @Test func rInTheFunnelStageAndTheSLODetailOpensRejected() {
        var state = DashboardState(focus: .funnel)
        state.overlays = [.funnelStage(.qualified)]
        _ = press(.char("r"), &state)
        #expect(state.overlays == [.funnelStage(.qualified), .rejected])
        state.overlays = [.detail("ai_request_success")]
        _ = press(.char("r"), &state)
        #expect(state.overlays == [.detail("ai_request_success"), .rejected])
    }

    @Test func capitalROpensAndClosesRejectedFromAnywhere() {
        var state = DashboardState(focus: .attribution)
        _ = press(.char("R"), &state)
        #expect(state.overlays == [.rejected])
        #expect(state.breadcrumb == ["Attribution", "rejected"])
        _ = press(.char("R"), &state)
        #expect(state.overlays.isEmpty)
        _ = press(.char("r"), &state)
        _ = press(.char("R"), &state)
        #expect(state.overlays == [.aiROI, .rejected])
        _ = press(.char("r"), &state)   // over the rejected lines r closes them, as anywhere else
        #expect(state.overlays == [.aiROI])
        var slos = DashboardState()
        _ = press(.char("R"), &slos)
        #expect(slos.overlays == [.rejected])
    }

    @Test func mChangesTheModelAndKeepsTheViewOpen() {
        for view in [DashboardOverlay.attributionChannel("whatsapp"), .featureImpact, .aiROI] {
            var state = DashboardState(focus: .attribution)
            state.overlays = [view]
            #expect(press(.char("m"), &state) == .refresh)
            #expect(state.query.model == .positionBased)
            #expect(state.overlays == [view])
        }
    }

    @Test func otherKeysInTheViews() {
        var state = channelOpened()
        #expect(press(.enter, &state) == .none)
        #expect(press(.tab, &state) == .none)
        #expect(press(.char("p"), &state) == .none)
        #expect(press(.char("t"), &state) == .redraw)
        _ = press(.down, &state)
        #expect(press(.enter, &state) == .refresh)
        _ = press(.char("?"), &state)
        #expect(state.overlays == [.attributionChannel("linkedin"), .help])
        #expect(press(.char("f"), &state) == .none)   // help has the keys now
        #expect(press(.down, &state) == .none)
        _ = press(.escape, &state)
        #expect(state.overlay == .attributionChannel("linkedin"))
        state.overlays = [.featureImpact]
        #expect(press(.down, &state) == .none)
    }

    @Test func enterWithoutChannelsDoesNothing() {
        var state = DashboardState(focus: .attribution)
        #expect(state.handle(.enter, snapshot: Fixture.emptySnapshot) == .none)
        #expect(state.handle(.enter, snapshot: nil) == .none)
    }
}
