import FlowCore
import FlowTestKit
import Testing

/// The four Workbook tiers as the engine applies them: thresholds, switched-off tiers, the
/// minimum-traffic guard, inhibition, and which series alert.
@Suite struct AlertTierTests {
    /// The minute in which everything fails.
    let burst = windowEnd

    /// 100 requests a minute for two hours, then 100 failures in the minute at `burst`.
    /// Right after the burst every tier holds: 1h burn 100 / 6,000 / 0.001 = 16.7 (5m: 200),
    /// 6h, 1d and 3d burn 100 / 12,100 / 0.001 = 8.3 (30m: 33, 2h: 8.3, 6h: 8.3).
    func burstAfterTwoQuietHours() -> [Event] {
        steadyTraffic(from: burst - TestTime.hours(2), minutes: 120, perMinute: 100)
            + EventBuilder.aiRequests(good: 0, bad: 100, from: burst, until: burst + TestTime.minutes(1))
    }

    /// 100 good requests a minute from the minute after the burst until `until`.
    func quietAfterBurst(until: EpochMillis) -> [Event] {
        steadyTraffic(from: burst + TestTime.minutes(1), minutes: 10, perMinute: 100).filter { $0.time < until }
    }

    func totalAlerts(_ snapshot: EngineSnapshot) -> [ActiveAlert] {
        snapshot.alerts.filter { $0.slo == requestSLO && $0.series == .total }
    }

    // MARK: Thresholds

    /// Tiers other than the fast page, each with all traffic inside its short window, so
    /// both of its windows see the same counts: 10,000 requests, `factor x 10` failures.
    @Test(arguments: [(tier: 1, span: TestTime.minutes(30), badAtFactor: 60),
                      (tier: 2, span: TestTime.hours(2), badAtFactor: 30),
                      (tier: 3, span: TestTime.hours(6), badAtFactor: 10)])
    func burnExactlyAtTheTierFactorDoesNotFireAndOneMoreFailureDoes(tier: Int, span: EpochMillis,
                                                                    badAtFactor: Int) throws {
        func state(bad: Int) throws -> TierState {
            var engine = Engine()
            engine.feed(EventBuilder.aiRequests(good: 10_000 - bad, bad: bad, from: windowEnd - span, until: windowEnd))
            return try engine.status(requestSLO, at: justBefore(windowEnd)).alerts[tier].state
        }
        #expect(try state(bad: badAtFactor) == .ok)
        #expect(try state(bad: badAtFactor + 1) == .firing)
    }

    // MARK: Switched-off tiers

    @Test func aDisabledTierIsShownDisabledAndNeverFiresOrInhibits() throws {
        var tiers = SLODefinition.workbookTiers
        tiers[0].enabled = false
        let slo = SLODefinition(name: requestSLO, kind: .aiRequestSuccess, objective: 0.999, tiers: tiers)
        var engine = Engine(configuration: EngineConfiguration(slos: [slo]))
        engine.feed(burstAfterTwoQuietHours())

        let status = try engine.status(requestSLO, at: burst + TestTime.seconds(90))
        #expect(status.alerts.map(\.state) == [.disabled, .firing, .inhibited, .inhibited])
        #expect((status.alerts[0].longBurn ?? 0) > 14.4, "the burn is shown even though the tier is off")

        let listed = totalAlerts(engine.snapshot(SnapshotQuery(), now: burst + TestTime.seconds(90)))
        #expect(!listed.contains { $0.tier.longWindow == .h1 })
        #expect(listed.first { $0.tier.longWindow == .h6 }?.inhibited == false)
    }

    // MARK: Minimum traffic

    /// 1 failure among `events` requests in the last minute: 99.9% is blown on every window.
    @Test(arguments: [(events: 3, minEvents: Int64(10), pages: false),
                      (events: 9, minEvents: Int64(10), pages: false),
                      (events: 10, minEvents: Int64(10), pages: true),
                      (events: 3, minEvents: Int64(0), pages: true)])
    func tiersNeedMinEventsInTheirLongWindow(events: Int, minEvents: Int64, pages: Bool) throws {
        let slo = SLODefinition(name: requestSLO, kind: .aiRequestSuccess, objective: 0.999, minEvents: minEvents)
        var engine = Engine(configuration: EngineConfiguration(slos: [slo]))
        engine.feed(EventBuilder.aiRequests(good: events - 1, bad: 1, from: burst, until: burst + TestTime.seconds(30)))

        let status = try engine.status(requestSLO, at: burst + TestTime.seconds(40))
        let fast = try #require(status.alerts.first)
        #expect(fast.state == (pages ? .firing : .ok))
        #expect(fast.belowMinEvents == !pages)
        #expect(fast.longEvents == Int64(events))
        let listed = engine.snapshot(SnapshotQuery(), now: burst + TestTime.minutes(1)).alerts
        #expect(listed.isEmpty == !pages)
    }

    // MARK: Inhibition

