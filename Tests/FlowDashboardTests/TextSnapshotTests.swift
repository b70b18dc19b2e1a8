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

    func detail(_ overlays: [DashboardOverlay], width: Int, height: Int,
                context: DashboardContext = Fixture.context) -> CellGrid {
        var state = DashboardState()
        state.overlays = overlays
        return Fixture.rendered(Fixture.snapshot(for: state), state: state, width: width, height: height,
                                context: context)
    }

    @Test func sloDetail120x40() throws {
        try assertSnapshot(detail([.detail("ai_request_success")], width: 120, height: 40), named: "slo-detail-120x40")
    }

    @Test func sloDetail80x24() throws {
        try assertSnapshot(detail([.detail("ai_request_success")], width: 80, height: 24), named: "slo-detail-80x24")
    }

    @Test func sloDetailOfATenant100x30Ascii() throws {
        let context = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        try assertSnapshot(detail([.detail("ai_request_success"), .detail("ai_request_success", .tenant("acme"))],
                                  width: 100, height: 30, context: context),
                           named: "slo-detail-tenant-100x30-ascii")
    }

    @Test func latencySLODetail120x40() throws {
        try assertSnapshot(detail([.detail("ai_response_latency")], width: 120, height: 40),
                           named: "slo-detail-latency-120x40")
    }

    /// The funnel pane focused, over 7 days, broken down by source.
    func funnelPane(width: Int, height: Int) -> CellGrid {
        var state = DashboardState(focus: .funnel)
        state.funnel = FunnelQuery(periodDays: 7, breakdown: .source)
        return Fixture.rendered(Fixture.snapshot(for: state), state: state, width: width, height: height)
    }

    @Test func funnelBySource120x40() throws {
        try assertSnapshot(funnelPane(width: 120, height: 40), named: "funnel-by-source-120x40")
    }

    @Test func funnelBySource200x50() throws {
        try assertSnapshot(funnelPane(width: 200, height: 50), named: "funnel-by-source-200x50")
    }

    /// The stage view of `stage` over the default 30 days, broken down by `breakdown`.
    func funnelStage(_ stage: Stage, breakdown: FunnelBreakdown, width: Int, height: Int,
                     context: DashboardContext = Fixture.context) -> CellGrid {
        var state = DashboardState(focus: .funnel)
        state.funnel.breakdown = breakdown
        state.overlays = [.funnelStage(stage)]
        return Fixture.rendered(Fixture.snapshot(for: state), state: state, width: width, height: height,
                                context: context)
    }

    @Test func funnelStage120x40() throws {
        try assertSnapshot(funnelStage(.qualified, breakdown: .source, width: 120, height: 40),
                           named: "funnel-stage-120x40")
    }

    @Test func funnelStage80x24() throws {
        try assertSnapshot(funnelStage(.qualified, breakdown: .source, width: 80, height: 24),
                           named: "funnel-stage-80x24")
    }

    @Test func funnelWonStageByTenant100x30Ascii() throws {
        let context = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        try assertSnapshot(funnelStage(.won, breakdown: .tenant, width: 100, height: 30, context: context),
                           named: "funnel-stage-won-tenant-100x30-ascii")
    }

    /// An attribution view over the pane, under linear.
    func attribution(_ view: DashboardOverlay, width: Int, height: Int,
                     context: DashboardContext = Fixture.context) -> CellGrid {
        var state = DashboardState(focus: .attribution)
        state.overlays = [view]
        return Fixture.rendered(Fixture.snapshot(for: state), state: state, width: width, height: height,
                                context: context)
    }

    @Test func attributionChannel120x40() throws {
        try assertSnapshot(attribution(.attributionChannel("whatsapp"), width: 120, height: 40),
                           named: "attribution-channel-120x40")
    }

    @Test func attributionChannel80x24() throws {
        try assertSnapshot(attribution(.attributionChannel("email"), width: 80, height: 24),
                           named: "attribution-channel-80x24")
    }

    @Test func featureImpact100x30Ascii() throws {
        let context = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        try assertSnapshot(attribution(.featureImpact, width: 100, height: 30, context: context),
                           named: "attribution-features-100x30-ascii")
    }

    @Test func aiROI120x40() throws {
        try assertSnapshot(attribution(.aiROI, width: 120, height: 40), named: "attribution-ai-roi-120x40")
    }

    @Test func aiROI80x24() throws {
        try assertSnapshot(attribution(.aiROI, width: 80, height: 24), named: "attribution-ai-roi-80x24")
    }

    /// Every alert section, the silenced alert selected: who silenced it, until when.
    func alertSections(width: Int, height: Int, context: DashboardContext = Fixture.context) -> CellGrid {
        var snapshot = Fixture.snapshot()
        snapshot.alerting = Fixture.sectionedAlerting
        var state = DashboardState(focus: .alerts)
        state.selectedAlert = snapshot.alerting.alerts.first { $0.alert.labels["tenant"] == "acme" }
            .map { AlertGrouping.default.key(of: $0.alert.labels).fingerprint }
        return Fixture.rendered(snapshot, state: state, width: width, height: height, context: context)
    }

    @Test func alertSections120x40() throws {
        try assertSnapshot(alertSections(width: 120, height: 40), named: "alerts-sections-120x40")
    }

    @Test func alertSections80x24() throws {
        try assertSnapshot(alertSections(width: 80, height: 24), named: "alerts-sections-80x24")
    }

    /// The silence prompt over the alerts pane, a refused duration in it.
    func silencePrompt(width: Int, height: Int, context: DashboardContext = Fixture.context) -> CellGrid {
        var snapshot = Fixture.snapshot()
        snapshot.alerting = Fixture.sectionedAlerting
        var state = DashboardState(focus: .alerts)
        _ = state.handle(.char("s"), snapshot: snapshot)
        for c in "90x" { _ = state.handle(.char(c), snapshot: snapshot) }
        state.finish(state.handle(.enter, snapshot: snapshot),
                     .refused("unknown unit `x` in `90x`: expected ms, s, m, h, d, w or y"))
        return Fixture.rendered(snapshot, state: state, width: width, height: height, context: context)
    }

    @Test func silencePrompt120x40() throws {
        try assertSnapshot(silencePrompt(width: 120, height: 40), named: "silence-prompt-120x40")
    }

    @Test func silencePrompt80x24Ascii() throws {
        let context = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        try assertSnapshot(silencePrompt(width: 80, height: 24, context: context), named: "silence-prompt-80x24-ascii")
    }

    /// The silences view opened from the alerts pane on the cost rule's silence.
    @Test func silences120x40() throws {
        let snapshot = Fixture.silencedSnapshot()
        var state = DashboardState(focus: .alerts)
        state.selectedAlert = snapshot.alerting.alerts.first { $0.alert.labels["alertname"] == "AICostHigh" }
            .map { AlertGrouping.default.key(of: $0.alert.labels).fingerprint }
        _ = state.handle(.char("S"), snapshot: snapshot)
        try assertSnapshot(Fixture.rendered(snapshot, state: state), named: "silences-120x40")
    }

    @Test func alertStatistics80x24() throws {
        var snapshot = Fixture.silencedSnapshot()
        snapshot.alerting.statistics = Fixture.dayOfStatistics
        var state = DashboardState(focus: .alerts)
        state.overlays = [.alertStatistics]
        try assertSnapshot(Fixture.rendered(snapshot, state: state, width: 80, height: 24),
                           named: "alert-statistics-80x24")
    }

    @Test func notifiers120x40() throws {
        var state = DashboardState(focus: .alerts)
        state.overlays = [.notifiers]
        try assertSnapshot(Fixture.rendered(Fixture.notifying(), state: state),
                           named: "notifiers-120x40")
    }

    /// The notifier view with remote_write failing: its own table of samples, its error
    /// among the notifiers'.
    @Test func notifiersAndRemoteWrite120x40() throws {
        var state = DashboardState(focus: .alerts)
        state.overlays = [.notifiers]
        var snapshot = Fixture.notifying()
        let now = snapshot.now
        snapshot.remoteWrite = RemoteWriteStatus(
            endpoint: "http://prometheus:9090/api/v1/write", sampled: 9_800, sent: 8_400, failed: 0, dropped: 0,
            retries: 6, pending: 1_400, queueBytes: 96_000, oldestPendingAt: now - 95_000, lastSuccessAt: now - 96_000,
            lastError: "could not connect to prometheus:9090: Connection refused", lastErrorAt: now - 2_000, isRetrying: true)
        try assertSnapshot(Fixture.rendered(snapshot, state: state), named: "notifiers-remote-write-120x40")
    }

    @Test func emptyState100x24Ascii() throws {
        let context = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        try assertSnapshot(Fixture.rendered(Fixture.emptySnapshot, width: 100, height: 24, context: context),
                           named: "empty-100x24-ascii")
    }
}
