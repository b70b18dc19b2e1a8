import FlowTestKit
import Testing

@testable import FlowCore

/// SLO windows other than the default 30 days: tier factors scaled to the window, rolling
/// windows of any length (hour-granular at the old edge), and UTC calendar months.
@Suite struct SLOWindowKindsTests {
    /// An `ai_request` success SLO at 99.9% over `window`, the only SLO of its engine.
    func engine(window: SLOWindow) -> Engine {
        Engine(configuration: EngineConfiguration(slos: [
            SLODefinition(name: requestSLO, kind: .aiRequestSuccess, objective: 0.999, window: window),
        ]))
    }

    // MARK: Tier factors

    @Test(arguments: [
        (SLOWindow.rolling(days: 30), [14.4, 6, 3, 1]),
        (SLOWindow.calendarMonth, [14.4, 6, 3, 1]),
        (SLOWindow.rolling(days: 28), [13.44, 5.6, 2.8, 0.933333]),
        (SLOWindow.rolling(days: 7), [3.36, 1.4, 0.7, 0.233333]),
    ])
    func workbookTierFactorsSpendTwoFiveTenAndTenPercentOfTheWindowsBudget(window: SLOWindow, factors: [Double]) {
        let tiers = SLODefinition.workbookTiers(for: window)
        #expect(tiers.map(\.factor) == factors)
        #expect(tiers.map(\.longWindow) == [.h1, .h6, .d1, .d3])
        #expect(tiers.map(\.shortWindow) == [.m5, .m30, .h2, .h6])
        #expect(tiers.map(\.severity) == [.page, .page, .ticket, .ticket])
        #expect(tiers.allSatisfy { $0.enabled })
        #expect(SLODefinition(name: "x", kind: .aiRequestSuccess, objective: 0.999, window: window).tiers == tiers)
    }

    @Test func theScaledFactorDecidesWhetherAWindowPages() throws {
        // 135 failures in 10,000 over the last 5 minutes: burn 13.5 on the 1h and 5m windows.
        // Above 28 days' 13.44, below 30 days' 14.4.
        let events = EventBuilder.aiRequests(good: 10_000 - 135, bad: 135, from: windowEnd - TestTime.minutes(5),
                                             until: windowEnd)
        var thirty = engine(window: .thirtyDays)
        thirty.feed(events)
        var twentyEight = engine(window: .rolling(days: 28))
        twentyEight.feed(events)
        #expect(try thirty.status(requestSLO, at: justBefore(windowEnd)).alerts[0].state == .ok)
        #expect(try twentyEight.status(requestSLO, at: justBefore(windowEnd)).alerts[0].state == .firing)
    }

    // MARK: Rolling windows

    /// The window is (now - days, now]: at 30 minutes into an hour, the whole hours after
    /// the oldest one count, and the oldest hour counts for the half of it inside the
    /// window. Two failures spread over that hour, one either side of the window's start,
    /// count as one, as an exact count of (now - days, now] does.
    @Test(arguments: [1, 7, 28, 30, 90])
    func rollingWindowWeighsItsOldestHourByTheShareInside(days: Int) throws {
        let now = windowEnd + TestTime.minutes(30)
        let start = now - TestTime.days(Int64(days))
        var engine = engine(window: .rolling(days: days))
        engine.feed([EventBuilder.aiRequest(success: false, at: start - TestTime.minutes(15))])
        engine.feed([EventBuilder.aiRequest(success: false, at: start + TestTime.minutes(15))])
        engine.feed([EventBuilder.aiRequest(success: false, at: start - TestTime.minutes(31))])   // an hour older still
        engine.feed([EventBuilder.aiRequest(success: true, at: now - 1)])
        let status = try engine.status(requestSLO, at: now)
        #expect(status.total == 2 && status.good == 1)
        #expect(approx(status.windowBurn, 500))
        #expect(approx(status.errorBudgetRemaining, -499))
    }

    /// On the hour the oldest hour counts whole, and the window is exact.
    @Test func onTheHourTheWindowIsWholeHours() throws {
        let now = windowEnd
        var engine = engine(window: .rolling(days: 7))
        engine.feed([EventBuilder.aiRequest(success: false, at: now - TestTime.days(7) - 1)])   // just outside
        engine.feed([EventBuilder.aiRequest(success: false, at: now - TestTime.days(7) + 1)])
        engine.feed([EventBuilder.aiRequest(success: true, at: now - 1)])
        let status = try engine.status(requestSLO, at: now)
        #expect(status.total == 2 && status.good == 1)
        #expect(approx(status.windowBurn, 500))
    }

    @Test func aNinetyDayWindowKeepsEventsOlderThanThirtyDays() throws {
        var engine = engine(window: .rolling(days: 90))
        engine.feed([EventBuilder.aiRequest(success: false, at: windowEnd - TestTime.days(80))])
        engine.feed(EventBuilder.aiRequests(good: 999, bad: 0, from: windowEnd - TestTime.days(2), until: windowEnd))
        let status = try engine.status(requestSLO, at: windowEnd)
        #expect(status.total == 1_000 && status.good == 999)
        #expect(approx(status.errorBudgetRemaining, 0))
    }

    @Test func burnWindowsDoNotDependOnTheSLOWindow() throws {
        // A 1-day SLO: a failure 2 days ago is outside its window but inside the 3d burn window.
        var engine = engine(window: .rolling(days: 1))
        engine.feed([EventBuilder.aiRequest(success: false, at: windowEnd - TestTime.days(2))])
        engine.feed([EventBuilder.aiRequest(success: true, at: windowEnd - TestTime.minutes(1))])
        let status = try engine.status(requestSLO, at: windowEnd)
        #expect(status.total == 1 && status.good == 1)
        #expect(approx(status.burnRates[.d3], 500))
        #expect(status.burnRates[.d1] == 0)
    }

