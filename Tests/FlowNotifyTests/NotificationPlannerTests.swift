import FlowCore
import FlowNotify
import Testing

/// Grouping and timing, on hand-written timelines with Alertmanager's defaults: group_wait
/// 30s, group_interval 5m, repeat_interval 4h, group_by alertname and slo. The engine
/// evaluates once a minute; the planner is asked every 10 seconds, as the app does.
@Suite struct NotificationPlannerTests {
    /// Every batch from `start` to `end`, the planner asked every `step`, the alerts
    /// evaluated each minute from `observe`.
    static func run(_ planner: inout NotificationPlanner, _ timeline: inout AlertTimeline, from start: EpochMillis,
                    to end: EpochMillis, step: EpochMillis = 10 * second,
                    observe: (EpochMillis) -> [AlertObservation]) -> [NotificationBatch] {
        var batches: [NotificationBatch] = []
        var t = start
        while t <= end {
            if (t - t0) % minute == 0 { _ = timeline.evaluate(observe(t), at: t) }
            batches += planner.plan(timeline.listed, at: t).batches
            t += step
        }
        return batches
    }

    @Test func fiftySeriesOfOneIncidentAreOneMessage() {
        var planner = NotificationPlanner()
        var timeline = AlertTimeline()
        let batches = Self.run(&planner, &timeline, from: t0, to: t0 + 3 * hour) { _ in fiftyTenants }
        #expect(batches.count == 1)
        #expect(batches.first?.alerts.count == 50)
        #expect(batches.first?.reason == .firing)
        #expect(batches.first?.at == t0 + 30 * second)
        #expect(batches.first?.groupKey == "alertname=ErrorBudgetBurn,slo=ai_request_success")
    }

    @Test func alertsArrivingWithinGroupWaitShareTheFirstMessage() {
        var planner = NotificationPlanner(route: NotificationRoute(groupWait: 90 * second))
        var timeline = AlertTimeline()
        let batches = Self.run(&planner, &timeline, from: t0, to: t0 + 10 * minute) { t in
            t == t0 ? Array(fiftyTenants.prefix(10)) : fiftyTenants
        }
        #expect(batches.map(\.alerts.count) == [50])
        #expect(batches.map(\.at) == [t0 + 90 * second])
    }

    @Test func anUnchangedGroupRepeatsAfterFourHoursNotBefore() {
        var planner = NotificationPlanner()
        var timeline = AlertTimeline()
        let batches = Self.run(&planner, &timeline, from: t0, to: t0 + 9 * hour) { _ in fiftyTenants }
        #expect(batches.map(\.reason) == [.firing, .repeating, .repeating])
        #expect(batches.map(\.at) == [t0 + 30 * second, t0 + 30 * second + 4 * hour, t0 + 30 * second + 8 * hour])
        #expect(batches.allSatisfy { $0.alerts.count == 50 })
    }

    @Test func aResolvedGroupSendsOneResolvedMessageThenIsForgotten() {
        var planner = NotificationPlanner()
        var timeline = AlertTimeline()
        let batches = Self.run(&planner, &timeline, from: t0, to: t0 + 2 * hour) { t in
            t < t0 + 20 * minute ? fiftyTenants : []
        }
        #expect(batches.map(\.reason) == [.firing, .resolved])
        let resolved = batches.last
        #expect(resolved?.at == t0 + 20 * minute)
        #expect(resolved?.alerts.count == 50)
        #expect(resolved?.alerts.allSatisfy { $0.state == .resolved && $0.resolvedAt == t0 + 20 * minute } == true)
        #expect(planner.groupCount == 0)
    }

    @Test func resolutionWaitsForGroupIntervalAfterTheLastMessage() {
        var planner = NotificationPlanner()
        var timeline = AlertTimeline()
        let batches = Self.run(&planner, &timeline, from: t0, to: t0 + hour) { t in t < t0 + 2 * minute ? [burn()] : [] }
        #expect(batches.map(\.reason) == [.firing, .resolved])
        #expect(batches.map(\.at) == [t0 + 30 * second, t0 + 30 * second + 5 * minute])
    }

