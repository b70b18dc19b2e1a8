import FlowCore
import FlowTestKit
import Testing

/// Alerting in the engine: burn-rate tiers and threshold rules go through the Prometheus
/// lifecycle at the end of every minute; silences and acknowledgements mark them.
@Suite struct EngineAlertingTests {
    let t = windowEnd
    let minute = TestTime.minutes(1)

    func engine(rules: [ThresholdRule]) -> Engine {
        var configuration = EngineConfiguration()
        configuration.alertRules = rules
        return Engine(configuration: configuration)
    }

    func alert(_ snapshot: EngineSnapshot, _ name: String) -> ListedAlert? {
        snapshot.alerting.alerts.first { $0.alert.labels["alertname"] == name }
    }

    static let costRule = ThresholdRule(
        name: "AICostHigh", metric: .aiCostPerHour, comparison: .above, threshold: 10,
        forMillis: TestTime.minutes(5), labels: ["team": "revenue"], annotations: ["summary": "AI spend high"])

    @Test func aThresholdRuleGoesPendingThenFiringThenResolved() throws {
        var engine = engine(rules: [Self.costRule])
        engine.feed([EventBuilder.aiRequest(cost: 20, at: t + 1000)])
        // Minute t..t+1 holds the cost: judged at t+1m, the rule holds from then.
        let pending = try #require(alert(engine.snapshot(SnapshotQuery(), now: t + 2 * minute + 5), "AICostHigh"))
        #expect(pending.alert.state == .pending)
        #expect(pending.alert.activeAt == t + minute)
        #expect(pending.alert.labels.dictionary == ["alertname": "AICostHigh", "severity": "ticket", "team": "revenue"])
        #expect(pending.alert.annotations["summary"] == "AI spend high")
        #expect(pending.alert.lastValue == 20)
        // `for: 5m` is met at the evaluation 5 minutes after activeAt.
        let firing = try #require(alert(engine.snapshot(SnapshotQuery(), now: t + 6 * minute + 5), "AICostHigh"))
        #expect(firing.alert.state == .firing && firing.alert.firedAt == t + 6 * minute)
        // The cost leaves the hour window at t+61m: resolved then.
        let resolved = try #require(alert(engine.snapshot(SnapshotQuery(), now: t + 62 * minute), "AICostHigh"))
        #expect(resolved.alert.state == .resolved && resolved.alert.resolvedAt == t + 61 * minute)
    }

    @Test func ingestSilenceFiresWhenNothingArrives() throws {
        let rule = ThresholdRule(name: "IngestSilent", metric: .ingestSilenceSeconds, comparison: .above,
                                 threshold: 300, labels: ["severity": "page"])
        var engine = engine(rules: [rule])
        engine.feed([EventBuilder.messageSent(at: t)])
        #expect(alert(engine.snapshot(SnapshotQuery(), now: t + 5 * minute), "IngestSilent") == nil)
        let silent = try #require(alert(engine.snapshot(SnapshotQuery(), now: t + 6 * minute + 1), "IngestSilent"))
        #expect(silent.alert.state == .firing && silent.alert.severity == "page")
        #expect(silent.alert.firedAt == t + 6 * minute)
        engine.apply([EventBuilder.messageSent(at: t + 7 * minute)], receivedAt: t + 7 * minute)
        let back = try #require(alert(engine.snapshot(SnapshotQuery(), now: t + 8 * minute), "IngestSilent"))
        #expect(back.alert.state == .resolved)
    }

    /// A replay applies an hour of events in one batch: ingest silence counts from the
    /// newest event applied, not from the batch before, so it stays quiet all along.
    @Test func ingestSilenceInAReplayFollowsEventTime() {
        let rule = ThresholdRule(name: "IngestSilent", metric: .ingestSilenceSeconds, comparison: .above, threshold: 300)
        var engine = engine(rules: [rule])
        let hour = (0..<60).map { EventBuilder.messageSent(at: t + EpochMillis($0) * minute) }
        engine.apply(hour, receivedAt: 0)
        let snapshot = engine.snapshot(SnapshotQuery(), now: t + 61 * minute)
        #expect(alert(snapshot, "IngestSilent") == nil)
        #expect(snapshot.alerting.statistics?.fired == 0)
        #expect(alert(engine.snapshot(SnapshotQuery(), now: t + 66 * minute), "IngestSilent")?.alert.state == .firing)
    }

    /// 100 failures in one minute after a clean hour: the 1h page tier fires, the 6h page
    /// tier holds too and is inhibited by it.
    func outage() -> [Event] {
        EventBuilder.aiRequests(good: 600, bad: 0, from: t - TestTime.hours(1), until: t)
            + EventBuilder.aiRequests(good: 0, bad: 100, from: t + TestTime.seconds(5), until: t + TestTime.seconds(15))
    }