    /// Remaining budget lasts remaining x window / burn: a whole budget lasts the window at
    /// burn 1, half of it at burn 2, a tenth at burn 10. The last hour burns at `burn` (one
    /// failure among 1,000 / `burn` requests), after 9,000 good requests days before.
    @Test(arguments: [(30, 1), (30, 2), (30, 10), (7, 1)])
    func budgetLastsTheWindowDividedByTheOneHourBurn(days: Int, burn: Int) throws {
        var engine = engine(window: .rolling(days: days))
        engine.feed(EventBuilder.aiRequests(good: 9_000, bad: 0, from: windowEnd - TestTime.days(5),
                                            until: windowEnd - TestTime.days(4)))
        engine.feed(EventBuilder.aiRequests(good: 1_000 / burn - 1, bad: 1, from: windowEnd - TestTime.hours(1),
                                            until: windowEnd))
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))
        #expect(approx(status.burnRates[.h1], Double(burn)))
        let remaining = try #require(status.errorBudgetRemaining)
        #expect(approx(remaining, 1 - 1 / (Double(9_000 + 1_000 / burn) * 0.001)))
        let seconds = try #require(status.timeToExhaustionSeconds)
        #expect(approx(seconds / remaining, Double(days) * 86_400 / Double(burn)))
    }

    // MARK: Calendar months

    /// 2026-12-01T00:00:00Z: `TestTime.start` is the last day of November 2026.
    let december2026: EpochMillis = 1_796_083_200_000

    @Test func calendarMonthResetsAtMidnightUTCOnTheFirst() throws {
        var engine = engine(window: .calendarMonth)
        engine.feed(EventBuilder.aiRequests(good: 90, bad: 10, from: december2026 - TestTime.hours(12),
                                            until: december2026 - TestTime.hours(11)))
        let lastMoment = try engine.status(requestSLO, at: december2026 - 1)
        #expect(lastMoment.total == 100 && lastMoment.good == 90)
        let newMonth = try engine.status(requestSLO, at: december2026)
        #expect(newMonth.total == 0 && newMonth.sli == nil && newMonth.windowBurn == nil)
        #expect(newMonth.errorBudgetRemaining == nil)
        #expect(approx(newMonth.burnRates[.d1], 100), "burn windows still roll over the month's edge")
    }

    @Test func calendarMonthKeepsTheFirstHourOfAThirtyOneDayMonth() throws {
        // December 1st, 00:10 and December 31st, 23:59: 30 days and 23 hours apart.
        let first = december2026 + TestTime.minutes(10)
        let last = december2026 + TestTime.days(31) - TestTime.minutes(1)
        var month = engine(window: .calendarMonth)
        var rolling = engine(window: .thirtyDays)
        for e in [EventBuilder.aiRequest(success: false, at: first), EventBuilder.aiRequest(at: last)] {
            month.feed([e])
            rolling.feed([e])
        }
        #expect(try month.status(requestSLO, at: last).total == 2)
        #expect(try rolling.status(requestSLO, at: last).total == 1)
    }

    /// Time to exhaustion spreads the budget over the month's real length. 9,000 good
    /// requests on the 2nd, then the last hour at burn 1 (1 failure in 1,000): remaining
    /// 1 - 1 / 10 = 0.9, lasting 0.9 x the month at burn 1.
    @Test(arguments: [(1_801_440_000_000 as EpochMillis, 28),   // February 2027
                      (1_832_976_000_000 as EpochMillis, 29),   // February 2028
                      (1_796_083_200_000 as EpochMillis, 31)])  // December 2026
    func calendarMonthExhaustionUsesTheMonthsLength(monthStart: EpochMillis, days: Int) throws {
        let now = monthStart + TestTime.days(20)
        var engine = engine(window: .calendarMonth)
        engine.feed(EventBuilder.aiRequests(good: 9_000, bad: 0, from: monthStart + TestTime.days(1),
                                            until: monthStart + TestTime.days(2)))
        engine.feed(EventBuilder.aiRequests(good: 999, bad: 1, from: now - TestTime.hours(1), until: now))
        let status = try engine.status(requestSLO, at: now - 1)
        #expect(approx(status.errorBudgetRemaining, 0.9))
        #expect(approx(status.timeToExhaustionSeconds, 0.9 * Double(days) * 86_400, tolerance: 1e-6))
    }

    /// Month starts, from `date -u -d YYYY-MM-01 +%s`.
    static let months: [(start: EpochMillis, next: EpochMillis, days: Int64)] = [
        (1_795_996_800_000 - 29 * 86_400_000, 1_796_083_200_000, 30),   // November 2026
        (1_796_083_200_000, 1_798_761_600_000, 31),                     // December 2026 -> January 2027
        (1_801_440_000_000, 1_803_859_200_000, 28),                     // February 2027
        (1_832_976_000_000, 1_835_481_600_000, 29),                     // February 2028 (leap)
        (4_105_123_200_000, 4_107_542_400_000, 28),                     // February 2100 (not leap)
        (949_363_200_000, 951_868_800_000, 29),                         // February 2000 (leap)
        (-2_678_400_000, 0, 31),                                        // December 1969
    ]

    @Test(arguments: months.indices)
    func calendarMonthArithmeticMatchesTheCivilCalendar(index: Int) {
        let month = Self.months[index]
        for t in [month.start, month.start + 1, month.start + TestTime.days(month.days / 2), month.next - 1] {
            #expect(CalendarMonth.start(containing: t) == month.start)
            #expect(CalendarMonth.end(containing: t) == month.next)
            #expect(CalendarMonth.days(containing: t) == month.days)
        }
        #expect(CalendarMonth.start(containing: month.next) == month.next)
    }
}