    @Test func anAlertGoneBeforeGroupWaitSendsNothing() {
        var planner = NotificationPlanner(route: NotificationRoute(groupWait: 2 * minute))
        var timeline = AlertTimeline()
        let batches = Self.run(&planner, &timeline, from: t0, to: t0 + hour) { t in t == t0 ? [burn()] : [] }
        #expect(batches.isEmpty)
        #expect(planner.groupCount == 0)
    }

    @Test func aNewAlertInAnAnnouncedGroupWaitsForGroupInterval() {
        var planner = NotificationPlanner()
        var timeline = AlertTimeline()
        let batches = Self.run(&planner, &timeline, from: t0, to: t0 + hour) { t in
            t < t0 + 2 * minute ? [burn(tenant: "acme")] : [burn(tenant: "acme"), burn(tenant: "globex")]
        }
        #expect(batches.map(\.reason) == [.firing, .firing])
        #expect(batches.map(\.at) == [t0 + 30 * second, t0 + 30 * second + 5 * minute])
        #expect(batches.last?.alerts.compactMap { $0.labels["tenant"] }.sorted() == ["acme", "globex"])
    }

    @Test func aPartialResolutionIsNotAnnouncedOnItsOwn() {
        var planner = NotificationPlanner()
        var timeline = AlertTimeline()
        let batches = Self.run(&planner, &timeline, from: t0, to: t0 + 5 * hour) { t in
            t < t0 + 10 * minute ? [burn(tenant: "acme"), burn(tenant: "globex")] : [burn(tenant: "acme")]
        }
        #expect(batches.map(\.reason) == [.firing, .repeating])
        #expect(batches.last?.alerts.compactMap { $0.labels["tenant"] } == ["acme"])
    }

    @Test func pendingAlertsAreNotSentUntilTheyFire() {
        var planner = NotificationPlanner()
        var timeline = AlertTimeline()
        let batches = Self.run(&planner, &timeline, from: t0, to: t0 + 30 * minute) { _ in [burn(forMillis: 10 * minute)] }
        #expect(batches.map(\.at) == [t0 + 10 * minute + 30 * second])
    }

    @Test func silencedAcknowledgedAndInhibitedAlertsAreNotSent() {
        var planner = NotificationPlanner(route: NotificationRoute(groupBy: [NotificationRoute.everyLabel]))
        var timeline = AlertTimeline()
        let silenced = burn(tenant: "silenced"), acknowledged = burn(tenant: "acked"), inhibited = burn(tenant: "inhibited")
        timeline.silenced = [silenced.labels.fingerprint]
        timeline.inhibited = [inhibited.labels.fingerprint]
        _ = timeline.evaluate([silenced, acknowledged, inhibited, burn(tenant: "loud")], at: t0)
        timeline.acknowledge(acknowledged, at: t0)
        let batches = planner.plan(timeline.listed, at: t0).batches + planner.plan(timeline.listed, at: t0 + minute).batches
        #expect(batches.flatMap(\.alerts).compactMap { $0.labels["tenant"] } == ["loud"])
    }

    @Test func aMutedGroupStopsRepeatingButStillResolves() {
        var planner = NotificationPlanner()
        var timeline = AlertTimeline()
        let alert = burn()
        var batches = Self.run(&planner, &timeline, from: t0, to: t0 + 50 * second) { _ in [alert] }
        timeline.silenced = [alert.labels.fingerprint]
        batches += Self.run(&planner, &timeline, from: t0 + minute, to: t0 + 10 * hour) { t in
            t < t0 + 9 * hour ? [alert] : []
        }
        #expect(batches.map(\.reason) == [.firing, .resolved])
        #expect(batches.last?.at == t0 + 9 * hour)
    }

