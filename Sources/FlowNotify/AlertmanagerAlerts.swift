import FlowCore
import FlowFormats

/// Postings (from `AlertmanagerResender`) as Alertmanager API v2 requests:
/// `POST {url}/api/v2/alerts` with a JSON array of alerts, as Prometheus sends them. Each
/// configured Alertmanager gets every post: replicas of a cluster must all hear about
/// every alert, and they de-duplicate the notifications among themselves.
///
/// ```json
/// [{"labels":{"alertname":"ErrorBudgetBurn","long_window":"1h","severity":"page","short_window":"5m","slo":"ai_request_success"},
///   "annotations":{"summary":"ai_request_success (all) burns its error budget at 20x ..."},
///   "startsAt":"2026-11-25T10:02:00.000Z","endsAt":"2026-11-25T10:06:00.000Z",
///   "generatorURL":"http://flowtop.internal:9464/"}]
/// ```
///
/// `endsAt` is always given: for a firing alert it is the lease Alertmanager believes it
/// for (see `AlertmanagerResender`), for a resolved one its resolution. `generatorURL` is
/// the configured `generator_url`, left out when there is none.
public struct AlertmanagerAlerts: Sendable {
    /// Alerts per request; more go in further requests.
    public static let alertsPerRequest = 256

    /// Each Alertmanager's base URL (`http://127.0.0.1:9093`, or with a path prefix
    /// `http://host/alertmanager`).
    public var urls: [String]
    public var generatorURL: String?

    public init(urls: [String], generatorURL: String? = nil) {
        self.urls = urls
        self.generatorURL = generatorURL
    }

    public init(_ configuration: NotifierConfiguration.Alertmanager) {
        self.init(urls: configuration.urls, generatorURL: configuration.generatorURL)
    }

    /// `{url}/api/v2/alerts`, without doubling a trailing `/`.
    public static func endpoint(_ url: String) -> String {
        (url.hasSuffix("/") ? String(url.dropLast()) : url) + "/api/v2/alerts"
    }

    /// One request per Alertmanager per `alertsPerRequest` postings; none for no postings.
    public func messages(for postings: [AlertmanagerPosting]) -> [OutboundMessage] {
        var bodies: [[UInt8]] = []
        var start = 0
        while start < postings.count {
            let chunk = postings[start..<min(start + Self.alertsPerRequest, postings.count)]
            bodies.append(Array(JSONValue.array(chunk.map(json)).rendered(.compact).utf8))
            start += Self.alertsPerRequest
        }
        return urls.flatMap { url in
            bodies.map { OutboundMessage.http(OutboundHTTPRequest(url: Self.endpoint(url), body: $0)) }
        }
    }

    func json(_ posting: AlertmanagerPosting) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("labels", .object(sorted: posting.alert.labels.dictionary)),
            ("annotations", .object(sorted: posting.alert.annotations)),
            ("startsAt", .string(NotificationText.rfc3339(posting.startsAt))),
            ("endsAt", .string(NotificationText.rfc3339(posting.endsAt))),
        ]
        if let generatorURL { fields.append(("generatorURL", .string(generatorURL))) }
        return .object(fields)
    }
}
