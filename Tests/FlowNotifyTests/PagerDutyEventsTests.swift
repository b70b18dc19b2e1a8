import FlowCore
@testable import FlowNotify
import Testing

/// PagerDuty Events API v2: trigger, acknowledge and resolve of one incident per group.
@Suite struct PagerDutyEventsTests {
    let pagerDuty = PagerDutyEvents(routingKey: Secret("R0UT1NGK3Y0123456789abcdef012345"))
    let key = "alertname=ErrorBudgetBurn,slo=ai_request_success"

    @Test func aFiringBatchTriggersWithEveryField() throws {
        let message = pagerDuty.message(for: firingBatch([burn(tenant: "acme"), burn(tenant: "globex")]))
        #expect(try request(message).url == "https://events.pagerduty.com/v2/enqueue")
        let event = try jsonObject(message)
        #expect(event["routing_key"] as? String == "R0UT1NGK3Y0123456789abcdef012345")
        #expect(event["event_action"] as? String == "trigger")
        #expect(event["dedup_key"] as? String == PagerDutyEvents.dedupKey(groupKey: key))
        #expect(event["client"] as? String == "flowtop")
        let payload = try #require(event["payload"] as? [String: Any])
        // The first alert in the engine's order (same severity and start: by fingerprint).
        #expect((payload["summary"] as? String)?.hasPrefix("[FIRING:2] ErrorBudgetBurn ai_request_success: "
                                                            + "ai_request_success (") == true)
        #expect(payload["source"] as? String == "flowtop")
        #expect(payload["severity"] as? String == "critical")
        #expect(payload["timestamp"] as? String == "2026-11-25T10:00:00.000Z")
        #expect(payload["component"] as? String == "ai_request_success")
        #expect(payload["group"] as? String == key)
        #expect(payload["class"] as? String == "ErrorBudgetBurn")
        let details = try #require(payload["custom_details"] as? [String: Any])
        #expect(details["firing"] as? Int == 2)
        #expect((details["alerts"] as? [[String: Any]])?.count == 2)
    }

    @Test func theDedupKeyIsStableAndTheSameForTriggerAcknowledgeAndResolve() throws {
        let dedup = PagerDutyEvents.dedupKey(groupKey: key)
        #expect(dedup.hasPrefix("flowtop-"))
        #expect(dedup.count == "flowtop-".count + 16)
        #expect(dedup == PagerDutyEvents.dedupKey(groupKey: key))
        #expect(dedup != PagerDutyEvents.dedupKey(groupKey: "alertname=AICostHigh"))
        let batch = firingBatch([burn()])
        let acknowledge = try jsonObject(pagerDuty.message(for: GroupAcknowledgement(groupKey: key, alerts: batch.alerts, at: t0)))
        let resolve = try jsonObject(pagerDuty.message(for: firingBatch([burn()], reason: .resolved)))
        #expect([acknowledge, resolve].map { $0["dedup_key"] as? String } == [dedup, dedup])
        #expect([acknowledge, resolve].map { $0["event_action"] as? String } == ["acknowledge", "resolve"])
    }

    @Test func acknowledgeAndResolveCarryNoPayload() throws {
        let resolve = try jsonObject(pagerDuty.message(for: firingBatch([burn()], reason: .resolved)))
        #expect(Set(resolve.keys) == ["routing_key", "event_action", "dedup_key"])
    }

    @Test func aRepeatTriggersAgain() throws {
        let event = try jsonObject(pagerDuty.message(for: firingBatch([burn()], reason: .repeating)))
        #expect(event["event_action"] as? String == "trigger")
    }

    @Test func severitiesMapToPagerDutysWords() {
        #expect(PagerDutyEvents.severity("page") == "critical")
        #expect(PagerDutyEvents.severity("ticket") == "warning")
        #expect(PagerDutyEvents.severity("info") == "info")
        #expect(PagerDutyEvents.severity("sev2") == "error")
        #expect(PagerDutyEvents.severity(nil) == "error")
    }

    @Test func theMostUrgentAlertSetsTheSeverity() throws {
        let event = try jsonObject(pagerDuty.message(for: firingBatch([burn(severity: "ticket"), burn(severity: "page")])))
        #expect((event["payload"] as? [String: Any])?["severity"] as? String == "critical")
    }

    @Test func theSummaryIsAtMost1024Characters() throws {
        var book = AlertBook()
        book.evaluate([AlertObservation(labels: AlertLabels(["alertname": "X"]),
                                        annotations: ["summary": String(repeating: "long ", count: 400)], holds: true)],
                      at: t0)
        let batch = NotificationBatch(groupKey: "alertname=X", alerts: book.alerts, reason: .firing, at: t0)
        let summary = try #require((jsonObject(pagerDuty.message(for: batch))["payload"] as? [String: Any])?["summary"] as? String)
        #expect(summary.count == 1024)
        #expect(summary.hasSuffix("…"))
    }

    @Test func theURLCanBeChanged() throws {
        let eu = PagerDutyEvents(routingKey: Secret("k"), url: "https://events.eu.pagerduty.com/v2/enqueue")
        #expect(try request(eu.message(for: firingBatch([burn()]))).url == "https://events.eu.pagerduty.com/v2/enqueue")
    }
}
