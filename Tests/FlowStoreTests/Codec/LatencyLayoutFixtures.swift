@testable import FlowCore
import FlowTestKit

/// An engine whose latency windows hold every shape a checkpoint keeps: minutes, hours and
/// days with events, late events (up to two days), gaps of hours (a ring skipping
/// buckets), zero and clamped latencies, and the rule metrics' 5-minute rings. The same
/// engine on every run.
///
/// ```swift
/// let engine = LatencyLayoutFixtures.engine()
/// LatencyLayoutFixtures.percentiles(of: engine)   // every latency SLO, window and time
/// ```
enum LatencyLayoutFixtures {
    static let start = TestTime.start
    static let end = TestTime.start + TestTime.days(3) + TestTime.hours(5) + TestTime.minutes(17)
    static let tenants = ["acme", "globex"]

    static func engine() -> Engine {
        var engine = Engine()
        var rng = SeededGenerator(seed: 3_017)
        var t = start
        var batch: [Event] = []
        func latency() -> Double {
            switch Int.random(in: 0..<100, using: &rng) {
            case 0: 0
            case 1: 9_000_000   // above the one-hour ceiling: counted as one hour
            case 2..<20: Double.random(in: 2_000...60_000, using: &rng)
            default: (Double.random(in: 0.1...2_500, using: &rng) * 10).rounded() / 10
            }
        }
        while t < end - TestTime.minutes(3) {
            // Mostly 5 s to 3 minutes apart; one step in 60 a gap of 1 to 5 hours.
            t += Int.random(in: 0..<60, using: &rng) == 0
                ? EpochMillis.random(in: TestTime.hours(1)...TestTime.hours(5), using: &rng)
                : EpochMillis.random(in: 5_000...180_000, using: &rng)
            t = min(t, end - TestTime.minutes(3))
            // One event in six is late, by up to two days.
            let late = Int.random(in: 0..<6, using: &rng) == 0
            let time = late ? t - EpochMillis.random(in: 0...TestTime.days(2), using: &rng) : t
            let tenant = tenants[Int.random(in: 0..<tenants.count, using: &rng)]
            if Bool.random(using: &rng) {
                batch.append(EventBuilder.aiLatency(latency(), tenant: tenant, at: time))
            } else {
                batch.append(EventBuilder.messageProcessing(latency(), success: Int.random(in: 0..<9, using: &rng) > 0,
                                                            tenant: tenant, at: time))
            }
            if batch.count == 7 {
                engine.apply(batch, receivedAt: t)
                batch = []
            }
        }
        engine.apply(batch, receivedAt: t)
        _ = engine.advance(to: end)
        return engine
    }

    /// Times the percentiles are read at: the newest bucket, and later (a quiet series).
    static let readTimes: [EpochMillis] = [
        end, end + TestTime.minutes(4), end + TestTime.minutes(50), end + TestTime.hours(7), end + TestTime.days(2),
    ]

    /// One line per latency SLO, time and window, and per rule metric p99 and time: what a
    /// checkpoint must bring back unchanged.
    static func percentiles(of engine: Engine) -> [String] {
        var lines: [String] = []
        for slo in ["ai_response_latency", "message_processing_latency"] {
            for t in readTimes {
                guard let status = engine.seriesStatus(slo: slo, series: .total, now: t) else {
                    lines.append("\(slo) @\(t): no status")
                    continue
                }
                for window in PercentileWindow.allCases {
                    let p = status.percentiles[window] ?? .empty
                    lines.append("\(slo) \(window.rawValue) @\(t - end): \(p.count) "
                                 + [p.p50, p.p90, p.p95, p.p99].map { $0.map { "\($0)" } ?? "-" }.joined(separator: " "))
                }
            }
        }
        for metric in [RuleMetric.aiResponseP99Ms, .messageProcessingP99Ms] {
            for minute in stride(from: end - TestTime.minutes(8), through: end + TestTime.minutes(2), by: 60_000) {
                let at = minute / 60_000 * 60_000
                let p99 = engine.ruleMetrics.value(metric, at: at, lastEventAt: nil).map { "\($0)" } ?? "-"
                lines.append("\(metric) @\(at - end): \(p99)")
            }
        }
        return lines
    }

    /// `engine()` as the build before layout 3 (`cdab20c`) checkpointed it: `StateEncoder`
    /// bytes of layout 2, checksum and size. One difference, from `8a665ec` on: a quiet
    /// alert tier keeps burns of 0 (the build before kept its last ones, which nothing
    /// read), so the same events give a few different Double bytes in the tiers' states;
    /// the size and every latency byte are as `cdab20c` wrote them (CRC 58,372,780 then).
    /// And from layout 4 on, the SLO series' running totals are written from today's rings
    /// (minutes kept for 7 hours, older ones by quarter hour: `LegacySeriesCounters`), so
    /// a few more counter bytes differ (CRC 3,501,614,681 before); size and latency bytes
    /// stay.
    static let layoutTwo: (crc: UInt32, bytes: Int) = (1_316_695_627, 5_205_451)

