import FlowCore
@testable import FlowNotify
import FlowTestKit
import Foundation
import Testing

/// A real SMTP server (`Receivers/smtp_receiver.py`, on aiosmtpd) on a free port of
/// 127.0.0.1, keeping each message it accepts; with `--starttls` it offers STARTTLS with a
/// certificate from a throwaway CA, with `--auth` it wants AUTH over TLS.
@Suite(.enabled(if: smtpReceiverRunnable, "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)"))
struct SMTPIntegrationTests {
    static let message = [
        "From: flowtop <flowtop@example.test>",
        "To: ops@example.test, cfo@example.test",
        "Subject: [FIRING:1] AICostHigh",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "AI cost 12,40 € pro Stunde – über dem Budget. Grüße, 日本語も.",
        ".a line that starts with a dot",
        "..and one with two",
        ".",
        "the line above is a lone dot, which must not end the message",
        "",
    ].joined(separator: "\r\n")

    static let email = OutboundEmail(from: "flowtop@example.test", to: ["ops@example.test", "cfo@example.test"], data: message)

    @Test func aMessageSentInPlainToLocalhostArrivesByteForByte() async throws {
        let server = try await ReceiverProcess.python("smtp_receiver.py")
        defer { server.stop() }
        let smtp = try SMTPClient(configuration: .init(host: "127.0.0.1", port: server.port, tls: .never))
        let queue = DeliveryQueue(notifier: "email", transport: smtp, policy: .fast, clock: ManualClock())
        try await queue.whileRunning {
            queue.enqueue(.email(Self.email))
            try await eventually("the mail to be sent") { queue.status.sent == 1 ? true : nil }
        }
        let received = try Self.received(server)
        #expect(received.data == Array(Self.message.utf8))
        #expect(received.envelope.mail_from == "flowtop@example.test")
        #expect(received.envelope.rcpt_tos == ["ops@example.test", "cfo@example.test"])
        #expect(received.envelope.mail_options.contains("BODY=8BITMIME"))
        #expect(!received.envelope.tls)
    }

    @Test func startTLSIsUsedWhenOfferedAndTheCredentialsGoOnlyOverIt() async throws {
        let server = try await ReceiverProcess.python("smtp_receiver.py", ["--starttls", "--auth", "alerts:s3cret-pw"])
        defer { server.stop() }
        let smtp = try SMTPClient(configuration: .init(
            host: "127.0.0.1", port: server.port, tls: .auto,
            credentials: .init(username: "alerts", password: "s3cret-pw"),
            trustedCAFile: server.directory.appendingPathComponent("ca.pem").path))
        #expect(await smtp.send(Self.email) == .delivered)
        let received = try Self.received(server)
        #expect(received.data == Array(Self.message.utf8))
        #expect(received.envelope.tls)
        #expect(received.envelope.auth)
        let mechanisms = try String(contentsOf: server.directory.appendingPathComponent("auth.log"), encoding: .utf8)
        #expect(mechanisms == "PLAIN\n")
    }

    @Test func authLoginServesAServerWithoutPlain() async throws {
        let server = try await ReceiverProcess.python(
            "smtp_receiver.py", ["--starttls", "--auth", "alerts:s3cret-pw", "--login-only"])
        defer { server.stop() }
        let smtp = try SMTPClient(configuration: .init(
            host: "127.0.0.1", port: server.port, tls: .always,
            credentials: .init(username: "alerts", password: "s3cret-pw"),
            trustedCAFile: server.directory.appendingPathComponent("ca.pem").path))
        #expect(await smtp.send(Self.email) == .delivered)
        #expect(try Self.received(server).envelope.auth)
        let mechanisms = try String(contentsOf: server.directory.appendingPathComponent("auth.log"), encoding: .utf8)
        #expect(mechanisms == "LOGIN\n")
    }

