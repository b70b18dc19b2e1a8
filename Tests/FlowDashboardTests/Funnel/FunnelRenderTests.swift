import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

@Suite("Rendering the funnel")
struct FunnelRenderTests {
    /// The funnel pane focused, with this period and breakdown.
    func pane(days: Int = 30, breakdown: FunnelBreakdown = .none, width: Int = 120, height: Int = 40,
              ascii: Bool = false) -> CellGrid {
        var state = DashboardState(focus: .funnel)
        state.funnel = FunnelQuery(periodDays: days, breakdown: breakdown)
        return Fixture.rendered(Fixture.snapshot(for: state), state: state, width: width, height: height,
                                context: DashboardContext(socketPath: Fixture.socketPath, asciiOnly: ascii))
    }

    /// The stage view of `stage`.
    func stage(_ stage: Stage, breakdown: FunnelBreakdown = .source, width: Int = 120, height: Int = 40,
               ascii: Bool = false) -> CellGrid {
        var state = DashboardState(focus: .funnel)
        state.funnel.breakdown = breakdown
        state.overlays = [.funnelStage(stage)]
        return Fixture.rendered(Fixture.snapshot(for: state), state: state, width: width, height: height,
                                context: DashboardContext(socketPath: Fixture.socketPath, asciiOnly: ascii))
    }

    @Test func theTitleSaysThePeriodTheBreakdownAndTheKeys() {
        #expect(pane().text.contains("Funnel · 30d  [p b]"))
        #expect(pane(days: 7, breakdown: .source).text.contains("Funnel · 7d · by source  [p b]"))
        #expect(pane(days: 90, breakdown: .tenant, width: 80, height: 24).text.contains("Funnel · 90d · by tenant  [p b]"))
        #expect(pane(days: 7, ascii: true).text.contains("Funnel - 7d  [p b]"))
    }

    @Test func eachStageShowsItsCountStepAndOverallConversion() {
        let grid = pane()
        let header = grid.line(containing: "│stage ")
        #expect(header.contains("count") && header.contains("step") && header.contains("overall"))
        let qualified = grid.line(containing: "│qualified")
        #expect(qualified.contains("610") && qualified.contains("62.2%") && qualified.contains("49.2%"))
    }

    @Test func theShorterPeriodShowsFewerLeads() {
        // 259 of the 1,240 fixture leads were created in the last 7 days.
        let grid = pane(days: 7)
        #expect(grid.line(containing: "│lead_created").contains("259"))
        #expect(grid.text.contains("lost 43  ·  won (cohort) $86.4k"))
    }

