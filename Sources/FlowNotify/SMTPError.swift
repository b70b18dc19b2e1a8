/// Why an e-mail did not go out, naming the step and, where there is one, the server's own
/// reply code and text, so the status view says what to fix ("SMTP 535 after AUTH: 5.7.8
/// Authentication credentials invalid"). Never holds the password or the message.
///
/// `outcome` sorts them for the retry policy: a 4xx reply, a lost connection and a timeout
/// may pass; a 5xx reply or a setting the server cannot meet will not.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection to the server (refused, unreachable, connect timeout).
    case connect(host: String, port: Int, reason: String)
    /// The server did not answer a step in time.
    case timeout(step: String)
    /// The server closed the connection while we waited for the reply to a step.
    case closed(step: String)
    /// The server answered a step with a code we did not ask for.
    case rejected(step: String, reply: SMTPReply)
    /// The reply bytes were not SMTP.
    case malformedReply(String)
    /// `tls: .always` but the server's EHLO did not offer STARTTLS.
    case startTLSNotOffered
    /// Credentials are configured but the connection is not encrypted: refused before the
    /// password would cross the network in clear.
    case credentialsNeedTLS
    /// The server offers no AUTH mechanism we speak (PLAIN, LOGIN).
    case noSupportedAuthMechanism(offered: String)
    /// The TLS handshake or certificate check failed.
    case tls(String)
    /// A sender or recipient address with characters SMTP cannot carry (CR, LF, <, >).
    case invalidAddress(String)

    public var description: String {
        switch self {
        case .connect(let host, let port, let reason): "could not connect to SMTP server \(host):\(port): \(reason)"
        case .timeout(let step): "SMTP server did not answer \(step) in time"
        case .closed(let step): "SMTP server closed the connection during \(step)"
        case .rejected(let step, let reply): "SMTP \(reply) (after \(step))"
        case .malformedReply(let why): "SMTP server sent a malformed reply: \(why)"
        case .startTLSNotOffered: "SMTP server does not offer STARTTLS, and TLS is required"
        case .credentialsNeedTLS: "SMTP credentials are set but the connection is not encrypted; not sending them"
        case .noSupportedAuthMechanism(let offered):
            "SMTP server offers no AUTH mechanism flowtop speaks (PLAIN, LOGIN); it offers: \(offered.isEmpty ? "none" : offered)"
        case .tls(let why): "SMTP TLS failed: \(why)"
        case .invalidAddress(let address): "not a usable e-mail address: \(address.debugDescription)"
        }
    }

    /// Transient troubles (4xx, lost connections, timeouts, TLS) are retried; 5xx replies
    /// and settings the server cannot meet are not.
    public var outcome: DeliveryOutcome {
        let failure = DeliveryFailure(description)
        switch self {
        case .rejected(_, let reply):
            return (400..<500).contains(reply.code) ? .retryable(failure) : .permanent(failure)
        case .connect, .timeout, .closed, .tls:
            return .retryable(failure)
        case .malformedReply, .startTLSNotOffered, .credentialsNeedTLS, .noSupportedAuthMechanism, .invalidAddress:
            return .permanent(failure)
        }
    }
}
