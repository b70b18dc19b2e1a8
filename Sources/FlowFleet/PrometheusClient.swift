import AsyncHTTPClient
import FlowCore
import Foundation
import NIOCore
import NIOHTTP1

/// Instant queries against a Prometheus-compatible API (`PrometheusEndpoint`).
///
/// Why POST with a form body: the fleet's queries are long, and every compatible API takes
/// `/api/v1/query` as a form POST as well as a GET. Each query has a deadline
/// (`timeoutSeconds`), so a hung server gives an error, not a hung report or status line.
///
/// ```swift
/// let client = PrometheusClient(endpoint: endpoint)
/// let up = try await client.query("up", at: nil)   // [PromSample]
/// ```
public struct PrometheusClient: Sendable {
    public let endpoint: PrometheusEndpoint
    public var timeoutSeconds: Int64

    public init(endpoint: PrometheusEndpoint, timeoutSeconds: Int64 = 10) {
        self.endpoint = endpoint
        self.timeoutSeconds = timeoutSeconds
    }

    /// The vector `promql` evaluates to at `at` (the server's now when nil).
    public func query(_ promql: String, at: EpochMillis?) async throws(UserFacingError) -> [PromSample] {
        var form = "query=" + Self.formEncoded(promql)
        if let at { form += "&time=" + Self.seconds(at) }
        return try PromQLVector.samples(try await post(endpoint.queryURL, form: form), query: promql)
    }

    /// The matrix `promql` evaluates to at every `step` from `start` to `end`.
    public func queryRange(_ promql: String, start: EpochMillis, end: EpochMillis, stepMillis: EpochMillis)
        async throws(UserFacingError) -> [PromRangeSeries] {
        let form = "query=" + Self.formEncoded(promql) + "&start=" + Self.seconds(start) + "&end=" + Self.seconds(end)
            + "&step=" + Self.seconds(stepMillis)
        return try PromQLVector.matrix(try await post(endpoint.queryRangeURL, form: form), query: promql)
    }

    /// POSTs `form` to `url`; the body of an answer the API gives as JSON (a bad query's
    /// 400 or 422 included, whose error the caller reads), an error for anything else.
    private func post(_ url: String, form: String) async throws(UserFacingError) -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        for (name, value) in endpoint.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: form))
        let where_ = endpoint.base
        let status: HTTPResponseStatus
        let body: [UInt8]
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeoutSeconds))
            status = response.status
            body = Array(buffer: try await response.body.collect(upTo: 64 << 20))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw UserFacingError("no answer from \(where_) within \(timeoutSeconds) s")
        } catch {
            let text = "\(error)"
            if text.contains("Connection refused") {
                throw UserFacingError("nothing answers at \(where_) (connection refused): is Prometheus running there?")
            }
            throw UserFacingError("cannot query \(where_): \(text)")
        }
        // Prometheus answers a bad query with 400 or 422 and a JSON error: the caller reads it.
        if status.code == 200 || ([400, 422, 503].contains(status.code) && body.first == UInt8(ascii: "{")) {
            return body
        }
        switch status.code {
        case 401, 403:
            throw UserFacingError(endpoint.token == nil
                ? "\(where_) wants credentials (\(status.code)): give --token-file (and --org-id for Mimir)"
                : "\(where_) refused the token of --token-file (\(status.code))")
        case 404:
            throw UserFacingError("\(where_) has no query API at \(url.dropFirst(where_.count)) (404): is the path prefix "
                + "right? (Mimir: http://HOST:PORT/prometheus)")
        default:
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw UserFacingError("\(where_) answered \(status.code)\(text.isEmpty ? "" : ": \(text)")")
        }
    }

    /// `application/x-www-form-urlencoded`: unreserved characters as they are, the rest
    /// percent-encoded (a space as `%20`, which every server reads).
    static func formEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Unix seconds with milliseconds, as the API takes `time`.
    static func seconds(_ t: EpochMillis) -> String {
        let whole = t >= 0 ? t / 1000 : -((-t + 999) / 1000)
        let millis = t - whole * 1000
        return "\(whole).\(String(repeating: "0", count: 3 - String(millis).count))\(millis)"
    }
}
