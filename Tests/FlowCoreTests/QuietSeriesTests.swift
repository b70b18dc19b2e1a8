import FlowTestKit
import Foundation
import Testing
@testable import FlowCore

/// A minute's evaluation skips series with no bad event in the tiers' short windows and
/// nothing active (`SLOTracker.evaluateAlerts`); these prove the skip changes no alert.
@Suite struct QuietSeriesTests {
    static let start: EpochMillis = 1_795_600_800_000
    static let minute: EpochMillis = 60_000

    /// Two days of minutes: steady good traffic for five tenants and two models, rare
    /// single failures, two bursts that fire pages and tickets, late events up to an
    /// hour back; after each minute both trackers are judged and compared, and halfway
    /// the skipping one goes through a checkpoint (which does not keep its last bad minute).
    @Test(arguments: [7, 1_414, 90_210])
    func skippingQuietSeriesChangesNoAlertState(seed: UInt64) throws {
        let definition = SLODefinition.builtIn[2]   // ai_request_success, per model
        var skipping = SLOTracker(definition: definition, maxSeries: 100)
        var reference = skipping
        var rng = SeededGenerator(seed: seed)
        let tenants = ["a", "b", "c", "d", "e"], models = ["m1", "m2"]
        var fired = 0
        for m in Int64(0)..<(2 * 24 * 60) {
            let burst = (m >= 600 && m < 615) || (m >= 1_900 && m < 1_990)
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                let late = Int.random(in: 0..<20, using: &rng) == 0 ? Int64.random(in: 1...60, using: &rng) : 0
                let t = Self.start + (m - late) * Self.minute + Int64.random(in: 0..<60_000, using: &rng)
                let bad = burst ? Bool.random(using: &rng) : Int.random(in: 0..<400, using: &rng) == 0
                let tenant = tenants.randomElement(using: &rng)!, model = models.randomElement(using: &rng)!
                for tracker in [0, 1] {
                    if tracker == 0 {
                        skipping.record(good: !bad, tenant: tenant, model: model, latencyMs: nil, at: t)
                    } else {
                        reference.record(good: !bad, tenant: tenant, model: model, latencyMs: nil, at: t)
                    }
                }
            }
            skipping.evaluateAlerts(completedMinute: m + Self.start / Self.minute)
            reference.evaluateAlerts(completedMinute: m + Self.start / Self.minute, skippingQuiet: false)
            #expect(skipping.activeAlerts() == reference.activeAlerts(), "minute \(m)")
            #expect(skipping.series.map(\.alerts.tiers) == reference.series.map(\.alerts.tiers), "minute \(m)")
            fired += reference.activeAlerts().count
            if m == 24 * 60 {
                skipping = try JSONDecoder().decode(SLOTracker.self, from: JSONEncoder().encode(skipping))
            }
        }
        #expect(fired > 0, "the bursts fire tiers, so the comparison covers active series")
    }

    @Test func aSeriesWithRecentBadEventsOrAnActiveTierIsNeverQuiet() {
        let definition = SLODefinition.builtIn[2]
        var series = SLOSeries(key: .tenant("a"), definition: definition)
        let m = Self.start / Self.minute
        #expect(series.isQuiet(atMinute: m, shortReach: 360))
        series.record(SLICounts(good: 0, total: 1), at: Self.start)
        #expect(!series.isQuiet(atMinute: m + 359, shortReach: 360))   // inside the 6h short window
        #expect(series.isQuiet(atMinute: m + 360, shortReach: 360))
        series.record(SLICounts(good: 1, total: 1), at: Self.start + 400 * Self.minute)
        #expect(series.isQuiet(atMinute: m + 400, shortReach: 360), "good events leave it quiet")
    }
}
