import FlowCore
import FlowWire
import Testing

/// `ts` as RFC 3339 or Unix seconds; the receive time when absent.
@Suite struct TimestampTests {
    /// The syntax alone: a parser that keeps any time (the horizon has tests of its own).
    func time(_ ts: String) -> EpochMillis? {
        let line = #"{"type":"message_sent","channel":"c","ts":\#(ts)}"#
        guard case .event(let event) = WireParser(knownSLOs: [], horizon: .unbounded).parse(line, receivedAt: .max / 2)
        else { return nil }
        return event.time
    }

    func tsReason(_ ts: String) -> RejectReason? {
        reason(#"{"type":"message_sent","channel":"c","ts":\#(ts)}"#)
    }

    @Test(arguments: [
        (#""2026-11-24T10:15:02Z""#, 1_795_515_302_000),
        (#""2026-11-24t10:15:02z""#, 1_795_515_302_000),
        (#""2026-11-24 10:15:02Z""#, 1_795_515_302_000),
        (#""2026-11-24T10:15:02.123Z""#, 1_795_515_302_123),
        (#""2026-11-24T10:15:02.1Z""#, 1_795_515_302_100),
        (#""2026-11-24T10:15:02.123999999Z""#, 1_795_515_302_123),
        (#""2026-11-24T12:15:02+02:00""#, 1_795_515_302_000),
        (#""2026-11-24T05:15:02-05:00""#, 1_795_515_302_000),
        (#""2026-11-24T10:15:02+00:00""#, 1_795_515_302_000),
        (#""2026-11-24T10:15:02-00:00""#, 1_795_515_302_000),
        (#""2024-02-29T00:00:00Z""#, 1_709_164_800_000),
        (#""1970-01-01T00:00:00Z""#, 0),
        (#""1969-12-31T23:59:59.5Z""#, -500),
        (#""0001-01-01T00:00:00Z""#, -62_135_596_800_000),
        (#""2016-12-31T23:59:60Z""#, 1_483_228_800_000),
        ("1795515302", 1_795_515_302_000),
        ("1795515302.123", 1_795_515_302_123),
        ("1.795515302e9", 1_795_515_302_000),
        ("0", 0),
    ] as [(String, EpochMillis)])
    func acceptedFormats(ts: String, millis: EpochMillis) {
        #expect(time(ts) == millis)
    }

    @Test(arguments: [
        #""""#, #""yesterday""#, #""2026-11-24""#, #""2026-11-24T10:15:02""#, #""2026-11-24T10:15Z""#,
        #""2026-11-24T10:15:02.Z""#, #""2026-11-24T10:15:02+0200""#, #""2026-11-24T10:15:02+02""#,
        #""2026-11-24X10:15:02Z""#, #""26-11-24T10:15:02Z""#, #""2026-11-24T10:15:02Zjunk""#,
        #""+2026-11-24T10:15:02Z""#, #""2026-1-24T10:15:02Z""#, #""1795515302""#, #""2026-11-24T10:15:02 Z""#,
    ])
    func malformedStringsAreWrongType(ts: String) {
        #expect(tsReason(ts) == .wrongType)
    }

    @Test(arguments: [
        #""2026-13-01T00:00:00Z""#, #""2026-00-01T00:00:00Z""#, #""2026-02-29T00:00:00Z""#,
        #""2026-04-31T00:00:00Z""#, #""2026-11-00T00:00:00Z""#, #""2026-11-24T24:00:00Z""#,
        #""2026-11-24T10:60:00Z""#, #""2026-11-24T10:15:61Z""#, #""2026-11-24T10:15:02+24:00""#,
        #""2026-11-24T10:15:02+02:60""#, #""1900-02-29T00:00:00Z""#,
        "1e999", "-1e999", "253402300800", "-62167219201", "1e300",
    ])
    func impossibleTimesAreOutOfRange(ts: String) {
        #expect(tsReason(ts) == .outOfRange)
    }

    @Test func extremesOfTheRangeDoNotOverflow() {
        #expect(time(#""9999-12-31T23:59:59.999Z""#) == 253_402_300_799_999)
        #expect(time(#""0000-01-01T00:00:00+23:59""#) == -62_167_219_200_000 - 86_340_000)
        #expect(time("-62167219200") == -62_167_219_200_000)
        let unbounded = WireParser(knownSLOs: [], horizon: .unbounded)
        #expect(unbounded.parse(#"{"type":"message_sent","channel":"c","ts":"9999-12-31T23:59:59Z"}"#, receivedAt: .max)
            == .event(Event(time: 253_402_300_799_000, body: .messageSent(channel: "c", messageType: "outbound"))))
    }

    @Test func absentTsIsTheReceiveTime() {
        #expect(event(#"{"type":"message_sent","channel":"c"}"#, receivedAt: 42)?.time == 42)
    }
}
