import FlowCore
import FlowNotify
import Foundation
import Testing

/// 2026-11-25T10:00:00Z, a Wednesday.
let t0: EpochMillis = 1_795_600_800_000
let second: EpochMillis = 1_000
let minute: EpochMillis = 60_000
let hour: EpochMillis = 3_600_000

/// A burn-rate alert as the engine raises it: `ErrorBudgetBurn` for `slo`, one series
/// (`tenant`) when given.
func burn(slo: String = "ai_request_success", severity: String = "page", tenant: String? = nil,
          forMillis: EpochMillis = 0) -> AlertObservation {
    var labels = ["alertname": "ErrorBudgetBurn", "slo": slo, "severity": severity,
                  "long_window": severity == "page" ? "1h" : "6h", "short_window": severity == "page" ? "5m" : "30m"]
    if let tenant { labels["tenant"] = tenant }
    return AlertObservation(labels: AlertLabels(labels),
                            annotations: ["summary": "\(slo) (\(tenant ?? "all")) burns its error budget at 20x"],
                            holds: true, value: 20, forMillis: forMillis)
}

/// A threshold alert from a rules file.
func threshold(_ name: String = "AICostHigh", severity: String = "ticket") -> AlertObservation {
    AlertObservation(labels: AlertLabels(["alertname": name, "severity": severity]),
                     annotations: ["summary": "AI spend above $50 an hour", "runbook_url": "https://runbooks.example.com/ai-cost"],
                     holds: true, value: 61.5)
}

/// The engine's side of a timeline: an alert book evaluated by hand, listed as the
/// notifiers get it, with silences and inhibitions given per alert.
struct AlertTimeline {
    var book = AlertBook()
    var silenced: Set<String> = []
    var inhibited: Set<String> = []

    mutating func evaluate(_ observations: [AlertObservation], at t: EpochMillis) -> [ListedAlert] {
        book.evaluate(observations, at: t)
        return listed
    }

    var listed: [ListedAlert] {
        book.alerts.map {
            ListedAlert(alert: $0, silencedBy: silenced.contains($0.fingerprint) ? ["s1"] : [],
                        inhibited: inhibited.contains($0.fingerprint))
        }
    }

    mutating func acknowledge(_ observation: AlertObservation, at t: EpochMillis) {
        book.acknowledge(fingerprint: observation.labels.fingerprint, by: "ana", at: t)
    }
}

/// Fifty series-level alerts of one SLO: one per tenant.
let fiftyTenants = (0..<50).map { burn(tenant: "tenant-\($0)") }

/// A batch of the given alerts, fired through a book at `t0`.
func firingBatch(_ observations: [AlertObservation], reason: NotificationBatch.Reason = .firing,
                 groupKey: String = "alertname=ErrorBudgetBurn,slo=ai_request_success",
                 at: EpochMillis = t0 + 30 * second) -> NotificationBatch {
    var book = AlertBook()
    book.evaluate(observations, at: t0)
    if reason == .resolved { book.evaluate([], at: t0 + 10 * minute) }
    return NotificationBatch(groupKey: groupKey, alerts: book.alerts, reason: reason, at: at)
}

/// The body of an HTTP message as a JSON object (also proving it is valid JSON).
func jsonObject(_ message: OutboundMessage) throws -> [String: Any] {
    guard case .http(let request) = message else { throw FixtureError("expected an HTTP message") }
    guard let object = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else {
        throw FixtureError("the body is not a JSON object")
    }
    return object
}

func request(_ message: OutboundMessage) throws -> OutboundHTTPRequest {
    guard case .http(let request) = message else { throw FixtureError("expected an HTTP message") }
    return request
}

func bodyText(_ message: OutboundMessage) throws -> String {
    String(decoding: try request(message).body, as: UTF8.self)
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
