/// UTC calendar arithmetic: calendar-month SLO windows, and the dates reports print.
///
/// Why by hand: the engine is pure arithmetic on epoch milliseconds and must not depend
/// on the machine's time zone; the civil-date conversion is Howard Hinnant's
/// days-from-civil algorithm, exact for every date in range.
///
/// ```swift
/// CalendarMonth.start(containing: 1_700_000_000_000)   // 2023-11-01T00:00:00Z in ms
/// CalendarMonth.days(containing: 1_700_000_000_000)    // 30
/// ```
public enum CalendarMonth {
    static let dayMillis: EpochMillis = 86_400_000

    /// Year, month (1-12) and day (1-31) of a day number since 1970-01-01.
    public static func civil(fromDays z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = TimeMath.floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Day number since 1970-01-01 of a civil date.
    static func days(year y0: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? y0 - 1 : y0
        let era = TimeMath.floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 00:00 UTC on the first day of the month containing `t`.
    static func start(containing t: EpochMillis) -> EpochMillis {
        let date = civil(fromDays: TimeMath.floorDiv(t, dayMillis))
        return days(year: date.year, month: date.month, day: 1) * dayMillis
    }

    /// 00:00 UTC on the first day of the next month.
    static func end(containing t: EpochMillis) -> EpochMillis {
        let date = civil(fromDays: TimeMath.floorDiv(t, dayMillis))
        let next = date.month == 12 ? (date.year + 1, Int64(1)) : (date.year, date.month + 1)
        return days(year: next.0, month: next.1, day: 1) * dayMillis
    }

    /// Length in days (28-31) of the month containing `t`.
    static func days(containing t: EpochMillis) -> Int64 {
        (end(containing: t) - start(containing: t)) / dayMillis
    }
}
