import FlowCore
import FlowDashboard
import Testing

/// `ui.json` as text: what is written, and how leniently it is read back.
@Suite("Saved UI state")
struct SavedUIStateTests {
    /// Someone who moved away from every default.
    static var chosen: DashboardState {
        var state = DashboardState(focus: .funnel, model: .markov, tenant: "acme")
        state.sloSort = .budget
        state.breakdownSort = .events
        state.historyRange = .d3
        state.funnel.periodDays = 90
        state.funnel.breakdown = .source
        state.overlays = [.help]
        state.isPaused = true
        return state
    }

    func decoded(_ text: String) -> SavedUIState.Reading { SavedUIState.decode(Array(text.utf8)) }

    @Test func writesOneVersionedObjectWithAKeyPerLine() {
        #expect(SavedUIState(Self.chosen).json == """
            {
              "version": 1,
              "pane": "funnel",
              "slo_sort": "budget",
              "breakdown_sort": "events",
              "chart_range": "3d",
              "model": "markov",
              "tenant": "acme",
              "funnel_period_days": 90,
              "funnel_breakdown": "source"
            }

            """)
    }

    /// A file as earlier builds wrote it, nulls included, reads back whole.
    @Test func aFileOfAnEarlierBuildReadsBack() {
        let text = """
            {
              "version": 1,
              "pane": "slo",
              "slo_sort": null,
              "breakdown_sort": "events",
              "chart_range": null,
              "model": "markov",
              "tenant": null,
              "funnel_period_days": 30,
              "funnel_breakdown": null
            }

            """
        #expect(decoded(text) == .saved(SavedUIState(pane: .slos, breakdownSort: .events, model: .markov, funnelPeriodDays: 30)))
    }

    @Test func roundTripRestoresEveryChoiceButNotTheMomentsLook() {
        let saved = SavedUIState(Self.chosen)
        #expect(decoded(saved.json) == .saved(saved))
        var expected = Self.chosen
        expected.overlays = []
        expected.isPaused = false
        #expect(saved.applied(to: DashboardState()) == expected)
    }

    @Test func allTenantsIsAChoiceToo() {
        let saved = SavedUIState(DashboardState())
        #expect(saved.json.contains(#""tenant": null"#))
        #expect(saved.applied(to: DashboardState(tenant: "acme")).tenant == nil)
    }

    @Test("a file that is not a versioned JSON object is ignored",
          arguments: ["", "not json", "[1, 2]", "null", #"{"pane": "alerts"}"#, #"{"version": "1"}"#,
                      #"{"version": 0, "pane": "alerts"}"#, #"{"version": 1.5}"#, "{\"version\": 1, \"pane\": \"al"])
    func corrupt(text: String) {
        #expect(decoded(text) == .unreadable)
    }

    @Test func aNewerVersionIsNotReadAsThisOne() {
        #expect(decoded(#"{"version": 2, "pane": "alerts", "layout": {"splits": 3}}"#) == .newer(version: 2))
    }

    @Test func unknownKeysAreIgnoredAndUnknownValuesSkippedOneByOne() {
        let text = """
            {"version": 1, "pane": "alerts", "theme": "solar", "model": "quantum", "slo_sort": 5,
             "chart_range": "2h", "funnel_period_days": 99999, "funnel_breakdown": "region", "tenant": 7,
             "breakdown_sort": "name"}
            """
        #expect(decoded(text) == .saved(SavedUIState(pane: .alerts, breakdownSort: .name)))
    }

    @Test func withPaneTheSavedPaneStaysWhatItWas() {
        var split = Self.chosen
        split.arrangement = .single
        split.focus = .attribution
        #expect(SavedUIState(split, previous: SavedUIState(pane: .alerts)).pane == .alerts)
        #expect(SavedUIState(split, previous: nil).pane == nil)
        var zoomed = split
        zoomed.arrangement = .zoomed
        #expect(SavedUIState(zoomed, previous: SavedUIState(pane: .alerts)).pane == .attribution)
    }
}
