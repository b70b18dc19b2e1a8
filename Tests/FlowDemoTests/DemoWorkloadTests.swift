import FlowCore
import FlowDemo
import Foundation
import Testing

/// The demo must look like the protocol's real clients: every line it writes is accepted,
/// and its incidents really page and then clear, as the README promises.
@Suite("demo workload")
struct DemoWorkloadTests {
    static let start: EpochMillis = 1_764_000_000_000

    /// Sends `minutes` of demo traffic at `perSecond` events/s through a fresh engine, each
    /// second's lines received at that second.
    private func replayDemo(minutes: Int, perSecond: Int) -> DemoIngest {
        var demo = DemoWorkload(seed: 7, start: Self.start)
        var replay = DemoIngest()
        var bytes: [UInt8] = []
        for second in 0..<(minutes * 60) {
            let t = Self.start + EpochMillis(second) * 1000
            demo.generate(count: perSecond, at: t, into: &bytes)
            replay.feed(bytes, receivedAt: t)
            bytes.removeAll(keepingCapacity: true)
        }
        return replay
    }

    @Test func everyLineItWritesIsAccepted() {
        let replay = replayDemo(minutes: 3, perSecond: 50)
        #expect(replay.accepted == 3 * 60 * 50)
        #expect(replay.rejected.total == 0, "\(replay.rejected.nonZero)")
    }

    @Test func theFirstIncidentPagesAndTheAlertClearsAfterIt() {
        // The first incident (AI request failures) runs from 20 s to 140 s.
        #expect(DemoWorkload(seed: 1, start: Self.start).incident(at: Self.start + 30_000) == .aiRequestFailures)
        #expect(DemoWorkload(seed: 1, start: Self.start).incident(at: Self.start + 150_000) == nil)

        var during = replayDemo(minutes: 3, perSecond: 50)
        let paged = during.snapshot(SnapshotQuery()).alerts.contains {
            $0.slo == "ai_request_success" && $0.tier.severity == .page && $0.tenant == nil
        }
        #expect(paged, "the incident should page on the all-tenant series")

        // Once the 5m window holds nothing of the incident (it ended at 2:20), the fast page
        // clears though the 1h burn is still high.
        var after = replayDemo(minutes: 9, perSecond: 50)
        let afterSnap = after.snapshot(SnapshotQuery())
        let stillFast = afterSnap.alerts.contains {
            $0.slo == "ai_request_success" && $0.tier.longWindow == .h1 && $0.tenant == nil
        }
        #expect(!stillFast, "\(afterSnap.alerts) \(afterSnap.slos.map(\.burnRates))")
    }

    @Test func leadsMoveThroughTheFunnelAndEarnRevenue() {
        var replay = replayDemo(minutes: 5, perSecond: 50)
        let snap = replay.snapshot(SnapshotQuery())
        let counts = snap.funnel.stages.map(\.count)
        #expect(counts.first ?? 0 > 100)
        #expect(counts == counts.sorted(by: >), "each stage holds no more leads than the one before")
        #expect(snap.funnel.wonRevenue > 0)
        #expect(snap.attribution.rows.count >= 3)
        #expect(abs(snap.attribution.rows.map(\.revenue).reduce(0, +) - snap.funnel.wonRevenue) < 0.01)
    }

    /// The history before live traffic: journeys spread over the weeks before `until`,
    /// every line accepted, none later than `until`, so the funnel's periods differ and
    /// journeys take days.
    @Test func historySpreadsJourneysOverTheWeeksBefore() throws {
        var demo = DemoWorkload(seed: 3, start: Self.start)
        var bytes: [UInt8] = []
        demo.history(leads: 3000, days: 60, until: Self.start, into: &bytes)
        let text = try #require(String(bytes: bytes, encoding: .utf8))
        var replay = DemoIngest()
        replay.feed(bytes, receivedAt: Self.start)
        #expect(replay.rejected.total == 0, "\(replay.rejected.nonZero)")
        #expect(replay.accepted == text.split(separator: "\n").count)
        func created(days: Int) -> Int64 {
            var query = SnapshotQuery()
            query.funnel.periodDays = days
            return replay.snapshot(query).funnel.stages.first?.count ?? 0
        }
        // Uniform over 60 days: about 350 in 7 days, 1,500 in 30, all 3,000 in 90.
        #expect((250...450).contains(created(days: 7)), "\(created(days: 7))")
        #expect((1300...1700).contains(created(days: 30)), "\(created(days: 30))")
        #expect(created(days: 90) == 3000)
        var ninety = SnapshotQuery()
        ninety.funnel.periodDays = 90
        let funnel = try #require(replay.snapshot(ninety).funnelAnalysis)
        #expect(funnel.wonRevenue > 0)
        // Stages days apart: the median time from created to contacted is over a day.
        let toContacted = try #require(funnel.stages.first?.timeToNext?.median)
        #expect(toContacted > 86_400_000, "\(toContacted)")
    }
}
