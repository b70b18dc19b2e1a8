@testable import FlowCore
import Testing

/// The fingerprint keys the book: the same labels, however built, are one alert, and
/// the value is the same on every run and machine (it becomes PagerDuty's dedup key).
@Suite struct AlertBookFingerprintTests {
    /// FNV-1a 64 over `name 0xff value 0xff` per pair, sorted by name; pinned from an
    /// independent computation (a few lines of Python over the same bytes).
    @Test func aFixedLabelSetHasAPinnedFingerprint() {
        #expect(AlertLabels(["alertname": "AICostHigh", "severity": "ticket"]).fingerprint == "a9ddaf9dd90f1628")
        #expect(AlertLabels([:]).fingerprint == "cbf29ce484222325")   // the FNV-1a offset basis: no bytes
    }

    @Test func labelOrderDoesNotChangeTheFingerprint() {
        let a = AlertLabels(["severity": "ticket", "alertname": "AICostHigh", "slo": "x"])
        let b = AlertLabels(["slo": "x", "alertname": "AICostHigh", "severity": "ticket"])
        let c = AlertLabels(["alertname": "AICostHigh"]).merging(["slo": "x", "severity": "ticket"])
        #expect(a.fingerprint == b.fingerprint && b.fingerprint == c.fingerprint)
    }

    @Test func theSameLabelsBuiltTwoWaysAreOneTrackedAlert() {
        var book = AlertBook()
        let one = AlertObservation(labels: AlertLabels(["alertname": "A", "tenant": "acme"]), holds: true)
        let two = AlertObservation(labels: AlertLabels(["tenant": "acme", "alertname": "A"]), holds: true)
        book.evaluate([one, two], at: 0)
        #expect(book.alerts.count == 1)
    }
}
