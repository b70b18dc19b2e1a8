import FlowConfig
import FlowCore
import Testing

/// A silences file reads into `Silence`s with empty ids; times are RFC 3339 or relative
/// to the load time.
@Suite struct SilencesFileTests {
    @Test func aFullSilenceReadsEveryField() throws {
        let silences = try parseSilences("""
            silences:
              - matchers: ['slo="ai_request_success"', 'severity=~"page|ticket"']
                starts_at: 2026-11-25T10:00:00Z
                ends_at: 2026-11-25T12:00:00Z
                created_by: alice
                comment: deploy window
            """)
        #expect(silences == [
            Silence(id: "", matchers: [LabelMatcher("slo", .equal, "ai_request_success"),
                                       LabelMatcher("severity", .regex, "page|ticket")],
                    start: loadTime + hourMillis, end: loadTime + 3 * hourMillis, author: "alice",
                    comment: "deploy window"),
        ])
    }

    @Test func withoutStartsAtTheSilenceStartsAtLoadTime() throws {
        let silences = try parseSilences(silencesDocument("""
            matchers: [alertname=IngestSilent]
            duration: 1h30m
            created_by: bob
            comment: collector restart
            """))
        #expect(silences.map(\.start) == [loadTime])
        #expect(silences.map(\.end) == [loadTime + 90 * 60_000])
    }

    @Test func durationCountsFromStartsAt() throws {
        let silences = try parseSilences(silencesDocument("""
            matchers: [alertname=IngestSilent]
            starts_at: 2026-11-25T11:00:00+01:00
            duration: 2h
            created_by: bob
            comment: collector restart
            """))
        #expect(silences.map(\.start) == [loadTime + hourMillis])
        #expect(silences.map(\.end) == [loadTime + 3 * hourMillis])
    }

    @Test(arguments: [
        ("2026-11-25T09:00:00Z", 0), ("2026-11-25t09:00:00z", 0), ("2026-11-25 09:00:00Z", 0),
        ("2026-11-25T09:00:00.25Z", 250), ("2026-11-25T09:00:00.123456Z", 123), ("2026-11-25T04:30:00-04:30", 0),
    ] as [(String, EpochMillis)])
    func startsAtIsRFC3339(text: String, offset: EpochMillis) throws {
        let silences = try parseSilences(silencesDocument("""
            matchers: [a=b]
            starts_at: "\(text)"
            duration: 1h
            created_by: bob
            comment: test
            """))
        #expect(silences.map(\.start) == [loadTime + offset])
    }

    @Test func leapDaysExist() throws {
        let silences = try parseSilences(silencesDocument("""
            matchers: [a=b]
            starts_at: 2028-02-29T00:00:00Z
            duration: 1h
            created_by: bob
            comment: test
            """))
        #expect(silences.map(\.start) == [1_835_395_200_000])
    }

    @Test func anEmptyListIsAnEmptyFile() throws {
        #expect(try parseSilences("silences: []\n").isEmpty)
        #expect(try parseSilences("silences:\n").isEmpty)
    }

    @Test func negativeMatchersMayAccompanyAPositiveOne() throws {
        let silences = try parseSilences(silencesDocument("""
            matchers: ['team="revenue"', 'severity!="page"', 'slo!~"ai_.*"']
            duration: 1h
            created_by: carol
            comment: tickets only
            """))
        #expect(silences.first?.matchers.map(\.op) == [.equal, .notEqual, .notRegex])
    }

    @Test func aSilenceThatHasEndedIsStillReturned() throws {
        let silences = try parseSilences(silencesDocument("""
            matchers: [a=b]
            starts_at: 2020-01-01T00:00:00Z
            ends_at: 2020-01-01T01:00:00Z
            created_by: bob
            comment: long ago
            """))
        #expect(silences.count == 1)
    }

    @Test func withoutStartsAtAnEndBeforeLoadTimeIsASilenceThatIsOver() throws {
        let silences = try parseSilences(silencesDocument("""
            matchers: [a=b]
            ends_at: 2026-11-25T08:00:00Z
            created_by: bob
            comment: last night's window
            """))
        #expect(silences.map(\.start) == [loadTime - hourMillis])
        #expect(silences.map(\.end) == [loadTime - hourMillis])
    }
}
