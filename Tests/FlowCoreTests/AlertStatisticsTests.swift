@testable import FlowCore
import FlowTestKit
import Testing

/// The overview on hand-made episodes (period figures) and a small live book (figures
/// about now).
@Suite struct AlertStatisticsTests {
    static let now = TestTime.start + TestTime.days(2)
    static let day = TestTime.days(1)
    static func ago(hours: Int64 = 0, minutes: Int64 = 0) -> EpochMillis {
        now - TestTime.hours(hours) - TestTime.minutes(minutes)
    }
    static func m(_ n: Int64) -> EpochMillis { TestTime.minutes(n) }

    static let a = AlertLabels(["alertname": "AICostHigh", "severity": "page", "slo": "ai_cost"])
    static let b = AlertLabels(["alertname": "IngestSilent", "severity": "ticket", "slo": "ingest"])
    static let c = AlertLabels(["alertname": "Other"])

    static func episode(_ labels: AlertLabels, fired: EpochMillis, ack: EpochMillis? = nil,
                        resolved: EpochMillis? = nil) -> AlertEpisode {
        AlertEpisode(fingerprint: labels.fingerprint, labels: labels, firedAt: fired, acknowledgedAt: ack,
                     resolvedAt: resolved)
    }

    /// In the day: A at -10 h (ack 2 min, resolved 30 min), A at -5 h (ack 4 min,
    /// resolved 10 min), B at -1 h (no ack, resolved 20 min), A at -1 min (acknowledged
    /// while pending: 0, still firing), C exactly a day ago (included, nothing else).
    /// Outside: C at -30 h. MTTA (2 + 4 + 0) / 3 = 2 min; MTTR (30 + 10 + 20) / 3 = 20 min.
    static let episodes = [
        episode(c, fired: ago(hours: 30), ack: ago(hours: 30) + m(1), resolved: ago(hours: 30) + m(5)),
        episode(c, fired: ago(hours: 24)),
        episode(a, fired: ago(hours: 10), ack: ago(hours: 10) + m(2), resolved: ago(hours: 10) + m(30)),
        episode(a, fired: ago(hours: 5), ack: ago(hours: 5) + m(4), resolved: ago(hours: 5) + m(10)),
        episode(b, fired: ago(hours: 1), resolved: ago(hours: 1) + m(20)),
        episode(a, fired: ago(minutes: 1), ack: ago(minutes: 2)),
    ]

    static func stats(_ episodes: [AlertEpisode] = episodes) -> AlertStatistics {
        AlertStatistics.compute(alerts: [], episodes: episodes, silences: SilenceBook(), period: day, at: now)
    }

    @Test func meanTimesToAcknowledgeAndResolveOverTheEpisodesFiredInThePeriod() {
        let s = Self.stats()
        #expect(s.fired == 5)
        #expect(s.meanTimeToAcknowledgeMillis == Double(Self.m(2)))
        #expect(s.meanTimeToResolveMillis == Double(Self.m(20)))
    }

    @Test func noAcknowledgedOrResolvedEpisodeMeansNoMean() {
        let s = Self.stats([Self.episode(Self.a, fired: Self.ago(hours: 1))])
        #expect(s.meanTimeToAcknowledgeMillis == nil && s.meanTimeToResolveMillis == nil)
        #expect(Self.stats([]).fired == 0)
    }

    @Test func firingsBySeverityAndPerSLO() {
        let s = Self.stats()
        #expect(s.firedBySeverity == ["page": 3, "ticket": 1, "none": 1])
        #expect(s.firedPerSLO == ["ai_cost": 3, "ingest": 1])
    }

    @Test func topFlappingListsAlertsThatFiredTwiceOrMoreMostFirst() {
        let s = Self.stats()
        #expect(s.topFlapping == [FlappingAlert(fingerprint: Self.a.fingerprint, labels: Self.a, firings: 3)])
        #expect(s.topFlapping.first?.alertname == "AICostHigh")
        let many = (0..<7).flatMap { i in
            let labels = AlertLabels(["alertname": "R\(i)"])
            return (0...i).map { k in Self.episode(labels, fired: Self.ago(minutes: Int64(k))) }
        }
        #expect(Self.stats(many).topFlapping.map(\.firings) == [7, 6, 5, 4, 3])
    }

    @Test func countsAboutNowComeFromTheListedAlerts() {
        var book = AlertBook()
        let t = Self.now - Self.m(10)
        let gone = AlertObservation(labels: Self.c, holds: true)
        book.evaluate([AlertObservation(labels: Self.a, holds: true), gone], at: t)
        book.evaluate([AlertObservation(labels: Self.a, holds: true),
                       AlertObservation(labels: Self.b, holds: true, forMillis: Self.m(30))], at: t + Self.m(1))
        book.acknowledge(fingerprint: Self.b.fingerprint, by: "ana", at: t + Self.m(2))
        var silences = SilenceBook()
        _ = try? silences.add(Silence(id: "", matchers: [LabelMatcher("slo", .equal, "ai_cost")], start: t,
                                      end: Self.now + Self.m(60), author: "ana", comment: ""), at: t)

        let s = AlertStatistics.compute(book: book, silences: silences, period: Self.day, at: Self.now)
        #expect(s.byState == [.inactive: 0, .pending: 1, .firing: 1, .resolved: 1])
        #expect(s.bySeverity == ["page": 1, "ticket": 1])
        #expect(s.silenced == 1)
        #expect(s.acknowledged == 1)
        #expect(s.fired == 2)                                   // A and C fired at t
    }
}