    @Test func wrongCredentialsAreRefusedForGood() async throws {
        let server = try await ReceiverProcess.python("smtp_receiver.py", ["--starttls", "--auth", "alerts:s3cret-pw"])
        defer { server.stop() }
        let smtp = try SMTPClient(configuration: .init(
            host: "127.0.0.1", port: server.port, tls: .always,
            credentials: .init(username: "alerts", password: "wrong-pw"),
            trustedCAFile: server.directory.appendingPathComponent("ca.pem").path))
        let outcome = await smtp.send(Self.email)
        guard case .permanent(let failure) = outcome else {
            Issue.record("expected a permanent failure, got \(outcome)")
            return
        }
        #expect(failure.summary.hasPrefix("SMTP 535"), "\(failure)")
        #expect(failure.summary.hasSuffix("(after AUTH PLAIN)"), "\(failure)")
        #expect(!failure.summary.contains("wrong-pw"))
    }

    @Test func aCertificateFromAnUntrustedCAIsRefusedAndNothingIsSent() async throws {
        let server = try await ReceiverProcess.python("smtp_receiver.py", ["--starttls"])
        defer { server.stop() }
        let smtp = try SMTPClient(configuration: .init(host: "127.0.0.1", port: server.port, tls: .auto))
        let outcome = await smtp.send(Self.email)
        guard case .retryable(let failure) = outcome else {
            Issue.record("expected a retryable TLS failure, got \(outcome)")
            return
        }
        #expect(failure.summary.hasPrefix("SMTP TLS failed"), "\(failure)")
        #expect(!FileManager.default.fileExists(atPath: server.directory.appendingPathComponent("message-0.eml").path))
    }

    @Test func tlsAlwaysRefusesAServerWithoutSTARTTLS() async throws {
        let server = try await ReceiverProcess.python("smtp_receiver.py")
        defer { server.stop() }
        let smtp = try SMTPClient(configuration: .init(host: "127.0.0.1", port: server.port, tls: .always))
        #expect(await smtp.send(Self.email) == SMTPError.startTLSNotOffered.outcome)
        #expect(SMTPError.startTLSNotOffered.outcome == .permanent(DeliveryFailure(SMTPError.startTLSNotOffered.description)))
    }

    @Test func credentialsAreNeverSentOverAPlainConnection() async throws {
        let server = try await ReceiverProcess.python("smtp_receiver.py")
        defer { server.stop() }
        let smtp = try SMTPClient(configuration: .init(
            host: "127.0.0.1", port: server.port, tls: .auto, credentials: .init(username: "alerts", password: "pw")))
        #expect(await smtp.send(Self.email) == SMTPError.credentialsNeedTLS.outcome)
        #expect(!FileManager.default.fileExists(atPath: server.directory.appendingPathComponent("auth.log").path))
    }

    @Test func aRefusedRecipientFailsForGoodWithTheServersReply() async throws {
        let server = try await ReceiverProcess.python("smtp_receiver.py")
        defer { server.stop() }
        let smtp = try SMTPClient(configuration: .init(host: "127.0.0.1", port: server.port, tls: .never))
        var email = Self.email
        email.to = ["ops@example.test", "reject@example.test"]
        let outcome = await smtp.send(email)
        #expect(outcome == .permanent(DeliveryFailure("SMTP 550 5.1.1 no such mailbox here (after RCPT TO:<reject@example.test>)")))
        #expect(!FileManager.default.fileExists(atPath: server.directory.appendingPathComponent("message-0.eml").path))
    }

