import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends the HTTP requests of the Slack, PagerDuty and Alertmanager notifiers, and says what
/// came of each as a `DeliveryOutcome` for the queue's retry policy.
///
/// One `HTTPClient` serves every notifier (its connection pool is shared); it must be shut
/// down before the transport goes away, so prefer `withTransport`, which does that on every
/// path. Redirects are not followed: a webhook that redirects would carry its body (and a
/// PagerDuty routing key in it) to a host nobody configured.
///
/// Nothing here logs: a Slack webhook URL is itself the secret, and AsyncHTTPClient's own
/// trace logging would print it, so its logger stays disabled. Failures come back as
/// summaries with a status code or a connection error, never a URL; the start of an error
/// body is kept for the summary with the request's `secrets` taken out (`SecretRedaction`).
///
/// ```swift
/// try await HTTPTransport.withTransport { http in
///     let outcome = await http.send(OutboundHTTPRequest(url: url, body: json))
/// }
/// ```
public final class HTTPTransport: MessageTransport {
    /// Time allowed to open a connection (TCP and TLS).
    public let connectTimeout: Duration
    /// Time allowed for a whole request, from connecting to the last byte of the response.
    public let totalTimeout: Duration
    private let client: HTTPClient

    /// Response bytes kept for a failure's summary ("invalid_payload", a validation message).
    private static let detailLimit = 1024

    public init(
        connectTimeout: Duration = .seconds(5), totalTimeout: Duration = .seconds(10),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(connectTimeout), read: TimeAmount(totalTimeout)))
        client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
    }

    /// Runs `body` with a new transport and shuts it down afterwards, also when `body` throws.
    public static func withTransport<Result>(
        connectTimeout: Duration = .seconds(5), totalTimeout: Duration = .seconds(10),
        _ body: (HTTPTransport) async throws -> Result
    ) async throws -> Result {
        let transport = HTTPTransport(connectTimeout: connectTimeout, totalTimeout: totalTimeout)
        do {
            let result = try await body(transport)
            try await transport.shutdown()
            return result
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }

    /// Closes the pooled connections. Requests sent afterwards fail (permanently).
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends an HTTP request; e-mail is not this transport's to send.
    public func send(_ message: OutboundMessage) async -> DeliveryOutcome {
        switch message {
        case .http(let request): await send(request)
        case .email: .permanent(DeliveryFailure("an e-mail was queued for an HTTP notifier"))
        }
    }

    /// Sends one request and classifies the answer: 2xx delivered, 429 and 5xx retryable,
    /// other statuses permanent; connection errors and timeouts retryable.
    public func send(_ request: OutboundHTTPRequest) async -> DeliveryOutcome {
        let redaction = SecretRedaction(request.secrets)
        return redaction.redact(await deliver(request, redaction: redaction))
    }

    private func deliver(_ request: OutboundHTTPRequest, redaction: SecretRedaction) async -> DeliveryOutcome {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .init(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        outgoing.body = .bytes(request.body)
        do {
            let response = try await client.execute(outgoing, timeout: TimeAmount(totalTimeout))
            let status = Int(response.status.code)
            let retryAfter = response.headers.first(name: "Retry-After")
            var detail = ""
            if (200..<300).contains(status) {
                _ = try? await response.body.collect(upTo: 1 << 20)
            } else {
                detail = await Self.detail(of: response, redaction: redaction)
            }
            return .http(status: status, retryAfter: retryAfter, detail: detail.isEmpty ? response.status.reasonPhrase : detail)
        } catch {
            return classify(error, endpoint: Self.endpoint(of: request.url))
        }
    }

    /// The start of an error response's body on one line ("invalid_payload", Alertmanager's
    /// validation message), so the status view says what the receiver disliked. The
    /// request's secrets are taken out of all that was kept before it is cut short, so a
    /// quote of one cannot survive in halves.
    private static func detail(of response: HTTPClientResponse, redaction: SecretRedaction) async -> String {
        var kept: [UInt8] = []
        do {
            for try await chunk in response.body where kept.count < detailLimit {
                kept += chunk.readableBytesView.prefix(detailLimit - kept.count)
            }
        } catch {
            // A body cut short still tells what it had so far.
        }
        let text = redaction.redact(String(decoding: kept, as: UTF8.self))
        let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
        return String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(160).map(Character.init))
    }

    /// A connection or protocol error as an outcome. Errors that sending again cannot cure
    /// (a malformed URL, a shut-down client) are permanent; the rest are worth a retry.
    private func classify(_ error: any Error, endpoint: String) -> DeliveryOutcome {
        if let error = error as? HTTPClientError {
            switch error {
            case .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown:
                return .permanent(DeliveryFailure(Self.words(for: error)))
            default:
                let words = Self.words(for: error)
                if words.hasPrefix("HTTPClientError.unsupportedScheme") {
                    return .permanent(DeliveryFailure("the notifier's URL scheme is not http or https"))
                }
                return .retryable(DeliveryFailure(words))
            }
        }
        if let error = error as? NIOConnectionError {
            let cause = error.connectionErrors.first.map { ": \($0.error)" } ?? ""
            return .retryable(DeliveryFailure("could not connect to \(error.host):\(error.port)\(cause)"))
        }
        if let error = error as? NIOSSLError {
            return .retryable(DeliveryFailure("TLS failed: \(error)"))
        }
        if let error = error as? IOError {
            let words = String(cString: strerror(error.errnoCode))
            return .retryable(DeliveryFailure("could not connect to \(endpoint): \(words)"))
        }
        if error is CancellationError {
            return .retryable(DeliveryFailure("cancelled while sending"))
        }
        // Other errors' descriptions are not ours to vouch for: they may quote the URL.
        return .retryable(DeliveryFailure("request failed (\(type(of: error)))"))
    }

    /// "host:port" of a URL, for error messages: the path and query (where a webhook keeps
    /// its secret) and any user:password@ are left out.
    static func endpoint(of url: String) -> String {
        let scheme = url.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        var authority = Substring(url)
        if let start = url.range(of: "://") { authority = url[start.upperBound...] }
        authority = authority.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let hasPort = authority.last != "]" && authority.contains(":")
        return hasPort ? String(authority) : "\(authority):\(scheme == "https" ? 443 : 80)"
    }

    private static func words(for error: HTTPClientError) -> String {
        switch error {
        case .connectTimeout: "connect timed out"
        case .deadlineExceeded, .readTimeout: "no complete response in time"
        case .remoteConnectionClosed: "the receiver closed the connection"
        case .invalidURL, .emptyHost, .emptyScheme: "the notifier's URL is not valid"
        case .alreadyShutdown: "the HTTP client was already shut down"
        case .cancelled: "cancelled while sending"
        default: "\(error)"
        }
    }
}
