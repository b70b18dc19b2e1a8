import FlowCore
@testable import FlowNotify
import Testing

/// The shared wording and times, and the JSON writer the payloads use.
@Suite struct NotificationTextTests {
    @Test func titlesFollowAlertmanagersDefaultSubject() {
        #expect(NotificationText.title(firingBatch(fiftyTenants)) == "[FIRING:50] ErrorBudgetBurn ai_request_success")
        #expect(NotificationText.title(firingBatch([burn()], reason: .resolved)) == "[RESOLVED] ErrorBudgetBurn ai_request_success")
        #expect(NotificationText.title(firingBatch([burn()], groupKey: "")) == "[FIRING:1] all alerts")
    }

    @Test func timesAreUTCInEachFormat() {
        #expect(NotificationText.rfc3339(t0 + 1_234) == "2026-11-25T10:00:01.234Z")
        #expect(NotificationText.rfc3339(0) == "1970-01-01T00:00:00.000Z")
        #expect(NotificationText.rfc5322(t0) == "Wed, 25 Nov 2026 10:00:00 +0000")
        #expect(NotificationText.rfc5322(0) == "Thu, 1 Jan 1970 00:00:00 +0000")
        #expect(NotificationText.readable(t0 + 90 * second) == "2026-11-25 10:01 UTC")
    }

    @Test func theSummaryFallsBackToTheDescriptionThenTheLabels() {
        var book = AlertBook()
        book.evaluate([AlertObservation(labels: AlertLabels(["alertname": "A"]), annotations: ["description": "d"], holds: true),
                       AlertObservation(labels: AlertLabels(["alertname": "B"]), holds: true)], at: t0)
        #expect(book.alerts.map(NotificationText.summary).sorted() == ["d", "{alertname=\"B\"}"])
    }
}