    @Test func aMomentaryRefusalIsRetriedByTheQueue() async throws {
        let server = try await ReceiverProcess.python("smtp_receiver.py")
        defer { server.stop() }
        let smtp = try SMTPClient(configuration: .init(host: "127.0.0.1", port: server.port, tls: .never))
        var email = Self.email
        email.to = ["tempfail-once@example.test"]
        let queue = DeliveryQueue(notifier: "email", transport: smtp, policy: .fast, clock: ManualClock())
        try await queue.whileRunning {
            queue.enqueue(.email(email))
            try await eventually("the mail to be sent") { queue.status.sent == 1 ? true : nil }
        }
        #expect(queue.status.retries == 1)
        #expect(queue.status.lastError == "SMTP 451 4.3.0 try again in a moment (after RCPT TO:<tempfail-once@example.test>)")
        #expect(try Self.received(server).data == Array(Self.message.utf8))
    }

    @Test func aServerThatIsNotListeningIsWorthARetry() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let smtp = try SMTPClient(configuration: .init(host: "127.0.0.1", port: port, tls: .never))
        let outcome = await smtp.send(Self.email)
        withExtendedLifetime(refusing) {}
        guard case .retryable(let failure) = outcome else {
            Issue.record("expected a retryable failure, got \(outcome)")
            return
        }
        #expect(failure.summary.hasPrefix("could not connect to SMTP server 127.0.0.1:\(port)"), "\(failure)")
    }

    @Test func aServerThatNeverGreetsTimesOut() async throws {
        // The HTTP receiver accepts connections and waits for a request: an SMTP server that hangs.
        let silent = try await ReceiverProcess.python("http_receiver.py")
        defer { silent.stop() }
        let smtp = try SMTPClient(configuration: .init(
            host: "127.0.0.1", port: silent.port, tls: .never, stepTimeout: .milliseconds(300)))
        let started = ContinuousClock.now
        #expect(await smtp.send(Self.email) == SMTPError.timeout(step: "the greeting").outcome)
        #expect(ContinuousClock.now - started < .seconds(90))   // not waiting for good (the pool can be slow under the full suite)
    }

    /// The first message the server kept: its bytes and envelope.
    static func received(_ server: ReceiverProcess) throws -> (data: [UInt8], envelope: Envelope) {
        let base = server.directory.appendingPathComponent("message-0")
        let data = try Data(contentsOf: base.appendingPathExtension("eml"))
        let envelope = try JSONDecoder().decode(Envelope.self, from: Data(contentsOf: base.appendingPathExtension("json")))
        return (Array(data), envelope)
    }

    struct Envelope: Decodable {
        var mail_from: String
        var rcpt_tos: [String]
        var mail_options: [String]
        var tls: Bool
        var auth: Bool
    }
}

@Suite struct SMTPWireFormatTests {
    @Test func lineEndingsBecomeCRLFAndLinesStartingWithADotAreStuffed() {
        let encoded = SMTPMessageData.encode("a\nb\r\n.c\r.\r\n..d")
        #expect(String(decoding: encoded, as: UTF8.self) == "a\r\nb\r\n..c\r\n..\r\n...d\r\n.\r\n")
    }

    @Test func anEmptyMessageIsJustTheTerminator() {
        #expect(SMTPMessageData.encode("") == Array(".\r\n".utf8))
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy"), ("\0u\0p", "AHUAcA==")])
    func base64MatchesRFC4648(input: String, output: String) {
        #expect(SMTPAuthentication.base64(Array(input.utf8)) == output)
    }

    @Test func credentialsNeverPrintTheirPassword() {
        let credentials = SMTPClient.Credentials(username: "alerts", password: "hunter2")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(credentials)", String(reflecting: credentials), dumped, "\(SMTPClient.Configuration(host: "h", credentials: credentials))"] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
    }

    @Test func replyExtensionsComeFromTheLinesAfterTheGreeting() {
        let reply = SMTPReply(code: 250, lines: ["mail.example", "8BITMIME", "auth plain LOGIN", "STARTTLS"])
        #expect(reply.extensions == ["8BITMIME": "", "AUTH": "plain LOGIN", "STARTTLS": ""])
    }
}

let smtpReceiverRunnable = ReceiverProcess.hasAiosmtpd || ProcessInfo.processInfo.environment["CI"] != nil
