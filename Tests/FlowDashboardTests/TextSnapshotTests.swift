import FlowCore
import FlowDashboard
import Foundation
import Testing
import TerminalUI

/// Whole frames compared with the text files in `Snapshots/` (argument-parser style): a
/// change to any pane shows up as a readable diff in review.
///
/// After an intended change, re-record with `FLOWTOP_RECORD_SNAPSHOTS=1 swift test
/// --filter TextSnapshotTests` and review the diff of `Snapshots/`.
@Suite("Text snapshots")
struct TextSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    func assertSnapshot(_ grid: CellGrid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.directory.appendingPathComponent(name + ".txt")
        let actual = grid.text + "\n"
        if ProcessInfo.processInfo.environment["FLOWTOP_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name).txt differs; see the comment on TextSnapshotTests",
                sourceLocation: sourceLocation)
    }

    @Test func mainView120x40() throws {
        try assertSnapshot(Fixture.rendered(Fixture.snapshot(), width: 120, height: 40), named: "main-120x40")
    }

    @Test func mainView80x24() throws {
        try assertSnapshot(Fixture.rendered(Fixture.snapshot(), width: 80, height: 24), named: "main-80x24")
    }

    @Test func sloDetail100x30() throws {
        var state = DashboardState()
        state.overlays = [.sloDetail("ai_request_success")]
        try assertSnapshot(Fixture.rendered(Fixture.snapshot(), state: state, width: 100, height: 30),
                           named: "slo-detail-100x30")
    }

    @Test func emptyState100x24Ascii() throws {
        let context = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        try assertSnapshot(Fixture.rendered(Fixture.emptySnapshot, width: 100, height: 24, context: context),
                           named: "empty-100x24-ascii")
    }
}
