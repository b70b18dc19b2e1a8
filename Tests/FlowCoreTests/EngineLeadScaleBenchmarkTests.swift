import FlowCore
import FlowTestKit
import Foundation
import Testing

/// A by-hand timing of the engine at the funnel and attribution scale the dashboard must
/// refresh every second: 100,000 leads with 1,000,000 touchpoints. Off unless
/// `FLOWTOP_BENCH=1`; it prints and asserts nothing about time:
///
///     FLOWTOP_BENCH=1 swift test -c release --filter EngineLeadScaleBenchmark
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["FLOWTOP_BENCH"] == "1"))
struct EngineLeadScaleBenchmarkTests {
    @Test func snapshotWithAHundredThousandLeads() {
        let start: EpochMillis = 1_764_000_000_000
        let channels = ["whatsapp", "email", "website", "instagram", "linkedin", "phone", "facebook", "referral"]
        var rng = SeededGenerator(seed: 7)
        var engine = Engine()
        var events: [Event] = []
        events.reserveCapacity(1_300_000)
        for lead in 0..<100_000 {
            let id = "L\(lead)"
            let created = start + EpochMillis(lead) * 20_000
            events.append(EventBuilder.leadCreated(id, source: channels[Int(rng.next() % 8)], at: created))
            for touch in 0..<10 {
                events.append(EventBuilder.touch(id, channel: channels[Int(rng.next() % 8)], cost: 0.1,
                                                 aiAssisted: rng.next() % 2 == 0, at: created + EpochMillis(touch) * 60_000))
            }
            if rng.next() % 10 == 0 {
                events.append(EventBuilder.stage(id, .won, revenue: 1000, at: created + 700_000))
            }
        }
        let now = start + 100_000 * 20_000 + 3_600_000
        let applied = ContinuousClock().measure { engine.apply(events, receivedAt: now) }
        print("applied \(events.count) events in \(applied)")
        for model in [AttributionModel.linear, .markov, .shapley] {
            let t = ContinuousClock().measure {
                _ = engine.snapshot(SnapshotQuery(model: model, attributionPeriodDays: 90), now: now)
            }
            print("snapshot with \(model.rawValue): \(t)")
        }
        let rss = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ")
        print("statm (pages): \(rss.map { $0.prefix(2).joined(separator: " ") } ?? "?")")
    }
}
