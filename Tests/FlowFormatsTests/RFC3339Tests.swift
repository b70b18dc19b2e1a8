import FlowFormats
import Testing

/// The one RFC 3339 parser at the calendar's edges. (How the wire reports each failure
/// is in FlowWireTests' `TimestampTests`, how the config files word it in FlowConfigTests.)
@Suite struct RFC3339Tests {
    @Test(arguments: [
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),  // a leap year
        ("2000-02-29T00:00:00Z", 951_782_400_000),  // a century divisible by 400
        ("1600-02-29T00:00:00Z", -11_670_998_400_000),
        ("1500-03-01T00:00:00Z", -14_826_672_000_000),  // proleptic Gregorian before 1582 too
        ("1970-01-01T00:00:00Z", 0),
        ("0000-01-01T00:00:00Z", -62_167_219_200_000),
        ("9999-12-31T23:59:59.999Z", 253_402_300_799_999),
        ("2026-11-24t10:15:02z", 1_795_515_302_000),
        ("2026-11-24 10:15:02Z", 1_795_515_302_000),
        ("2026-11-24T12:15:02+02:00", 1_795_515_302_000),
        ("2026-11-24T05:15:02-05:00", 1_795_515_302_000),
        ("2026-11-24T10:15:02-00:00", 1_795_515_302_000),
        ("2026-11-24T10:44:02+00:29", 1_795_515_302_000),
        ("2026-11-25T09:00:00+23:59", 1_795_510_860_000),
        ("2026-11-24T10:15:02.1Z", 1_795_515_302_100),
        ("2026-11-24T10:15:02.12Z", 1_795_515_302_120),
        ("2026-11-24T10:15:02.123Z", 1_795_515_302_123),
        ("2026-11-24T10:15:02.1239Z", 1_795_515_302_123),  // cut, not rounded
        ("2026-11-24T10:15:02.123456789012Z", 1_795_515_302_123),
        ("1969-12-31T23:59:59.5Z", -500),
        ("2016-12-31T23:59:60Z", 1_483_228_800_000),  // a leap second is the next minute's first
    ] as [(String, Int64)])
    func reads(text: String, millis: Int64) throws {
        #expect(try RFC3339.millis(text) == millis)
    }

    @Test(arguments: [
        "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-02-30T00:00:00Z",
        "2024-02-30T00:00:00Z", "2026-04-31T00:00:00Z", "2026-06-31T00:00:00Z", "2026-09-31T00:00:00Z",
        "2026-11-31T00:00:00Z", "2026-12-32T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
        "2026-11-00T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T10:60:00Z", "2026-11-24T10:15:61Z",
        "2026-11-24T10:15:02+24:00", "2026-11-24T10:15:02+02:60",
    ])
    func refusesTimesThatDoNotExist(text: String) {
        #expect(throws: RFC3339.Failure.outOfRange) { try RFC3339.millis(text) }
    }

    @Test(arguments: [
        "", "yesterday", "2026-11-24", "2026-11-24T10:15:02", "2026-11-24T10:15Z", "2026-11-24T10:15:02.Z",
        "2026-11-24T10:15:02+0200", "2026-11-24T10:15:02+02", "2026-11-24X10:15:02Z", "26-11-24T10:15:02Z",
        "2026-11-24T10:15:02Zjunk", "+2026-11-24T10:15:02Z", "2026-1-24T10:15:02Z", "2026-11-24T10:15:02 Z",
        "１２３４-11-24T10:15:02Z", "2026-11-24T10:15:02Z\n",
    ])
    func refusesWhatIsNotShapedLikeOne(text: String) {
        #expect(throws: RFC3339.Failure.malformed) { try RFC3339.millis(text) }
    }

    @Test func aLeapSecondCanBeRefused() throws {
        #expect(throws: RFC3339.Failure.outOfRange) { try RFC3339.millis("2016-12-31T23:59:60Z", leapSecond: .refused) }
        #expect(try RFC3339.millis("2016-12-31T23:59:59Z", leapSecond: .refused) == 1_483_228_799_000)
    }

    @Test func februaryHasItsDaysByTheGregorianRule() {
        #expect(RFC3339.daysIn(month: 2, year: 2024) == 29)
        #expect(RFC3339.daysIn(month: 2, year: 2026) == 28)
        #expect(RFC3339.daysIn(month: 2, year: 1900) == 28)
        #expect(RFC3339.daysIn(month: 2, year: 2000) == 29)
        #expect([1, 3, 5, 7, 8, 10, 12].allSatisfy { RFC3339.daysIn(month: $0, year: 2026) == 31 })
        #expect([4, 6, 9, 11].allSatisfy { RFC3339.daysIn(month: $0, year: 2026) == 30 })
    }
}