    @Test func whileTheFastPageFiresTheSlowerHoldingTiersAreInhibited() throws {
        var engine = Engine()
        engine.feed(burstAfterTwoQuietHours())
        let status = try engine.status(requestSLO, at: burst + TestTime.seconds(90))
        #expect(status.alerts.map(\.state) == [.firing, .inhibited, .inhibited, .inhibited])
        #expect(status.worstFiring == .page)
    }

    @Test func inhibitedAlertsAreListedFlaggedAndAfterEveryFiringOne() throws {
        var engine = Engine()
        engine.feed(burstAfterTwoQuietHours())
        let snapshot = engine.snapshot(SnapshotQuery(), now: burst + TestTime.seconds(90))
        let total = totalAlerts(snapshot)
        #expect(total.map(\.tier.longWindow) == [.h1, .h6, .d1, .d3])
        #expect(total.map(\.inhibited) == [false, true, true, true])
        #expect(total.allSatisfy { $0.since == burst + TestTime.minutes(1) })

        let firstInhibited = try #require(snapshot.alerts.firstIndex { $0.inhibited })
        #expect(firstInhibited > 0)
        #expect(snapshot.alerts[firstInhibited...].allSatisfy { $0.inhibited })
    }

    @Test func whenTheFastPageClearsTheInhibitedSlowerPageFiresKeepingItsSince() throws {
        var engine = Engine()
        engine.feed(burstAfterTwoQuietHours())
        let before = totalAlerts(engine.snapshot(SnapshotQuery(), now: burst + TestTime.seconds(90)))
        #expect(before.first { $0.tier.longWindow == .h6 }?.inhibited == true)
        // The burst minute leaves the 5m window with the minute ending at burst + 6 min.
        let later = burst + TestTime.minutes(6) + 1_000
        engine.feed(quietAfterBurst(until: later))
        let total = totalAlerts(engine.snapshot(SnapshotQuery(), now: later))
        #expect(!total.contains { $0.tier.longWindow == .h1 })
        let slowPage = try #require(total.first { $0.tier.longWindow == .h6 })
        #expect(!slowPage.inhibited)
        #expect(slowPage.since == burst + TestTime.minutes(1))
        #expect(total.filter { $0.tier.severity == .ticket }.allSatisfy { $0.inhibited })
    }

    // MARK: Series

    @Test func aFailingTenantAlertsOnItsOwnSeriesWhileTheDilutedTotalStaysQuiet() throws {
        // acme: 20 failures in 200 (burn 100); globex: 20,000 good. Total: 20 / 20,200 (burn 0.99).
        var engine = Engine()
        engine.feed(EventBuilder.aiRequests(good: 180, bad: 20, from: burst, until: burst + TestTime.seconds(30),
                                            tenant: "acme")
                    + EventBuilder.aiRequests(good: 20_000, bad: 0, from: burst, until: burst + TestTime.seconds(30),
                                              tenant: "globex"))
        let alerts = engine.snapshot(SnapshotQuery(), now: burst + TestTime.minutes(1)).alerts
            .filter { $0.slo == requestSLO }
        #expect(alerts.contains { $0.series == .tenant("acme") && $0.tier.longWindow == .h1 })
        #expect(!alerts.contains { $0.series == .total || $0.series == .tenant("globex") })
    }

    @Test(arguments: ["ai_request_success", "ai_response_latency"])
    func perModelSLOsAlertOnTheFailingModelsSeries(slo: String) throws {
        // gpt-4o fails half its calls (or answers slower than 2 s); claude is fine and busier,
        // so the total stays under every factor of the 99% latency SLO but not of 99.9%.
        let t = burst + TestTime.seconds(10)
        let gpt = (0..<20).flatMap { i in
            [EventBuilder.aiRequest(success: i % 2 == 0, model: "gpt-4o", at: t),
             EventBuilder.aiLatency(i % 2 == 0 ? 500 : 2_500, model: "gpt-4o", at: t)]
        }
        let claude = (0..<2_000).flatMap { _ in
            [EventBuilder.aiRequest(model: "claude", at: t), EventBuilder.aiLatency(300, model: "claude", at: t)]
        }
        var engine = Engine()
        engine.feed(gpt + claude)
        let alerts = engine.snapshot(SnapshotQuery(), now: burst + TestTime.minutes(1)).alerts.filter { $0.slo == slo }
        let model = try #require(alerts.first { $0.series == .model("gpt-4o") })
        #expect(model.model == "gpt-4o" && model.tenant == nil)
        #expect(model.tier.longWindow == .h1 && !model.inhibited)
        #expect(!alerts.contains { $0.series == .model("claude") })
    }

    @Test func anSLONotTrackedPerModelHasNoModelAlerts() {
        let t = burst + TestTime.seconds(10)
        var engine = Engine()
        engine.feed((0..<50).map { _ in EventBuilder.messageProcessing(10, success: false, tenant: "acme", at: t) })
        let alerts = engine.snapshot(SnapshotQuery(), now: burst + TestTime.minutes(1)).alerts
            .filter { $0.slo == "message_processing_latency" }
        #expect(alerts.contains { $0.series == .total } && alerts.contains { $0.series == .tenant("acme") })
        #expect(alerts.allSatisfy { $0.model == nil })
    }
}
