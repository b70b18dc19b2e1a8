import FlowCore
import FlowTestKit
import Testing

/// When alerts start firing, when they resolve, and that replay agrees with live.
@Suite struct AlertLifecycleTests {
    /// The start of the minute with the failure burst.
    let burst = windowEnd

    /// 100 failed requests in one minute for `tenant`, after an hour of clean traffic.
    func outage(tenant: String = "acme") -> [Event] {
        EventBuilder.aiRequests(good: 600, bad: 0, from: burst - TestTime.hours(1), until: burst, tenant: tenant)
            + EventBuilder.aiRequests(good: 0, bad: 100, from: burst + TestTime.seconds(5),
                                      until: burst + TestTime.seconds(15), tenant: tenant)
    }

    func fastPage(_ alerts: [ActiveAlert], tenant: String?) -> ActiveAlert? {
        alerts.first { $0.tenant == tenant && $0.tier.longWindow == .h1 && $0.tier.severity == .page }
    }

    /// A backfill arriving after the clock has passed its minutes: the alerts judged on
    /// its first part must not stand once the rest shows they no longer hold.
    @Test func lateEventsAreJudgedAgainAtTheNextSnapshot() {
        let now = windowEnd
        var engine = Engine()
        engine.feed(EventBuilder.aiRequests(good: 0, bad: 100, from: now - TestTime.minutes(10),
                                            until: now - TestTime.minutes(9)))
        let first = engine.snapshot(SnapshotQuery(), now: now)
        #expect(first.alerts.contains { $0.tier.longWindow == .h6 && !$0.inhibited })

        // The rest of the backfill: plenty of good requests over the last half hour.
        engine.feed(EventBuilder.aiRequests(good: 200_000, bad: 0, from: now - TestTime.minutes(30),
                                            until: now - TestTime.minutes(1)))
        let second = engine.snapshot(SnapshotQuery(), now: now + TestTime.seconds(1))
        #expect(!second.alerts.contains { $0.tier.longWindow == .h6 })
        #expect(second.slos.first { $0.name == requestSLO }?.firing(.h6) == false)
    }

    @Test func alertFiresOnceItsMinuteCompletesWithSinceAtThatMinutesEnd() throws {
        var engine = Engine()
        engine.feed(outage())
        let during = engine.snapshot(SnapshotQuery(), now: burst + TestTime.seconds(30))
        #expect(during.slos.first { $0.name == requestSLO }?.firing(.h1) == true)
        #expect(during.alerts.isEmpty)

        let after = engine.snapshot(SnapshotQuery(), now: burst + TestTime.seconds(65))
        let alert = try #require(fastPage(after.alerts, tenant: nil))
        #expect(alert.slo == requestSLO)
        #expect(alert.since == burst + TestTime.minutes(1))
        #expect(alert.shortBurn > 14.4 && alert.longBurn > 14.4)
        #expect(fastPage(after.alerts, tenant: "acme")?.since == burst + TestTime.minutes(1))
    }

    @Test func sinceStaysPutWhileFiringAndTheAlertResolvesWhenTheShortWindowDrains() throws {
        var engine = Engine()
        engine.feed(outage())
        let firstSeen = try #require(fastPage(engine.snapshot(SnapshotQuery(), now: burst + TestTime.minutes(2)).alerts,
                                              tenant: nil))
        let later = try #require(fastPage(engine.snapshot(SnapshotQuery(), now: burst + TestTime.minutes(5) + 30_000).alerts,
                                          tenant: nil))
        #expect(later.since == firstSeen.since)
        // The burst minute leaves the 5m window with the minute ending at burst + 6 min.
        let resolved = engine.snapshot(SnapshotQuery(), now: burst + TestTime.minutes(6) + 1_000)
        #expect(fastPage(resolved.alerts, tenant: nil) == nil)
        // The slower page (6h & 30m) and the ticket are still firing.
        #expect(resolved.alerts.contains { $0.tier.longWindow == .h6 && $0.tenant == nil })
        #expect(resolved.alerts.contains { $0.tier.severity == .ticket })
        #expect(resolved.alerts.first?.tier.severity == .page)
    }

    @Test func everythingResolvesAfterThreeQuietDays() {
        var engine = Engine()
        engine.feed(outage())
        _ = engine.snapshot(SnapshotQuery(), now: burst + TestTime.minutes(2))
        #expect(engine.snapshot(SnapshotQuery(), now: burst + TestTime.days(4)).alerts.isEmpty)
    }

    @Test func eventTimeAloneAdvancesAlerts() throws {
        var engine = Engine()
        engine.feed(outage())
        engine.feed([EventBuilder.aiRequest(success: true, tenant: "acme", at: burst + TestTime.minutes(3))])
        let snap = engine.snapshot(SnapshotQuery(), now: burst + TestTime.minutes(3))
        #expect(fastPage(snap.alerts, tenant: nil)?.since == burst + TestTime.minutes(1))
    }

    @Test func replayingAFileGivesTheSameSinceAsWatchingLive() {
        let events = outage(tenant: "acme") + outage(tenant: "globex").map { event in
            var e = event
            e.time += TestTime.minutes(7)
            return e
        }
        let sorted = events.sorted { $0.time < $1.time }
        let end = burst + TestTime.minutes(20)

        var replayed = Engine()
        replayed.feed(sorted)
        let replayAlerts = replayed.snapshot(SnapshotQuery(), now: end).alerts

        var live = Engine()
        var pending = sorted[...]
        var now = sorted.first?.time ?? 0
        while now <= end {
            let due = pending.prefix { $0.time <= now }
            if !due.isEmpty { live.apply(due, receivedAt: now) }
            pending = pending.dropFirst(due.count)
            _ = live.snapshot(SnapshotQuery(), now: now)
            now += 7_000
        }
        let liveAlerts = live.snapshot(SnapshotQuery(), now: end).alerts
        #expect(!liveAlerts.isEmpty)
        #expect(liveAlerts == replayAlerts)
    }

    @Test func tenantQueryListsOnlyThatTenantsAlerts() {
        var engine = Engine()
        engine.feed(outage(tenant: "acme") + EventBuilder.aiRequests(good: 500, bad: 0, from: burst - TestTime.hours(1),
                                                                     until: burst + TestTime.minutes(1), tenant: "globex"))
        let all = engine.snapshot(SnapshotQuery(), now: burst + TestTime.minutes(2)).alerts
        #expect(all.contains { $0.tenant == nil })
        #expect(all.contains { $0.tenant == "acme" })
        let acme = engine.snapshot(SnapshotQuery(tenant: "acme"), now: burst + TestTime.minutes(2)).alerts
        #expect(!acme.isEmpty && acme.allSatisfy { $0.tenant == "acme" })
        #expect(engine.snapshot(SnapshotQuery(tenant: "globex"), now: burst + TestTime.minutes(2)).alerts.isEmpty)
    }
}
