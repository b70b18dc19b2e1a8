@testable import FlowCore
import FlowTestKit
import Testing

/// The values threshold rules watch, read at a minute boundary as the engine judges them.
@Suite struct EngineRuleMetricsTests {
    let minute: EpochMillis = 60_000
    /// A minute boundary: the end of the minute being judged.
    let at: EpochMillis = 1_000 * 3_600_000

    @Test func aiCostPerHourSumsTheSixtyMinutesBefore() {
        var m = EngineRuleMetrics()
        m.recordAICost(2, at: at - 1)                   // last minute
        m.recordAICost(3, at: at - 60 * minute)         // first minute of the hour
        m.recordAICost(100, at: at - 61 * minute)       // before it
        m.recordAICost(50, at: at)                      // the next minute: not yet judged
        #expect(m.value(.aiCostPerHour, at: at, lastEventAt: nil) == 5)
    }

    @Test func ingestSilenceCountsFromTheLastEventOrStartUp() {
        var m = EngineRuleMetrics()
        #expect(m.value(.ingestSilenceSeconds, at: at, lastEventAt: nil) == nil)
        m.noteTime(at - 10 * minute)
        m.noteTime(at - 2 * minute)                      // only the first counts
        #expect(m.value(.ingestSilenceSeconds, at: at, lastEventAt: nil) == 600)
        #expect(m.value(.ingestSilenceSeconds, at: at, lastEventAt: at - 90_000) == 90)
        // A replay applies hours in one batch: the newest event time counts too.
        m.noteEvent(at: at - 30_000)
        m.noteEvent(at: at - 50_000)
        #expect(m.value(.ingestSilenceSeconds, at: at, lastEventAt: at - 90_000) == 30)
    }

    @Test func rejectedRatioOverFiveMinutes() {
        var m = EngineRuleMetrics()
        #expect(m.value(.rejectedRatio, at: at, lastEventAt: nil) == nil)
        m.recordIntake(accepted: 90, rejected: 0, at: at - 2 * minute)
        m.recordIntake(accepted: 0, rejected: 10, at: at - 4 * minute)
        m.recordIntake(accepted: 0, rejected: 1000, at: at - 6 * minute)   // outside
        #expect(m.value(.rejectedRatio, at: at, lastEventAt: nil) == 0.1)
        #expect(m.value(.eventsPerSecond, at: at, lastEventAt: nil) == 0)
        m.recordIntake(accepted: 120, rejected: 0, at: at - 30_000)
        #expect(m.value(.eventsPerSecond, at: at, lastEventAt: nil) == 2)
    }

    @Test func latencyP99OverFiveMinutes() throws {
        var m = EngineRuleMetrics()
        #expect(m.value(.messageProcessingP99Ms, at: at, lastEventAt: nil) == nil)
        for i in 0..<99 { m.recordLatency(.messageProcessingP99Ms, ms: 100, at: at - 1 - EpochMillis(i)) }
        m.recordLatency(.messageProcessingP99Ms, ms: 900, at: at - 4 * minute)
        m.recordLatency(.messageProcessingP99Ms, ms: 5000, at: at - 5 * minute - 1)   // outside
        let p99 = try #require(m.value(.messageProcessingP99Ms, at: at, lastEventAt: nil))
        #expect(abs(p99 - 100) <= 1, "\(p99)")   // 99 of 100 at 100 ms: p99 is 100 ms
        for _ in 0..<5 { m.recordLatency(.messageProcessingP99Ms, ms: 900, at: at - minute) }
        let higher = try #require(m.value(.messageProcessingP99Ms, at: at, lastEventAt: nil))
        #expect(abs(higher - 900) <= 8, "\(higher)")
        #expect(m.value(.aiResponseP99Ms, at: at, lastEventAt: nil) == nil)
    }
}
