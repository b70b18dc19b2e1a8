import FlowCore
import FlowDashboard
import Testing
import TerminalUI

/// `--ascii` promises a frame of ASCII only: no "…" from a truncation, no "–" for a
/// missing value, no "·" or "›", no braille, whatever view is open and however narrow.
@Suite("Rendering with --ascii")
struct ASCIIOnlyTests {
    static let context = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)

    static let overlays: [[DashboardOverlay]] = [
        [], [.help], [.rejected], [.detail("ai_request_success")], [.detail("ai_request_success"), .help],
        [.funnelStage(.qualified)], [.attributionChannel("whatsapp")], [.featureImpact], [.aiROI],
        [.silences(selected: nil)], [.alertStatistics], [.notifiers],
    ]

    static func nonASCII(_ grid: CellGrid) -> [String] {
        (0..<grid.height).map(grid.row).filter { !$0.allSatisfy(\.isASCII) }
    }

    @Test(arguments: overlays.indices)
    func everyViewIsASCIIAtEverySize(index: Int) {
        var state = DashboardState()
        state.overlays = Self.overlays[index]
        let snapshot = Fixture.snapshot(for: state)
        for (width, height) in [(200, 60), (120, 40), (80, 24), (61, 16)] {
            let grid = Fixture.rendered(snapshot, state: state, width: width, height: height, context: Self.context)
            #expect(grid.isASCII, "\(state.breadcrumb) at \(width)x\(height): \(Self.nonASCII(grid))")
        }
    }

    /// Data in other scripts (a channel named in Chinese at 200 columns) is folded too.
    @Test func dataInOtherScriptsIsFolded() {
        let grid = Fixture.rendered(Fixture.snapshot(), width: 200, height: 60, context: Self.context)
        #expect(grid.isASCII, "\(Self.nonASCII(grid))")
        #expect(!grid.text.contains("…"))
    }

    @Test func waitingAndEmptyStatesAreASCII() {
        for snapshot in [nil, Fixture.emptySnapshot] {
            for overlays in Self.overlays {
                var state = DashboardState()
                state.overlays = overlays
                let grid = Fixture.rendered(snapshot, state: state, width: 80, height: 24, context: Self.context)
                #expect(grid.isASCII, "\(state.breadcrumb): \(Self.nonASCII(grid))")
            }
        }
        var state = DashboardState()
        state.overlays = [.alertStatistics]
        #expect(Fixture.rendered(nil, state: state, context: Self.context).text.contains("waiting for the engine..."))
    }

    @Test func truncationEndsInATildeNotAnEllipsis() {
        var grid = CellGrid(width: 12, height: 1)
        grid.put(TextFit.truncate("ai_response_latency", to: 12), x: 0, y: 0)
        grid.foldToASCII()
        #expect(grid.row(0) == "ai_response~")
        #expect(ASCIIFold.character(for: "–") == "-")
        #expect(ASCIIFold.character(for: "╭") == "+")
    }

    @Test func aWideCharacterLeavesTwoASCIICells() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("微a", x: 0, y: 0)
        grid.foldToASCII()
        #expect(grid.row(0) == "? a ")
        #expect(grid.isASCII)
    }

    /// The frame loop's own additions (the link banner, the quit question) are folded too.
    @Test func frameLoopFramesAreASCII() {
        let context = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true, link: .embedded(viewers: 2))
        var loop = FrameLoop(context: context, size: GridSize(width: 100, height: 30), startedAt: 0)
        loop.step(.snapshot(Fixture.snapshot()))
        loop.step(.key(.char("q")))
        let frames = loop.step(.tick(.init(version: 1, now: Fixture.now), at: 1_000, snapshotInFlight: false))
        let grids = frames.compactMap { if case .draw(let grid) = $0 { grid } else { nil } }
        #expect(grids.count == 1)
        let allASCII = grids.allSatisfy { $0.isASCII }
        #expect(allASCII, "\(grids.map(Self.nonASCII))")
    }
}
