import FlowTestKit
@testable import FlowCore
import Testing

/// Latency percentiles per window: what counts in which window, precision, late and
/// out-of-range events, and the cached sums agreeing with a plain recount.
@Suite struct LatencyWindowsTests {
    static let minute: EpochMillis = 60_000
    static let hour: EpochMillis = 3_600_000
    static let day: EpochMillis = 86_400_000
    /// 2026-01-01T00:00Z, a day boundary.
    static let day0: EpochMillis = 1_767_225_600_000
    /// Mid-minute, mid-hour on the test day: 10:30:15.
    static let now: EpochMillis = day0 + 10 * hour + 30 * minute + 15_000

    func counts(_ windows: LatencyWindows, at t: EpochMillis = now) -> [PercentileWindow: Int64] {
        windows.allPercentiles(now: t).mapValues(\.count)
    }

    func isClose(_ value: Double?, _ expected: Double, within fraction: Double = 0.01) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= expected * fraction
    }

    // MARK: No data

    @Test func emptyWindowsHaveNoDataNotZero() {
        let windows = LatencyWindows(sloWindowDays: 30)
        for window in PercentileWindow.allCases {
            let p = windows.percentiles(window, now: Self.now)
            #expect(p == .empty)
            #expect(p.count == 0 && p.p50 == nil && p.p90 == nil && p.p95 == nil && p.p99 == nil)
        }
    }

    @Test func allPercentilesAnswersEveryWindowLikeOneByOne() {
        var windows = LatencyWindows(sloWindowDays: 30)
        windows.record(latencyMs: 120, at: Self.now - 3 * Self.hour)
        windows.record(latencyMs: 80, at: Self.now)
        let all = windows.allPercentiles(now: Self.now)
        #expect(Set(all.keys) == Set(PercentileWindow.allCases))
        for window in PercentileWindow.allCases {
            #expect(all[window] == windows.percentiles(window, now: Self.now))
        }
        #expect(counts(windows) == [.m5: 1, .h1: 1, .d1: 2, .slo: 2])
    }

    // MARK: Precision

    @Test func uniformOneToThousandMillisecondsGivesPercentilesWithinOnePercent() {
        var windows = LatencyWindows(sloWindowDays: 30)
        for ms in 1...1_000 { windows.record(latencyMs: Double(ms), at: Self.now) }
        for window in PercentileWindow.allCases {
            let p = windows.percentiles(window, now: Self.now)
            #expect(p.count == 1_000)
            #expect(isClose(p.p50, 500))
            #expect(isClose(p.p90, 900))
            #expect(isClose(p.p95, 950))
            #expect(isClose(p.p99, 990))
        }
    }

    @Test func subMillisecondLatenciesKeepTenthsOfAMillisecond() {
        var windows = LatencyWindows(sloWindowDays: 30)
        for _ in 0..<10 { windows.record(latencyMs: 0.3, at: Self.now) }
        windows.record(latencyMs: 0, at: Self.now)
        let p = windows.percentiles(.m5, now: Self.now)
        #expect(p.count == 11)
        #expect(p.p50 == 0.3)
        #expect(p.p99 == 0.3)
    }

    @Test func onePassPercentilesMatchTheLibrarysValueAtPercentile() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            var histogram = LatencyWindows.makeHistogram()
            let n = Int.random(in: 1...3_000, using: &random)
            for _ in 0..<n {
                // Mostly 1 ms..2 s, with a tail up to the one-hour ceiling.
                let upper: UInt64 = Bool.random(using: &random) ? 20_000 : 36_000_000
                histogram.record(UInt64.random(in: 0...upper, using: &random))
            }
            let p = LatencyWindows.percentiles(of: histogram)
            let library = [50.0, 90, 95, 99].map { Double(histogram.valueAtPercentile($0)) / 10 }
            #expect(p.count == Int64(n))
            #expect([p.p50, p.p90, p.p95, p.p99] == library)
        }
    }

    // MARK: Which events count where

    @Test func eventTenMinutesAgoIsInTheHourButNotFiveMinutes() {
        var windows = LatencyWindows(sloWindowDays: 30)
        windows.record(latencyMs: 250, at: Self.now - 10 * Self.minute)
        #expect(counts(windows) == [.m5: 0, .h1: 1, .d1: 1, .slo: 1])
        #expect(windows.percentiles(.m5, now: Self.now) == .empty)
        #expect(isClose(windows.percentiles(.h1, now: Self.now).p50, 250))
    }

    @Test func minuteWindowsCountWholeMinutesBeforeTheCurrentOne() {
        // now is 10:30:15: 5m reaches back to 10:25:00, 1h to 09:30:00.
        let minuteStart = Self.now - 15_000
        var windows = LatencyWindows(sloWindowDays: 30)
        windows.record(latencyMs: 1, at: minuteStart - 5 * Self.minute)       // 10:25:00, in 5m
        windows.record(latencyMs: 1, at: minuteStart - 5 * Self.minute - 1)   // 10:24:59.999, not
        windows.record(latencyMs: 1, at: minuteStart - 60 * Self.minute)      // 09:30:00, in 1h
        windows.record(latencyMs: 1, at: minuteStart - 60 * Self.minute - 1)  // 09:29:59.999, not
        windows.record(latencyMs: 1, at: Self.now)
        #expect(counts(windows) == [.m5: 2, .h1: 4, .d1: 5, .slo: 5])
    }

    @Test func dayWindowIsTheCurrentHourAndTwentyFourWholeHoursBefore() {
        let hourStart = Self.day0 + 10 * Self.hour
        var windows = LatencyWindows(sloWindowDays: 30)
        windows.record(latencyMs: 1, at: hourStart - 24 * Self.hour)      // in 1d
        windows.record(latencyMs: 1, at: hourStart - 24 * Self.hour - 1)  // not
        #expect(counts(windows) == [.m5: 0, .h1: 0, .d1: 1, .slo: 2])
    }

    @Test func eventTwoDaysAgoIsInTheSLOWindowButNotTheDay() {
        var windows = LatencyWindows(sloWindowDays: 30)
        windows.record(latencyMs: 900, at: Self.now - 2 * Self.day)
        windows.record(latencyMs: 100, at: Self.now)
        #expect(counts(windows) == [.m5: 1, .h1: 1, .d1: 1, .slo: 2])
        #expect(windows.percentiles(.d1, now: Self.now).p99 == 100)
        #expect(isClose(windows.percentiles(.slo, now: Self.now).p99, 900))
    }

    @Test func eventsOlderThanTheSLOWindowAreGone() {
        var windows = LatencyWindows(sloWindowDays: 7)
        windows.record(latencyMs: 10, at: Self.day0 - 7 * Self.day)      // 7 whole days before today: in
        windows.record(latencyMs: 10, at: Self.day0 - 7 * Self.day - 1)  // 8 days: out
        windows.record(latencyMs: 10, at: Self.now)
        #expect(windows.percentiles(.slo, now: Self.now).count == 2)
        // A week later both old events have left the window, the one at `now` has not.
        #expect(windows.percentiles(.slo, now: Self.now + 7 * Self.day).count == 1)
        #expect(windows.percentiles(.slo, now: Self.now + 8 * Self.day).count == 0)
    }

    @Test func windowsLongerThanThirtyOneDaysUseWiderDayBuckets() {
        #expect(LatencyWindows(sloWindowDays: 31).daysPerBucket == 1)
        #expect(LatencyWindows(sloWindowDays: 90).daysPerBucket == 3)
        var windows = LatencyWindows(sloWindowDays: 90)
        windows.record(latencyMs: 5, at: Self.now - 90 * Self.day)  // 30 three-day buckets back: in
        windows.record(latencyMs: 5, at: Self.now - 94 * Self.day)  // at least 31 back: out
        #expect(windows.percentiles(.slo, now: Self.now).count == 1)
    }

    @Test func sloWindowDaysAreClampedToOneThroughFourHundred() {
        #expect(LatencyWindows(sloWindowDays: 0).sloWindowDays == 1)
        #expect(LatencyWindows(sloWindowDays: 1_000).sloWindowDays == 400)
    }

    // MARK: Late events and moving time

    @Test func lateEventsLandInTheirBucket() {
        var windows = LatencyWindows(sloWindowDays: 30)
        windows.record(latencyMs: 100, at: Self.now)
        windows.record(latencyMs: 300, at: Self.now - 3 * Self.minute)  // late, within 5m
        windows.record(latencyMs: 500, at: Self.now - 40 * Self.minute) // late, within 1h only
        windows.record(latencyMs: 700, at: Self.now - 2 * Self.hour)    // older than the minute ring
        windows.record(latencyMs: 900, at: Self.now - 3 * Self.day)     // older than the hour ring
        #expect(counts(windows) == [.m5: 2, .h1: 3, .d1: 4, .slo: 5])
        #expect(isClose(windows.percentiles(.h1, now: Self.now).p99, 500))
    }

    @Test func lateEventsCountTheSameWhetherTheSeriesIsBusyOrQuiet() {
        // A quiet series is answered by merging buckets one by one, a busy one from cached
        // sums; a late event must be in both.
        var windows = LatencyWindows(sloWindowDays: 30)
        windows.record(latencyMs: 100, at: Self.now)
        windows.record(latencyMs: 300, at: Self.now - 30 * Self.minute)
        let busy = windows.percentiles(.h1, now: Self.now)
        let quiet = windows.percentiles(.h1, now: Self.now + 20 * Self.minute)
        #expect(busy.count == 2)
        #expect(quiet == busy)
    }

    @Test func jumpingFarAheadClearsEveryWindow() {
        var windows = LatencyWindows(sloWindowDays: 30)
        for i in 0..<100 { windows.record(latencyMs: Double(i), at: Self.now - EpochMillis(i) * Self.hour) }
        let later = Self.now + 500 * Self.day
        #expect(counts(windows, at: later) == [.m5: 0, .h1: 0, .d1: 0, .slo: 0])
        windows.record(latencyMs: 42, at: later)
        #expect(counts(windows, at: later) == [.m5: 1, .h1: 1, .d1: 1, .slo: 1])
        #expect(isClose(windows.percentiles(.slo, now: later).p50, 42))
    }

    @Test func quietSeriesWindowsEmptyOutAsTimeMoves() {
        var windows = LatencyWindows(sloWindowDays: 30)
        windows.record(latencyMs: 10, at: Self.now)
        #expect(counts(windows, at: Self.now + 6 * Self.minute) == [.m5: 0, .h1: 1, .d1: 1, .slo: 1])
        #expect(counts(windows, at: Self.now + 2 * Self.hour) == [.m5: 0, .h1: 0, .d1: 1, .slo: 1])
        #expect(counts(windows, at: Self.now + 2 * Self.day) == [.m5: 0, .h1: 0, .d1: 0, .slo: 1])
    }

    // MARK: Values that are not latencies, or too large

    @Test func negativeAndNaNLatenciesAreIgnored() {
        var windows = LatencyWindows(sloWindowDays: 30)
        for bad in [-1, -0.05, -Double.infinity, Double.nan, -Double.nan] {
            windows.record(latencyMs: bad, at: Self.now)
        }
        #expect(counts(windows) == [.m5: 0, .h1: 0, .d1: 0, .slo: 0])
    }

    @Test func hugeLatenciesAreClampedToOneHourAndStillCounted() {
        var windows = LatencyWindows(sloWindowDays: 30)
        windows.record(latencyMs: 1e12, at: Self.now)
        windows.record(latencyMs: .infinity, at: Self.now)
        windows.record(latencyMs: 5, at: Self.now)
        let p = windows.percentiles(.m5, now: Self.now)
        #expect(p.count == 3)
        #expect(p.p99 == 3_600_000)
        #expect(isClose(p.p50, 3_600_000))
    }

    // MARK: Against a plain recount

    @Test func randomStreamsAgreeWithARecountOfTheEventsInEachWindow() {
        var random = SeededGenerator(seed: 2_026)
        for _ in 0..<5 {
            var windows = LatencyWindows(sloWindowDays: 7)
            var events: [(time: EpochMillis, ms: Double)] = []
            var t = Self.day0 - 9 * Self.day
            while t < Self.now {
                t += EpochMillis.random(in: 1...(2 * Self.hour), using: &random)
                // One event in five is late, by up to two days.
                let late = Int.random(in: 0..<5, using: &random) == 0
                let time = late ? t - EpochMillis.random(in: 0...(2 * Self.day), using: &random) : t
                let ms = Double.random(in: 0...5_000, using: &random)
                windows.record(latencyMs: ms, at: time)
                events.append((time, ms))
            }
            // The newest bucket (cached sums) and later, quieter moments (bucket by bucket).
            for queryTime in [t, t + 2 * Self.minute, t + 45 * Self.minute, t + 5 * Self.hour, t + 3 * Self.day] {
                for window in PercentileWindow.allCases {
                    let expected = recount(events, window, now: queryTime, sloWindowDays: 7)
                    #expect(windows.percentiles(window, now: queryTime) == expected, "\(window) at \(queryTime)")
                }
            }
        }
    }

    /// The documented window edges applied to every event, one histogram per query.
    func recount(_ events: [(time: EpochMillis, ms: Double)], _ window: PercentileWindow, now: EpochMillis,
                 sloWindowDays: Int) -> LatencyPercentiles {
        let (width, span): (EpochMillis, EpochMillis) =
            switch window {
            case .m5: (Self.minute, 5)
            case .h1: (Self.minute, 60)
            case .d1: (Self.hour, 24)
            case .slo: (Self.day, EpochMillis(sloWindowDays))
            }
        let last = TimeMath.floorDiv(now, width)
        var histogram = LatencyWindows.makeHistogram()
        for event in events where (last - span...last).contains(TimeMath.floorDiv(event.time, width)) {
            if let units = LatencyWindows.units(latencyMs: event.ms) { histogram.record(units) }
        }
        return LatencyWindows.percentiles(of: histogram)
    }

    // MARK: Memory

    @Test func aWindowWithoutEventsHoldsOnlyItsFixedParts() {
        for days in [1, 30, 400] {
            let bytes = LatencyWindows(sloWindowDays: days).bytes
            #expect(bytes > 0 && bytes < 12_000, "\(days) days: \(bytes) bytes")
        }
    }

    /// Every bucket of every ring with more distinct values than a sparse bucket holds:
    /// the ceiling `worstCaseBytes` names, 1.2 MiB, half the 2.5 MB of whole histograms.
    @Test func everyBucketDenseReachesButDoesNotPassTheWorstCase() {
        var windows = LatencyWindows(sloWindowDays: 30)
        // Oldest first: 31 days, then the last 24 hours, then the last 60 minutes.
        var times: [EpochMillis] = []
        for d in (1...31).reversed() { times.append(Self.now - EpochMillis(d) * Self.day) }
        for h in (1...24).reversed() { times.append(Self.now - EpochMillis(h) * Self.hour) }
        for m in (0...60).reversed() { times.append(Self.now - EpochMillis(m) * Self.minute) }
        for t in times {
            for index in 200..<1_300 { windows.record(latencyMs: Double(LatencyLayout.lowestValue(at: index)) / 10, at: t) }
        }
        let worst = LatencyWindows.worstCaseBytes(sloWindowDays: 30)
        #expect(windows.bytes <= worst)
        #expect(windows.bytes > worst * 9 / 10, "\(windows.bytes) of \(worst)")
        #expect(worst > 1_000_000 && worst < 1_300_000)
        #expect(LatencyWindows.worstCaseBytes(sloWindowDays: 1) < worst)
    }

    /// Ten latencies a minute over a narrow band (0.8 to 1.6 s, about 130 distinct
    /// values), all held: buckets stay sparse.
    @Test func aNarrowBandStaysSparse() {
        var windows = LatencyWindows(sloWindowDays: 30)
        var rng = SeededGenerator(seed: 3)
        var t: EpochMillis = Self.now - 30 * Self.hour
        while t <= Self.now {
            for _ in 0..<10 { windows.record(latencyMs: Double.random(in: 800...1_600, using: &rng), at: t) }
            t += Self.minute
        }
        #expect(windows.bytes < 64 * 1_024, "\(windows.bytes) bytes")
    }
}
