import FlowTestKit
import Testing
@testable import FlowCore

/// A completed minute is judged a slice of series after each batch (`MinuteEvaluation`):
/// these prove it bounds the work a batch does and changes no alert, episode or state.
@Suite struct SpreadEvaluationTests {
    static let start: EpochMillis = 1_795_600_800_000
    static let minute: EpochMillis = 60_000

    static func engine(tenants: Int, rules: [ThresholdRule] = []) -> Engine {
        var configuration = EngineConfiguration(
            slos: [SLODefinition(name: "ai_request_success", kind: .aiRequestSuccess, objective: 0.999, perModel: true, minEvents: 1)],
            maxSeriesPerSLO: tenants + 10)
        configuration.alertRules = rules
        return Engine(configuration: configuration)
    }

    /// Two hours of 1,400 tenants (three slices of series and more), bursts of failures
    /// that fire and resolve tiers, a rule on AI cost, a few late events; one engine takes
    /// batches of 40 events and spreads each minute, the reference takes one event a batch
    /// and judges each minute whole in the batch that ends it (as before spreading). Every
    /// 20 minutes and at the end both are read: the same alerts, episodes and statuses.
    @Test(arguments: [3, 77])
    func spreadingTheMinuteChangesNoAlert(seed: UInt64) throws {
        let tenants = (0..<1_400).map { "t\($0)" }
        let rule = ThresholdRule(name: "AICostHigh", metric: .aiCostPerHour, comparison: .above, threshold: 40,
                                 forMillis: 2 * Self.minute)
        var spread = Self.engine(tenants: tenants.count, rules: [rule])
        var reference = spread
        reference.seriesPerBatch = .max
        var rng = SeededGenerator(seed: seed)
        var batch: [Event] = []
        var batchesLeftJudging = 0, fired = 0
        for m in Int64(0)..<120 {
            let burst = (m >= 20 && m < 35) || (m >= 70 && m < 74)
            for k in 0..<1_600 {
                let tenant = tenants[Int.random(in: 0..<tenants.count, using: &rng)]
                let bad = burst ? tenant.hasSuffix("7") : Int.random(in: 0..<3_000, using: &rng) == 0
                let late = Int.random(in: 0..<500, using: &rng) == 0 ? Int64.random(in: 1...30, using: &rng) : 0
                let t = Self.start + (m - late) * Self.minute + Int64(k) * 37
                batch.append(EventBuilder.aiRequest(success: !bad, model: k % 3 == 0 ? "m1" : "m2",
                                                    cost: burst ? 0.2 : 0.01, tenant: tenant, at: t))
                guard batch.count == 40 else { continue }
                spread.apply(batch, receivedAt: t)
                for event in batch { reference.apply([event], receivedAt: t) }
                if spread.isJudgingMinute { batchesLeftJudging += 1 }
                #expect(!reference.isJudgingMinute)
                batch.removeAll(keepingCapacity: true)
            }
            if m % 20 == 19 || m == 119 {
                let now = Self.start + (m + 1) * Self.minute - 1
                let a = spread.snapshot(SnapshotQuery(), now: now), b = reference.snapshot(SnapshotQuery(), now: now)
                #expect(a.alerting == b.alerting, "minute \(m)")
                #expect(a.alerts == b.alerts, "minute \(m)")
                #expect(a.slos == b.slos, "minute \(m)")
                fired += b.alerting.alerts.count { $0.alert.firedAt != nil }
            }
        }
        #expect(batchesLeftJudging > 100, "the minutes were judged over several batches")
        #expect(fired > 10, "the bursts fire tiers and the rule, so the comparison covers lifecycles")
        #expect(spread.snapshot(SnapshotQuery(), now: Self.start + 121 * Self.minute).alerting.alerts
            .contains { $0.alert.labels["alertname"] == "AICostHigh" })
    }

    /// The batch that ends a minute judges `seriesPerBatch` series, each batch after it
    /// the next as many; then the alert lifecycles step twice as many tracked alerts
    /// a batch, and new alerts start with the last step.
    @Test func eachBatchJudgesOneSliceOfTheSeries() throws {
        var engine = Self.engine(tenants: 1_300)
        engine.seriesPerBatch = 500
        let tenants = (0..<1_300).map { "t\($0)" }
        let first = tenants.enumerated().map { i, tenant in
            EventBuilder.aiRequest(success: i % 2 == 0, tenant: tenant, at: Self.start + Int64(i))
        }
        engine.apply(first, receivedAt: Self.start + 2_000)
        #expect(!engine.isJudgingMinute)
        // 1,301 series (the total and 1,300 tenants), 2 models in a per-model SLO: 1,302.
        var t = Self.start + Self.minute
        func oneEvent() {
            engine.apply([EventBuilder.aiRequest(tenant: "t1", at: t)], receivedAt: t)
            t += 1
        }
        oneEvent()
        #expect(engine.evaluation?.series == 500)
        #expect(engine.evaluation?.holding.isEmpty == false, "failing tenants among the first slice burn")
        #expect(engine.alerting.book.alerts.isEmpty, "no lifecycle before the last slice")
        oneEvent()
        #expect(engine.evaluation?.series == 1_000)
        oneEvent()   // the last 302 series, and a pass over a book still empty
        #expect(!engine.isJudgingMinute)
        let tracked = engine.alerting.book.alerts.count
        let tenantsAlerting = Set(engine.alerting.book.alerts.compactMap { $0.labels["tenant"] })
        #expect(tenantsAlerting.count == 650, "the failing tenants' alerts start at once")
        #expect(engine.alerting.book.alerts.contains { $0.labels["model"] == "gpt-4o" })
        #expect(tracked > 1_000, "more alerts than a batch steps")

        // The next minute: 3 batches of series, the pass over the tracked alerts after them.
        t = Self.start + 2 * Self.minute
        var batches = 0
        repeat {
            oneEvent()
            batches += 1
        } while engine.isJudgingMinute
        #expect(batches == 3 + (tracked - 198 * 2 + 999) / 1_000)
        #expect(engine.alerting.book.alerts.count == tracked)
        #expect(engine.alerting.book.alerts.allSatisfy { $0.lastEvaluatedAt == Self.start + 2 * Self.minute })
    }

    /// Acknowledging during the slices acts on the minute judged whole: the alert that
    /// fires at that minute's end can be acknowledged at once.
    @Test func anAcknowledgementFinishesTheMinuteFirst() throws {
        var engine = Self.engine(tenants: 1_000)
        let events = (0..<1_000).map { i in
            EventBuilder.aiRequest(success: i != 999, tenant: "t\(i)", at: Self.start + Int64(i))
        }
        engine.apply(events, receivedAt: Self.start + 1_000)
        let next = Self.start + Self.minute
        engine.apply([EventBuilder.aiRequest(tenant: "t1", at: next)], receivedAt: next)
        #expect(engine.isJudgingMinute)
        var judged = engine
        let firing = try #require(judged.alerting(now: next + 5).alerts.first { $0.alert.labels["tenant"] == "t999" })
        #expect(firing.alert.state == .firing)
        #expect(engine.isJudgingMinute)
        let fingerprint = firing.alert.fingerprint
        let acknowledged = engine.acknowledge(fingerprint: fingerprint, by: "ana", at: next + 5)
        #expect(acknowledged)
        #expect(!engine.isJudgingMinute)
    }
}
