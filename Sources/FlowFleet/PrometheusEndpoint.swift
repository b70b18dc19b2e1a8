import FlowCore
import Foundation

/// Where a fleet view reads the engines' counters: a Prometheus-compatible query API
/// (Prometheus, Grafana Mimir, VictoriaMetrics, Thanos Query), with what it needs to be
/// let in.
///
/// Why a base URL with a path: Mimir serves the API under a prefix
/// (`http://mimir:8080/prometheus`), VictoriaMetrics' cluster under
/// `/select/0/prometheus`; queries go to `base + "/api/v1/query"`. A tenant of Mimir or
/// Cortex is the `X-Scope-OrgID` header (`orgID`); a bearer token (`--token-file`) covers a
/// Prometheus behind an authenticating proxy and Grafana Cloud.
///
/// ```swift
/// let endpoint = try PrometheusEndpoint(url: "http://127.0.0.1:9090/", token: nil, orgID: nil)
/// endpoint.queryURL   // "http://127.0.0.1:9090/api/v1/query"
/// ```
public struct PrometheusEndpoint: Sendable {
    /// The URL as given, without trailing slashes.
    public let base: String
    public let token: Secret?
    public let orgID: String?

    /// `url`: `http://` or `https://`, a host, an optional path prefix; no query or fragment.
    public init(url: String, token: Secret?, orgID: String?) throws(UserFacingError) {
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let parsed = URLComponents(string: trimmed), ["http", "https"].contains(parsed.scheme ?? ""),
              let host = parsed.host, !host.isEmpty, parsed.query == nil, parsed.fragment == nil else {
            throw UserFacingError(
                "--prometheus wants http://HOST:PORT or https://HOST:PORT, with a path prefix where the API has one "
                    + "(Mimir: http://HOST:PORT/prometheus), not '\(url)'")
        }
        if let orgID, orgID.isEmpty || orgID.contains(where: { $0.isNewline || $0 == "|" }) {
            throw UserFacingError("--org-id must be a Mimir/Cortex tenant id (no '|', no line breaks), not '\(orgID)'")
        }
        base = trimmed
        self.token = token
        self.orgID = orgID
    }

    /// The instant-query endpoint.
    public var queryURL: String { base + "/api/v1/query" }

    /// The range-query endpoint.
    public var queryRangeURL: String { base + "/api/v1/query_range" }

    /// The headers every request carries: the token and the tenant, when given.
    var headers: [(String, String)] {
        var out: [(String, String)] = [("Accept", "application/json")]
        if let token { out.append(("Authorization", "Bearer " + token.revealed)) }
        if let orgID { out.append(("X-Scope-OrgID", orgID)) }
        return out
    }
}
