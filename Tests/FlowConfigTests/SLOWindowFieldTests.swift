import FlowConfig
import FlowCore
import Testing

/// `spec.timeWindow`: rolling days or weeks, or the UTC calendar month.
@Suite struct SLOWindowFieldTests {
    func window(_ timeWindow: String) throws -> SLOWindow {
        try parseOne(sloDocument(spec: "timeWindow:\n" + timeWindow + "\n" + customLatencySpec)).window
    }

    @Test func rollingDaysAreTheGivenNumberOfDays() throws {
        #expect(try window("  - {duration: 28d, isRolling: true}") == .rolling(days: 28))
        #expect(try window("  - {duration: 400d, isRolling: true}") == .rolling(days: 400))
    }

    @Test func weeksAreSevenDays() throws {
        #expect(try window("  - {duration: 1w, isRolling: true}") == .rolling(days: 7))
        #expect(try window("  - {duration: 4w}") == .rolling(days: 28))
    }

    /// The window reads like every other duration in flowtop (Prometheus' syntax), so units
    /// combine, and hours that make whole days are days.
    @Test func anyPrometheusDurationOfWholeDays() throws {
        #expect(try window("  - {duration: 2w2d}") == .rolling(days: 16))
        #expect(try window("  - {duration: 48h}") == .rolling(days: 2))
    }

    @Test func aMissingTimeWindowIsThirtyDaysRolling() throws {
        #expect(try parseOne(sloDocument(spec: customLatencySpec)).window == .thirtyDays)
    }

    @Test func oneMonthNotRollingIsTheCalendarMonth() throws {
        let calendar = """
              - duration: 1M
                isRolling: false
                calendar:
                  startTime: 2026-01-01 00:00:00
                  timeZone: UTC
            """
        #expect(try window(calendar) == .calendarMonth)
        #expect(try window("  - {duration: 1M, isRolling: false}") == .calendarMonth)
        #expect(try window("  - {duration: 1M, calendar: {timeZone: Etc/UTC}}") == .calendarMonth)
    }

    @Test func tiersScaleWithTheWindow() throws {
        let slo = try parseOne(sloDocument(spec: "timeWindow: [{duration: 28d, isRolling: true}]\n" + customLatencySpec))
        #expect(slo.tiers == SLODefinition.workbookTiers(for: .rolling(days: 28)))
        #expect(slo.tiers.first?.factor == 13.44)
    }
}