    /// `percentiles(of: engine())` as the build before layout 3 (`cdab20c`) answered them,
    /// with whole histograms per bucket: every count, percentile and clamp must stay.
    static let layoutTwoPercentiles: [String] = [
        "ai_response_latency 5m @0: 2 927.9 1473.7 1473.7 1473.7",
        "ai_response_latency 1h @0: 14 1388.7 29491.1 55303.7 55303.7",
        "ai_response_latency 1d @0: 184 1612.7 30719.9 44851.1 59776.4",
        "ai_response_latency slo @0: 500 1599.9 30719.9 48742.3 59801.5",
        "ai_response_latency 5m @240000: 0 - - - -",
        "ai_response_latency 1h @240000: 13 1388.7 29491.1 55303.7 55303.7",
        "ai_response_latency 1d @240000: 184 1612.7 30719.9 44851.1 59776.4",
        "ai_response_latency slo @240000: 500 1599.9 30719.9 48742.3 59801.5",
        "ai_response_latency 5m @3000000: 0 - - - -",
        "ai_response_latency 1h @3000000: 5 1388.7 1815.7 1815.7 1815.7",
        "ai_response_latency 1d @3000000: 184 1612.7 30719.9 44851.1 59776.4",
        "ai_response_latency slo @3000000: 500 1599.9 30719.9 48742.3 59801.5",
        "ai_response_latency 5m @25200000: 0 - - - -",
        "ai_response_latency 1h @25200000: 0 - - - -",
        "ai_response_latency 1d @25200000: 106 1631.9 32767.9 49766.3 59776.4",
        "ai_response_latency slo @25200000: 500 1599.9 30719.9 48742.3 59801.5",
        "ai_response_latency 5m @172800000: 0 - - - -",
        "ai_response_latency 1h @172800000: 0 - - - -",
        "ai_response_latency 1d @172800000: 0 - - - -",
        "ai_response_latency slo @172800000: 500 1599.9 30719.9 48742.3 59801.5",
        "message_processing_latency 5m @0: 1 32926.9 32926.9 32926.9 32926.9",
        "message_processing_latency 1h @0: 17 1651.1 33587.1 35688.1 35688.1",
        "message_processing_latency 1d @0: 178 1516.7 31948.7 40345.5 3600000.0",
        "message_processing_latency slo @0: 486 1561.5 31539.1 44031.9 3600000.0",
        "message_processing_latency 5m @240000: 0 - - - -",
        "message_processing_latency 1h @240000: 17 1651.1 33587.1 35688.1 35688.1",
        "message_processing_latency 1d @240000: 178 1516.7 31948.7 40345.5 3600000.0",
        "message_processing_latency slo @240000: 486 1561.5 31539.1 44031.9 3600000.0",
        "message_processing_latency 5m @3000000: 0 - - - -",
        "message_processing_latency 1h @3000000: 2 2188.7 32926.9 32926.9 32926.9",
        "message_processing_latency 1d @3000000: 178 1516.7 31948.7 40345.5 3600000.0",
        "message_processing_latency slo @3000000: 486 1561.5 31539.1 44031.9 3600000.0",
        "message_processing_latency 5m @25200000: 0 - - - -",
        "message_processing_latency 1h @25200000: 0 - - - -",
        "message_processing_latency 1d @25200000: 116 1625.5 33587.1 40345.5 54476.7",
        "message_processing_latency slo @25200000: 486 1561.5 31539.1 44031.9 3600000.0",
        "message_processing_latency 5m @172800000: 0 - - - -",
        "message_processing_latency 1h @172800000: 0 - - - -",
        "message_processing_latency 1d @172800000: 0 - - - -",
        "message_processing_latency slo @172800000: 486 1561.5 31539.1 44031.9 3600000.0",
        "aiResponseP99Ms @-480000: 305.3",
        "aiResponseP99Ms @-420000: 305.3",
        "aiResponseP99Ms @-360000: 305.3",
        "aiResponseP99Ms @-300000: 1387.5",
        "aiResponseP99Ms @-240000: 1387.5",
        "aiResponseP99Ms @-180000: 1473.7",
        "aiResponseP99Ms @-120000: 1473.7",
        "aiResponseP99Ms @-60000: 1473.7",
        "aiResponseP99Ms @0: 1473.7",
        "aiResponseP99Ms @60000: 1473.7",
        "aiResponseP99Ms @120000: 921.8",
        "messageProcessingP99Ms @-480000: 2179.2",
        "messageProcessingP99Ms @-420000: 2179.2",
        "messageProcessingP99Ms @-360000: 2179.2",
        "messageProcessingP99Ms @-300000: 2179.2",
        "messageProcessingP99Ms @-240000: -",
        "messageProcessingP99Ms @-180000: 32926.9",
        "messageProcessingP99Ms @-120000: 32926.9",
        "messageProcessingP99Ms @-60000: 32926.9",
        "messageProcessingP99Ms @0: 32926.9",
        "messageProcessingP99Ms @60000: 32926.9",
        "messageProcessingP99Ms @120000: -",
    ]
}