    @Test func burnRateTiersBecomeErrorBudgetBurnAlerts() throws {
        var engine = engine(rules: [])
        engine.feed(outage())
        let snapshot = engine.snapshot(SnapshotQuery(), now: t + 2 * minute)
        let burns = snapshot.alerting.alerts.filter { $0.alert.labels["alertname"] == "ErrorBudgetBurn" }
        let fast = try #require(burns.first {
            $0.alert.labels["long_window"] == "1h" && $0.alert.labels["tenant"] == nil
        })
        #expect(fast.alert.state == .firing && fast.alert.firedAt == t + minute)
        #expect(fast.alert.labels["slo"] == requestSLO && fast.alert.severity == "page")
        #expect(fast.alert.labels["short_window"] == "5m" && !fast.inhibited)
        #expect(fast.alert.annotations["summary"]?.contains("above 14.4x") == true)
        let slow = try #require(burns.first { $0.alert.labels["long_window"] == "6h" && $0.alert.labels["tenant"] == nil })
        #expect(slow.inhibited && slow.alert.state == .firing)
        // One lifecycle alert per active tier of every series, as the SLO engine lists them.
        #expect(burns.count == snapshot.alerts.count)
        // A tenant filter keeps that tenant's alerts (here `default`), and engine-wide ones.
        let tenant = engine.snapshot(SnapshotQuery(tenant: "default"), now: t + 2 * minute)
        #expect(tenant.alerting.alerts.allSatisfy { $0.alert.labels["tenant"] == "default" })
        #expect(!tenant.alerting.alerts.isEmpty)
    }

    /// The notifiers' poll advances alert time as a snapshot does and lists the same alerts.
    @Test func alertingAloneAdvancesAlertTimeAsASnapshotDoes() {
        var polled = engine(rules: [])
        var drawn = engine(rules: [])
        polled.feed(outage())
        drawn.feed(outage())
        let alerting = polled.alerting(now: t + 2 * minute)
        let snapshot = drawn.snapshot(SnapshotQuery(), now: t + 2 * minute)
        #expect(!alerting.alerts.isEmpty)
        #expect(alerting.alerts == snapshot.alerting.alerts)
        #expect(alerting.statistics == nil)
        #expect(polled.snapshot(SnapshotQuery(), now: t + 2 * minute).alerting.alerts == alerting.alerts)
    }

    @Test func silencesAndAcknowledgementsMarkAlertsWithoutHidingThem() throws {
        var engine = engine(rules: [Self.costRule])
        engine.feed([EventBuilder.aiRequest(cost: 20, at: t + 1000)])
        _ = engine.snapshot(SnapshotQuery(), now: t + 6 * minute + 5)
        let id = try engine.addSilence(
            Silence(id: "", matchers: [LabelMatcher("team", .equal, "revenue")], start: t + 6 * minute,
                    end: t + 66 * minute, author: "ana", comment: "known: batch job"), at: t + 6 * minute + 10)
        var snapshot = engine.snapshot(SnapshotQuery(), now: t + 6 * minute + 20)
        let silenced = try #require(alert(snapshot, "AICostHigh"))
        #expect(silenced.silencedBy == [id] && silenced.isMuted && silenced.alert.state == .firing)
        #expect(snapshot.alerting.silences.map(\.silence.author) == ["ana"])

        let expired = engine.expireSilence(id: id, at: t + 7 * minute)
        #expect(expired)
        let fingerprint = silenced.alert.fingerprint
        let acknowledged = engine.acknowledge(fingerprint: fingerprint, by: "ben", at: t + 7 * minute + 1)
        let unknown = engine.acknowledge(fingerprint: "0000000000000000", by: "ben", at: t + 7 * minute + 1)
        #expect(acknowledged && !unknown)
        snapshot = engine.snapshot(SnapshotQuery(), now: t + 7 * minute + 2)
        let acked = try #require(alert(snapshot, "AICostHigh"))
        #expect(acked.silencedBy.isEmpty && acked.isMuted)
        #expect(acked.alert.acknowledgedBy == "ben" && acked.alert.acknowledgedAt == t + 7 * minute + 1)
    }

    @Test func aSilenceWithoutMatchersIsRefused() {
        var engine = engine(rules: [])
        #expect(throws: SilenceError.self) {
            try engine.addSilence(Silence(id: "", matchers: [], start: t, end: t + minute, author: "a", comment: "c"),
                                  at: t)
        }
    }
}
