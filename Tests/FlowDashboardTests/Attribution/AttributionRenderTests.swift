import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

@Suite("Rendering the attribution views")
struct AttributionRenderTests {
    static let headline = "AI: $2.2k spent, $118.0k of revenue attributed (ROI 53x), $52 per won deal"

    /// `view` over the main view with the attribution pane focused, under `model`; the
    /// snapshot answers `snapshotModel` (the one before `m`, when they differ).
    func rendered(_ view: DashboardOverlay?, model: AttributionModel = .linear, snapshotModel: AttributionModel? = nil,
                  width: Int = 120, height: Int = 40, ascii: Bool = false,
                  change: (inout EngineSnapshot) -> Void = { _ in }) -> CellGrid {
        var state = DashboardState(focus: .attribution, model: model)
        state.overlays = view.map { [$0] } ?? []
        var snapshot = Fixture.snapshot(model: snapshotModel ?? model)
        change(&snapshot)
        return Fixture.rendered(snapshot, state: state, width: width, height: height,
                                context: DashboardContext(socketPath: Fixture.socketPath, asciiOnly: ascii))
    }

    @Test func theChannelViewSumsTheChannelUpUnderTheModel() {
        let grid = rendered(.attributionChannel("whatsapp"))
        #expect(grid.text.contains("Attribution › whatsapp"))
        let first = grid.line(containing: "revenue $182k under linear")
        for part in ["share 45.2%", "37.5 conversions", "last 30d: 1,240 journeys, 84 converted"] {
            #expect(first.contains(part), "\(part)")
        }
        let second = grid.line(containing: "cost $2.1k")
        for part in ["ROI 8423%", "ROAS 85x", "412 touches", "11.0 touches per conversion"] {
            #expect(second.contains(part), "\(part)")
        }
    }