    @Test func aBreakdownListsLeadsConversionToWonAndRevenueUnderTheBars() {
        let grid = pane(days: 7, breakdown: .source)
        #expect(grid.line(containing: "│source ").contains("leads"))
        #expect(grid.line(containing: "│source ").contains("→won"))
        // whatsapp: 98 leads, 7 won (7.1%) at $4,800.
        let whatsapp = grid.lines(containing: "whatsapp").first { $0.hasPrefix("│whatsapp") } ?? ""
        for part in ["98", "7", "7.1%", "$33.6k"] { #expect(whatsapp.contains(part), "\(part)") }
        let rows = grid.text.split(separator: "\n")
        let won = rows.firstIndex { $0.contains("│won ") } ?? .max
        let source = rows.firstIndex { $0.contains("│source ") } ?? -1
        #expect(won < source)
        #expect(grid.text.contains("lost 43"))
    }

    @Test func aWidePaneShowsTheBreakdownBesideTheBars() {
        let grid = pane(days: 7, breakdown: .tenant, width: 220, height: 50)
        let created = grid.line(containing: "│lead_created")
        #expect(created.contains("acme"))
        #expect(grid.line(containing: "│stage ").contains("tenant"))
    }

    @Test func aShortPaneKeepsTheBarsBeforeTheBreakdown() {
        let grid = pane(breakdown: .source, width: 80, height: 24)
        #expect(grid.text.contains("lead_created"))
        #expect(!grid.text.contains("→won"))
    }

    @Test func theStageViewShowsConversionsDropOffAndTimes() {
        let grid = stage(.qualified)
        #expect(grid.text.contains("Funnel › qualified"))
        let summary = grid.line(containing: "610 leads")
        #expect(summary.contains("step 62.2% from contacted") && summary.contains("overall 49.2%"))
        #expect(grid.text.contains("of 1,240 leads created in the last 30d (since 2026-10-19)"))
        #expect(grid.text.contains("drop-off to meeting  290 of 610 (47.5%)"))
        #expect(grid.line(containing: "lost here").contains("58"))
        #expect(grid.line(containing: "stalled >14d").contains("112"))
        #expect(grid.line(containing: "in progress").contains("120"))
        let toMeeting = grid.lines(containing: "to meeting").last ?? ""
        for part in ["17h 0m", "1d 8h", "320"] { #expect(toMeeting.contains(part), "\(part)") }
        let toWon = grid.line(containing: "to won")
        for part in ["2d 0h", "3d 21h", "84"] { #expect(toWon.contains(part), "\(part)") }
        #expect(grid.text.contains("stalled by source (112)"))
        #expect(grid.line(containing: "whatsapp           43").contains("█"))
    }

    @Test func theStageViewAgreesWithTheAnalysis() throws {
        let analysis = Fixture.funnelAnalysis(FunnelQuery(breakdown: .source))
        let qualified = try #require(analysis.stage(.qualified))
        #expect(qualified.dropOff == qualified.lostHere + qualified.stalled + qualified.inProgress)
        #expect([qualified.lostHere, qualified.stalled, qualified.inProgress] == [58, 112, 120])
        #expect(qualified.timeToNext == FunnelDurationStats(samples: 320, median: 17 * 3_600_000, p90: 32 * 3_600_000))
    }

    @Test func theStageViewBreaksTheStageDownBySource() {
        let grid = stage(.qualified)
        #expect(grid.text.contains("by source at qualified"))
        #expect(grid.line(containing: "source    leads").contains("qualified"))
        let whatsapp = grid.line(containing: "whatsapp    465")
        for part in ["230", "62.3%", "49.5%", "79", "$158k"] { #expect(whatsapp.contains(part), "\(part)") }
    }

    @Test func withoutABreakdownTheStageViewSaysHowToGetOne() {
        #expect(stage(.contacted, breakdown: .none).text.contains("b: break this stage down by source or tenant"))
    }

    @Test func theLadderMarksTheStageShown() {
        let grid = stage(.meeting)
        #expect(grid.line(containing: "› meeting  ").contains("320"))
        #expect(grid.text.contains("Funnel › meeting"))
    }

    @Test func wonShowsRevenueAndTheSalesCycleInsteadOfADropOff() {
        let grid = stage(.won, breakdown: .tenant)
        #expect(grid.text.contains("won (cohort) $403k"))
        #expect(grid.line(containing: "since created").contains("84"))
        #expect(grid.text.contains("since proposal"))
        #expect(!grid.text.contains("stalled by source"))
        #expect(!grid.text.contains("drop-off to"))
    }

    @Test func theStageViewFitsAnEightyColumnScreen() {
        let grid = stage(.qualified, width: 80, height: 24)
        #expect(grid.text.contains("Funnel › qualified"))
        #expect(grid.text.contains("drop-off to meeting"))
        #expect(grid.lines(containing: "to meeting").last?.contains("17h 0m") == true)
        #expect(grid.text.contains("stalled by source (112): whatsapp 43"))
        #expect(grid.row(grid.height - 1).contains("esc back"))
        #expect(grid.row(grid.height - 1).contains("p period"))
    }

    @Test func anEmptyPeriodShowsDashesNotZeroRatios() {
        var state = DashboardState(focus: .funnel)
        state.overlays = [.funnelStage(.qualified)]
        var snapshot = Fixture.snapshot(for: state)
        let empty = FunnelAnalyzer.analyze([FunnelLead](), query: FunnelQuery(), now: Fixture.now)
        snapshot.funnelAnalysis = empty
        snapshot.funnel = FunnelSnapshot(empty)
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.text.contains("0 leads"))
        #expect(grid.text.contains("step – from contacted"))
        #expect(grid.text.contains("0 of 0 (–)"))
        #expect(grid.isWellFormed)
    }

    @Test func withoutAnAnalysisTheStageViewWaits() {
        var state = DashboardState(focus: .funnel)
        state.overlays = [.funnelStage(.qualified)]
        var snapshot = Fixture.snapshot(for: state)
        snapshot.funnelAnalysis = nil
        #expect(Fixture.rendered(snapshot, state: state).text.contains("waiting for the funnel analysis"))
    }

    @Test func helpOverTheStageViewKeepsItBehind() {
        var state = DashboardState(focus: .funnel)
        state.overlays = [.funnelStage(.qualified), .help]
        let grid = Fixture.rendered(Fixture.snapshot(for: state), state: state)
        #expect(grid.text.contains("Funnel › qualified › help"))
        #expect(grid.text.contains("Funnel › qualified ─"))
        #expect(grid.isWellFormed)
    }

    @Test func theFooterNamesTheFunnelKeys() {
        let footer = pane().row(39)
        for key in ["enter stage", "p period", "b breakdown", "space pause"] {
            #expect(footer.contains(key), "\(key)")
        }
        #expect(!Fixture.rendered(Fixture.snapshot()).row(39).contains("p period"))
    }

    @Test("the pane and the stage view are well formed at every size",
          arguments: [(120, 40), (80, 24), (200, 60), (60, 16), (100, 30), (99, 30), (61, 17), (133, 41)])
    func wellFormed(width: Int, height: Int) {
        for breakdown in FunnelBreakdown.allCases {
            #expect(pane(breakdown: breakdown, width: width, height: height).isWellFormed, "\(breakdown)")
            for ascii in [false, true] {
                for s in [Stage.leadCreated, .qualified, .won] {
                    let grid = stage(s, breakdown: breakdown, width: width, height: height, ascii: ascii)
                    #expect(grid.isWellFormed, "\(s) \(breakdown) ascii \(ascii)")
                }
            }
        }
    }

    @Test func wideLabelsDoNotGarble() {
        var state = DashboardState(focus: .funnel)
        state.funnel.breakdown = .source
        state.overlays = [.funnelStage(.contacted)]
        var snapshot = Fixture.snapshot(for: state)
        snapshot.funnelAnalysis?.breakdown[0].label = .named("微信公众号推广渠道")
        snapshot.funnelAnalysis?.stages[1].stalledBySource[0].label = .named("東京営業所")
        for (w, h) in [(120, 40), (80, 24), (61, 16), (101, 30)] {
            #expect(Fixture.rendered(snapshot, state: state, width: w, height: h).isWellFormed, "\(w)x\(h)")
            state.overlays = []
            #expect(Fixture.rendered(snapshot, state: state, width: w, height: h).isWellFormed, "pane \(w)x\(h)")
            state.overlays = [.funnelStage(.contacted)]
        }
    }
}
