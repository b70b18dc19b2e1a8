import FlowCore
import FlowNotify

/// What `--remote-write` and its flags resolve to (docs/fleet.md): where to send, with
/// which token and labels, how often to sample, how long queued samples stay worth
/// sending, and how many samples go in one request. Checked before anything starts, so a
/// bad URL, label or token file stops start-up with a sentence, never a crash.
///
/// ```swift
/// let config = try RemoteWriteConfiguration(url: "http://127.0.0.1:9090/api/v1/write", tokenFile: nil,
///                                           instance: "web-1", externalLabels: ["region=eu"])
/// config.intervalMillis   // 15_000
/// ```
public struct RemoteWriteConfiguration: Sendable {
    public var url: String
    public var token: Secret?
    /// `--remote-write-header Name=Value`, sent with every request (`X-Scope-OrgID` for a
    /// multi-tenant Mimir, `THANOS-TENANT` for Thanos Receive), as Prometheus' `headers:`.
    public var headers: [(String, String)] = []
    public var labels: SeriesLabels
    /// Between two samplings of every series (`--remote-write-interval`, default 15 s).
    public var intervalMillis: Int64
    /// Queued samples older than this are dropped unsent (`--remote-write-retention`,
    /// default 6 h).
    public var retentionMillis: Int64
    /// Samples in one request at most (Prometheus' `max_samples_per_send` is 2,000 too).
    public var maxSamplesPerSend = 2_000
    public var userAgent = "flowtop-remote-write/1"

    public static let defaultIntervalMillis: Int64 = 15_000
    public static let defaultRetentionMillis: Int64 = 6 * 3_600_000

    public init(url: String, tokenFile: String?, instance: String, externalLabels: [String], extraHeaders: [String] = [],
                intervalMillis: Int64 = defaultIntervalMillis,
                retentionMillis: Int64 = defaultRetentionMillis) throws(UserFacingError) {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
              url.count > (lower.hasPrefix("https://") ? 8 : 7) else {
            throw UserFacingError("--remote-write must be an http:// or https:// URL such as "
                                  + "http://127.0.0.1:9090/api/v1/write, not '\(RemoteWriteConfiguration.shown(url))'")
        }
        guard intervalMillis >= 1_000, intervalMillis <= 3_600_000 else {
            throw UserFacingError("--remote-write-interval must be from 1s to 1h")
        }
        guard retentionMillis >= intervalMillis, retentionMillis <= 30 * 86_400_000 else {
            throw UserFacingError("--remote-write-retention must be at least the interval and at most 30d")
        }
        self.url = url
        self.intervalMillis = intervalMillis
        self.retentionMillis = retentionMillis
        var external: [(String, String)] = []
        for text in externalLabels { external.append(try SeriesLabels.parseExternal(text)) }
        labels = try SeriesLabels(instance: instance, external: external)
        for text in extraHeaders { headers.append(try Self.header(text)) }
        if let tokenFile {
            do {
                token = try SecretSource(.file(tokenFile), origin: "--remote-write-token-file").read()
            } catch {
                throw UserFacingError(error.description)
            }
        }
    }

    /// Headers the protocol or the token set, which Prometheus refuses to let a user
    /// replace either.
    static let reservedHeaders: Set<String> = [
        "authorization", "content-encoding", "content-type", "content-length", "host", "user-agent",
        "x-prometheus-remote-write-version",
    ]

    /// `Name=Value` of `--remote-write-header`: a token name (RFC 9110), not one the protocol
    /// sets, and a value without control characters.
    static func header(_ text: String) throws(UserFacingError) -> (String, String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw UserFacingError("--remote-write-header must be Name=Value, such as X-Scope-OrgID=tenant-1")
        }
        let name = String(text[..<equals]), value = String(text[text.index(after: equals)...])
        let token = Set("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        guard name.allSatisfy(token.contains) else {
            throw UserFacingError("--remote-write-header: '\(name)' is not a header name")
        }
        guard !reservedHeaders.contains(name.lowercased()) else {
            throw UserFacingError("--remote-write-header cannot set \(name): the protocol sets it"
                                  + (name.lowercased() == "authorization" ? " (use --remote-write-token-file)" : ""))
        }
        guard value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
            throw UserFacingError("--remote-write-header \(name): the value holds a control character")
        }
        return (name, value)
    }

    /// The URL without credentials, path or query, for logs, `/metrics` and the status view.
    public var endpoint: String { Self.shown(url) }

    static func shown(_ url: String) -> String {
        guard let start = url.range(of: "://") else { return String(url.prefix(40)) }
        var authority = url[start.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let path = url[start.upperBound...].dropFirst(url[start.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }.count)
            .prefix { $0 != "?" && $0 != "#" }
        return String(url[..<start.upperBound] + authority + path)
    }
}