    @Test func theChannelViewListsItsRevenueUnderEveryModelWithTheChosenOneMarked() {
        let grid = rendered(.attributionChannel("whatsapp"))
        #expect(grid.text.contains("revenue under every model  cost $2.1k under each"))
        let markov = grid.line(containing: " markov ")
        for part in ["$171k", "42%", "35.8", "7902%", "80x"] { #expect(markov.contains(part), "\(part)") }
        #expect(grid.line(containing: " last_touch ").contains("$210k"))
        #expect(grid.line(containing: "› linear").contains("$182k"))
        #expect(grid.style(of: "› linear")?.selected == true)
        #expect(grid.style(of: "  markov")?.selected != true)
    }

    @Test func theChannelViewListsTheConvertingPathsThroughIt() {
        let grid = rendered(.attributionChannel("email"))
        #expect(grid.text.contains("top converting paths with email"))
        let path = grid.line(containing: "website > whatsapp > email")
        #expect(path.contains("9") && path.contains("$43.2k"))
        #expect(grid.line(containing: "whatsapp > email ").contains("$106k"))
        #expect(!grid.text.contains("linkedin > whatsapp"))   // not through email
    }

    @Test func theChannelViewFollowsTheModelBeforeTheNextSnapshot() {
        let grid = rendered(.attributionChannel("whatsapp"), model: .markov, snapshotModel: .linear)
        #expect(grid.text.contains("revenue $171k under markov"))
        #expect(grid.line(containing: "› markov").contains("$171k"))
    }

    @Test func aChannelGoneFromTheSnapshotIsSaidPlainly() {
        let grid = rendered(.attributionChannel("fax"))
        #expect(grid.text.contains("fax is not in this snapshot"))
        #expect(grid.text.contains("no journey in the last 30d touched it"))
        #expect(grid.isWellFormed)
    }

    @Test func aChannelWithoutPathsOrComparisonStillShowsItsRow() {
        let grid = rendered(.attributionChannel("referral")) {
            $0.attribution.comparison = []
            $0.attribution.topPaths = ConversionPaths()
        }
        #expect(grid.text.contains("revenue $23.8k under linear"))
        #expect(grid.line(containing: " markov ").contains("–"))
        #expect(grid.text.contains("no converted journey through referral"))
    }

    @Test func theFeatureViewComparesTouchedLeadsWithTheOthers() {
        let grid = rendered(.featureImpact)
        #expect(grid.text.contains("Attribution › features"))
        #expect(grid.text.contains("feature impact under linear"))
        let header = grid.line(containing: "│ feature  ")
        for column in ["leads", "conv", "vs not", "lift", "$/lead", "attributed"] {
            #expect(header.contains(column), "\(column)")
        }
        let ai = grid.line(containing: "ai_response_generation")
        for part in ["610", "9.5%", "4.1%", "2.30x", "$456", "$198", "$96.4k"] { #expect(ai.contains(part), "\(part)") }
        #expect(grid.line(containing: "lead_scoring").contains("0.93x"))
        #expect(grid.style(of: "0.93x")?.role == .warn)
    }

    @Test func withoutFeaturesTheFeatureViewSaysHowToGetThem() {
        let grid = rendered(.featureImpact) { $0.attribution.features = [] }
        #expect(grid.text.contains("no touch in the last 30d named a feature"))
    }

    @Test func theAIROIViewLeadsWithTheHeadline() {
        let grid = rendered(.aiROI)
        #expect(grid.text.contains("Attribution › AI ROI"))
        #expect(grid.row(2).contains(Self.headline))   // the first line inside the box
        #expect(grid.style(of: "AI: $2.2k spent")?.bold == true)
        let details = grid.row(3)
        for part in ["under linear", "AI requests $412 + AI-assisted touches $1.8k (1,204)", "42 won deals with AI"] {
            #expect(details.contains(part), "\(part)")
        }
    }

    @Test func theAIROIViewComparesModelsAndTenants() {
        let grid = rendered(.aiROI)
        #expect(grid.text.contains("AI ROI under every model"))
        let linear = grid.line(containing: "› linear")
        for part in ["$118k", "$2.2k", "53x", "$52", "42"] { #expect(linear.contains(part), "\(part)") }
        #expect(grid.line(containing: " last_touch ").contains("63x"))
        #expect(grid.text.contains("by tenant under linear"))
        let acme = grid.line(containing: " acme ")
        for part in ["$84.0k", "$1.5k", "55x", "$50", "30"] { #expect(acme.contains(part), "\(part)") }
    }

    @Test func theAIROIHeadlineFollowsTheModelAtOnce() {
        let grid = rendered(.aiROI, model: .positionBased, snapshotModel: .linear)
        #expect(grid.row(2).contains("$112.0k of revenue attributed (ROI 50x)"))
        #expect(grid.line(containing: "› position_based").contains("$112k"))
        #expect(grid.text.contains("by tenant under linear"))   // the snapshot's, until the next one
    }

    @Test func aNarrowAIROIViewBreaksTheHeadlineAfterAComma() {
        let grid = rendered(.aiROI, width: 70, height: 20)
        #expect(grid.row(2).contains("AI: $2.2k spent, $118.0k of revenue attributed (ROI 53x),"))
        #expect(grid.row(3).contains("$52 per won deal"))
        let narrowest = rendered(.aiROI, width: 60, height: 16)
        #expect(narrowest.row(2).contains("AI: $2.2k spent,"))
        #expect(narrowest.row(4).contains("$52 per won deal"))
    }

    /// Email's $120 against $38.9k of revenue (under 1% of it, ROI 323x) says its cost is
    /// barely tracked: "–", as with no cost at all (referral); whatsapp's 84x still shows.
    @Test func aCostNearZeroShowsNoROI() {
        let pane = rendered(nil)
        #expect(pane.line(containing: "email").hasSuffix("–│"), "\(pane.line(containing: "email"))")
        #expect(pane.line(containing: "referral").hasSuffix("–│"))
        #expect(pane.line(containing: "whatsapp").contains("8423%"))
        #expect(pane.style(of: "–", inLineContaining: "email")?.role == .dim)
        let channel = rendered(.attributionChannel("email"))
        #expect(channel.line(containing: "cost $120").contains("ROI –"))
        #expect(channel.line(containing: "cost $120").contains("ROAS 324x"))
    }

    /// The pane's revenue is the wins inside the period (the funnel's is its cohort's), and
    /// its AI spend is the AI ROI view's: requests and AI-assisted touches alike.
    @Test func thePaneSaysWhatItsRevenueIsAndSpendsWhatTheAIROIViewSpends() {
        let pane = rendered(nil)
        #expect(pane.text.contains("revenue won in 30d · AI spend $2.2k"))
        #expect(rendered(.aiROI).text.contains("AI: $2.2k spent"))
        let oneLine = rendered(nil, width: 120, height: 40) { $0.attribution.rows = [] }
        #expect(oneLine.text.contains("won in 30d · AI spend $2.2k"))
    }

    @Test func theFooterNamesTheAttributionKeys() {
        let pane = rendered(nil).row(39)
        for key in ["enter channel", "f features", "r AI ROI"] { #expect(pane.contains(key), "\(key)") }
        #expect(!pane.contains("r rejected"))
        #expect(rendered(nil, width: 140).row(39).contains("R rejected"))
        #expect(Fixture.rendered(Fixture.snapshot()).row(39).contains("r rejected"))
        let channel = rendered(.attributionChannel("whatsapp")).row(39)
        for key in ["esc back", "↑↓ channel", "m model", "f features", "r AI ROI"] {
            #expect(channel.contains(key), "\(key)")
        }
        #expect(!rendered(.aiROI).row(39).contains("channel"))
    }

    @Test func helpNamesTheNewKeys() {
        let text = rendered(.help).text
        let gap = String(repeating: " ", count: 15)   // the key column is 14 wide, then two spaces
        #expect(text.contains("f" + gap + "attribution: feature impact"))
        #expect(text.contains("r" + gap + "attribution: AI ROI; elsewhere rejected lines"))
        #expect(text.contains("R" + gap + "rejected lines by reason (from anywhere)"))
        #expect(text.contains("drill in: SLO, alert group, breakdown series, funnel stage, channel"))
    }

    @Test("the views stay inside the body at every size",
          arguments: [(120, 40), (80, 24), (200, 60), (60, 16), (100, 30), (99, 30), (61, 17), (40, 10)])
    func wellFormed(width: Int, height: Int) {
        let views = [DashboardOverlay.attributionChannel("whatsapp"), .attributionChannel("fax"), .featureImpact, .aiROI]
        for view in views {
            for ascii in [false, true] {
                let grid = rendered(view, width: width, height: height, ascii: ascii)
                #expect(grid.isWellFormed, "\(view) ascii \(ascii)")
                guard width >= 60, height >= 16 else {
                    #expect(grid.text.contains("terminal too small"))
                    continue
                }
                #expect(grid.row(0).hasPrefix(" flowtop"), "\(view): the header is untouched")
                #expect(grid.row(height - 1).contains("esc back"), "\(view): the footer is untouched")
                // Boxes, bars, markers and arrows; text may still hold "…" and "–", as elsewhere.
                let unicode = "│─╭╮╰╯█▏▎▍▌▋▊▉›↑↓·"
                if ascii { #expect(!grid.text.contains { unicode.contains($0) }, "\(view)") }
            }
        }
    }

    @Test func withoutASnapshotTheViewsWait() {
        for view in [DashboardOverlay.attributionChannel("whatsapp"), .featureImpact, .aiROI] {
            var state = DashboardState(focus: .attribution)
            state.overlays = [view]
            #expect(Fixture.rendered(nil, state: state).text.contains("waiting for the engine"), "\(view)")
        }
    }
}
