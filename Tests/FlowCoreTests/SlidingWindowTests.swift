import FlowCore
import FlowTestKit
import Testing

/// A burn window of w ending at `now` holds the events in (now - w, now]: the current
/// partial minute, the whole minutes before it, and the minute the window starts in
/// weighted by the share of it inside the window (docs/slo.md, "Windows").
@Suite struct SlidingWindowTests {
    /// 1,000 requests a minute, all good, for the 10 minutes before `windowEnd`, except the
    /// minute starting 5 minutes before it: `bad` failures of its 1,000, spread evenly.
    func stream(bad: Int) -> [Event] {
        let badMinute = windowEnd - TestTime.minutes(5)
        return steadyTraffic(from: windowEnd - TestTime.minutes(10), minutes: 5)
            + EventBuilder.aiRequests(good: 1_000 - bad, bad: bad, from: badMinute, until: badMinute + TestTime.minutes(1))
            + steadyTraffic(from: badMinute + TestTime.minutes(1), minutes: 4)
    }

    /// The exact burn over (now - minutes, now], event by event.
    func exactBurn(_ events: [Event], minutes: Int64, now: EpochMillis) -> Double {
        let inside = events.filter { $0.time > now - TestTime.minutes(minutes) && $0.time <= now }
        let bad = inside.count { event in
            guard case .aiRequest(let r) = event.body else { return false }
            return !r.success
        }
        return Double(bad) / Double(inside.count) / 0.001
    }

    /// The case: a bad minute just inside the window's start. Counting the current
    /// minute and the four before it dropped it and read about a tenth of the burn.
    @Test func aBadMinuteAtTheWindowsStartCountsOnTheMinute() throws {
        var engine = Engine()
        let events = stream(bad: 100)
        engine.feed(events)
        let burn = try engine.status(requestSLO, at: windowEnd).burnRates[.m5]
        #expect(approx(burn, 20))   // 100 bad of 5,000
        // The one event stamped at the window's very start is the difference (exclusive start).
        #expect(approx(burn, exactBurn(events, minutes: 5, now: windowEnd), tolerance: 1e-3))
    }

    /// Between minute boundaries the oldest minute counts for the share of it inside:
    /// with traffic even over that minute, as near the exact count as whole events allow.
    @Test(arguments: [1, 15, 20, 30, 45, 59])
    func evenTrafficIsCountedAsTheExactWindowCountsIt(seconds: Int64) throws {
        var engine = Engine()
        let events = stream(bad: 600)
        engine.feed(events)
        let now = windowEnd + TestTime.seconds(seconds)
        let burn = try #require(try engine.status(requestSLO, at: now).burnRates[.m5])
        let exact = exactBurn(events, minutes: 5, now: now)
        #expect(abs(burn - exact) < 0.5, "at +\(seconds)s: \(burn) against \(exact)")
        #expect(burn > 2 && burn < 120)
    }

    /// The worst case: every event of the oldest minute fell before the window's start,
    /// yet they count at the minute's weight. The error is at most one minute's events.
    @Test func theWorstCaseIsOffByTheOldestMinutesEventsTimesItsWeight() throws {
        var engine = Engine()
        let badMinute = windowEnd - TestTime.minutes(5)
        var events = EventBuilder.aiRequests(good: 0, bad: 100, from: badMinute, until: badMinute + TestTime.seconds(1))
        events += steadyTraffic(from: badMinute + TestTime.minutes(1), minutes: 4)
        engine.feed(events)
        let now = windowEnd + TestTime.seconds(30)   // the window starts at badMinute + 30 s
        let status = try engine.status(requestSLO, at: now)
        #expect(exactBurn(events, minutes: 5, now: now) == 0)
        // Half the minute is inside, so 50 of its 100 failures count, beside 4,000 good.
        #expect(approx(status.burnRates[.m5], 50.0 / 4_050 / 0.001))
    }

    /// Read at the same instant, the dashboard's burn and the window counts `/metrics`
    /// exports come from the same weighted sum.
    @Test func metricsExportTheWeightedCounts() throws {
        var engine = Engine()
        engine.feed(stream(bad: 600))
        let now = windowEnd + TestTime.seconds(45)
        let series = try #require(engine.metrics(now: now).slos.first { $0.name == requestSLO }?.series.first)
        let counts = try #require(series.windows[.m5])
        // 4 whole minutes and 45 s of the current one hold 4,000 events; a quarter of the bad minute adds 250.
        #expect(counts.total == 4_250 && counts.bad == 150)
        #expect(approx(series.burnRates[.m5], 150.0 / 4_250 / 0.001))
    }
}
