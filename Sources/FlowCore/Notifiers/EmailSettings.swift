/// E-mail over SMTP; `Credential` holds the password, as in `SlackSettings` (a
/// `SecretSource` from the notify file, a `Secret` once read).
///
/// ```swift
/// let file = EmailSettings<SecretSource>(smtpHost: "smtp.example.com", from: "flowtop@example.com",
///                                        to: ["oncall@example.com"], username: "flowtop",
///                                        password: SecretSource(.environment("SMTP_PASSWORD"), origin: "notify.yaml:9:3: email.password_env"))
/// file.smtpPort         // 587: a login, so the submission port
/// file.allowsPlaintext  // false: `starttls: auto` to another host
/// ```
public struct EmailSettings<Credential: Sendable & Equatable>: Sendable, Equatable {
    public var smtpHost: String
    public var smtpPort: Int
    public var from: String
    public var to: [String]
    /// With `password`, for SMTP AUTH (only ever over TLS).
    public var username: String?
    public var password: Credential?
    public var startTLS: SMTPStartTLS
    /// Only alerts with these `severity` labels; nil: all.
    public var severities: Set<String>?

    /// `smtpPort` nil: `defaultPort(authenticating: username != nil)`.
    public init(smtpHost: String, smtpPort: Int? = nil, from: String, to: [String], username: String? = nil,
                password: Credential? = nil, startTLS: SMTPStartTLS = .auto,
                severities: Set<String>? = nil) {
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort ?? Self.defaultPort(authenticating: username != nil)
        self.from = from
        self.to = to
        self.username = username
        self.password = password
        self.startTLS = startTLS
        self.severities = severities
    }

    /// 587 (submission) when logging in, 25 (a relay, often the local MTA) otherwise.
    public static func defaultPort(authenticating: Bool) -> Int { authenticating ? 587 : 25 }

    /// Whether the SMTP client may go on in plain text when the server offers no
    /// STARTTLS: with `never` always, with `auto` only to this machine
    /// (`localhost`, `127.0.0.1`, `::1`), with `always` never.
    public var allowsPlaintext: Bool {
        switch startTLS {
        case .never: true
        case .auto: Self.isLoopback(smtpHost)
        case .always: false
        }
    }

    /// `localhost`, `127.0.0.1` or `::1` (any case, brackets or not): this machine.
    public static func isLoopback(_ host: String) -> Bool {
        ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased())
    }

    /// The same settings with the password replaced by `read(password)`; no password,
    /// nothing read.
    public func mapCredential<Read, Failure: Error>(_ read: (Credential) throws(Failure) -> Read)
        throws(Failure) -> EmailSettings<Read> {
        EmailSettings<Read>(smtpHost: smtpHost, smtpPort: smtpPort, from: from, to: to, username: username,
                            password: try password.map(read), startTLS: startTLS, severities: severities)
    }
}

/// When the e-mail notifier's SMTP client upgrades to TLS (`starttls:` in the notify file).
public enum SMTPStartTLS: String, Sendable, Equatable, CaseIterable {
    /// STARTTLS whenever the server offers it; plain text only to this machine.
    case auto
    /// STARTTLS or nothing: a server that does not offer it is an error.
    case always
    /// Never STARTTLS (a relay on a trusted network that cannot do TLS); no login.
    case never
}