    @Test func aGroupAllAcknowledgedIsAcknowledgedOnce() {
        var planner = NotificationPlanner()
        var timeline = AlertTimeline()
        let a = burn(tenant: "a"), b = burn(tenant: "b")
        _ = timeline.evaluate([a, b], at: t0)
        #expect(planner.plan(timeline.listed, at: t0).batches.isEmpty)
        #expect(planner.plan(timeline.listed, at: t0 + 30 * second).batches.count == 1)
        timeline.acknowledge(a, at: t0 + minute)
        #expect(planner.plan(timeline.listed, at: t0 + minute).acknowledgements.isEmpty)
        timeline.acknowledge(b, at: t0 + 2 * minute)
        let plan = planner.plan(timeline.listed, at: t0 + 2 * minute)
        #expect(plan.acknowledgements.map(\.groupKey) == ["alertname=ErrorBudgetBurn,slo=ai_request_success"])
        #expect(plan.acknowledgements.first?.alerts.count == 2)
        #expect(planner.plan(timeline.listed, at: t0 + 3 * minute).acknowledgements.isEmpty)
        // Resolution is still announced, so PagerDuty resolves the acknowledged incident.
        _ = timeline.evaluate([], at: t0 + 10 * minute)
        #expect(planner.plan(timeline.listed, at: t0 + 10 * minute).batches.map(\.reason) == [.resolved])
    }

    @Test func groupsFollowTheGroupByLabelsInKeyOrder() {
        var planner = NotificationPlanner(route: NotificationRoute(groupWait: 0))
        var timeline = AlertTimeline()
        _ = timeline.evaluate([burn(slo: "checkout_latency"), burn(tenant: "x"), burn(tenant: "y"), threshold()], at: t0)
        let batches = planner.plan(timeline.listed, at: t0).batches
        #expect(batches.map(\.groupKey) == [
            "alertname=AICostHigh", "alertname=ErrorBudgetBurn,slo=ai_request_success",
            "alertname=ErrorBudgetBurn,slo=checkout_latency",
        ])
        #expect(batches.map(\.alerts.count) == [1, 2, 1])
    }

    @Test func severitiesLimitWhatANotifierPlans() {
        var planner = NotificationPlanner(route: NotificationRoute(groupWait: 0), severities: ["page"])
        var timeline = AlertTimeline()
        _ = timeline.evaluate([burn(severity: "page"), burn(severity: "ticket"), threshold()], at: t0)
        let batches = planner.plan(timeline.listed, at: t0).batches
        #expect(batches.flatMap(\.alerts).map(\.severity) == ["page"])
    }

    @Test func groupsPastTheLimitAreRefusedAndCounted() {
        var planner = NotificationPlanner(route: NotificationRoute(groupWait: 0), maxGroups: 2)
        var timeline = AlertTimeline()
        _ = timeline.evaluate(["a", "b", "c"].map { burn(slo: $0) }, at: t0)
        let plan = planner.plan(timeline.listed, at: t0)
        #expect(plan.batches.count == 2)
        #expect(planner.refusedGroups == 1)
        #expect(planner.groupCount == 2)
    }

    @Test func batchesReadTheirGroupLabelsBack() {
        let batch = NotificationBatch(groupKey: "alertname=ErrorBudgetBurn,slo=a,b=c", alerts: [], reason: .firing, at: t0)
        #expect(batch.groupLabels.map(\.name) == ["alertname", "slo", "b"])
        var book = AlertBook()
        book.evaluate([AlertObservation(labels: AlertLabels(["alertname": "X", "team": "a,b=c"]), holds: true)], at: t0)
        let tricky = NotificationBatch(groupKey: "alertname=X,team=a,b=c", alerts: book.alerts, reason: .firing, at: t0)
        #expect(tricky.groupLabels.map(\.value) == ["X", "a,b=c"])
    }
}
