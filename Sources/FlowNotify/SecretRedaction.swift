import FlowCore
import Foundation

/// Takes a request's credentials out of text that came back from its receiver, before the
/// text becomes a failure summary (shown in the status view, logged).
///
/// Why: a receiver, or a proxy in front of it, may answer an error with the request
/// quoted back ("400 bad request: POST /services/T0/B0/XXXX {\"routing_key\":...}"). The
/// Slack webhook URL is itself the secret, and the PagerDuty routing key rides in the
/// body, so the transport's habit of showing the start of an error body would leak them.
/// Every form a quote may take is replaced by `<redacted>`: the value itself, with `/`
/// escaped as JSON may write it, and for a URL its path and query and each long path
/// segment or query value (the token part of a webhook URL), since a log line often
/// quotes only the path.
///
/// ```swift
/// let redaction = SecretRedaction([Secret("https://hooks.slack.com/services/T0/B0/abcdefghijklmnop")])
/// redaction.redact("404 for POST /services/T0/B0/abcdefghijklmnop")   // "404 for POST <redacted>"
/// ```
struct SecretRedaction: Sendable {
    static let replacement = "<redacted>"
    /// Path segments and query values at least this long are redacted on their own:
    /// webhook tokens are (Slack's 24 characters), while `services` or `T0123ABC` stay readable.
    static let minimumPartLength = 12

    /// What to replace, longest first, so a longer quote is replaced whole.
    private let needles: [String]

    init(_ secrets: [Secret]) {
        var needles: Set<String> = []
        for secret in secrets {
            let value = secret.revealed
            guard !value.isEmpty else { continue }
            needles.insert(value)
            needles.formUnion(Self.urlParts(of: value))
        }
        for needle in needles where needle.contains("/") {
            needles.insert(needle.replacingOccurrences(of: "/", with: "\\/"))
        }
        self.needles = needles.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    var isEmpty: Bool { needles.isEmpty }

    func redact(_ text: String) -> String {
        var text = text
        for needle in needles where text.contains(needle) {
            text = text.replacingOccurrences(of: needle, with: Self.replacement)
        }
        return text
    }

    /// The outcome with its failure summary redacted.
    func redact(_ outcome: DeliveryOutcome) -> DeliveryOutcome {
        switch outcome {
        case .delivered: .delivered
        case .retryable(let failure): .retryable(DeliveryFailure(redact(failure.summary), retryAfter: failure.retryAfter))
        case .permanent(let failure): .permanent(DeliveryFailure(redact(failure.summary), retryAfter: failure.retryAfter))
        }
    }

    /// For a URL with a host: its path with the query, the query, the user's password,
    /// and each long path segment and query value. Nothing for other text.
    private static func urlParts(of text: String) -> [String] {
        guard let components = URLComponents(string: text), components.host != nil else { return [] }
        var parts: [String] = []
        let path = components.percentEncodedPath
        if !path.isEmpty && path != "/" { parts.append(path) }
        if let query = components.percentEncodedQuery, !query.isEmpty {
            parts += [query, path + "?" + query]
            parts += (components.queryItems ?? []).compactMap(\.value).filter { $0.count >= minimumPartLength }
        }
        if let password = components.password, !password.isEmpty { parts.append(password) }
        parts += path.split(separator: "/").map(String.init).filter { $0.count >= minimumPartLength }
        return parts
    }
}
