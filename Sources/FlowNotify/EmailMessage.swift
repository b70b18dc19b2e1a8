import FlowCore

/// A batch as an e-mail: an RFC 5322 message in plain text, subject in Alertmanager's
/// shape (`[FIRING:3] ErrorBudgetBurn ai_request_success`, `[RESOLVED] ...`), a body
/// listing the alerts (the first 100; the rest counted).
///
/// The message is final except for SMTP's own framing: lines end in CRLF; the body is
/// 7bit when it is ASCII with short lines and quoted-printable otherwise (safe through
/// any server, 8BITMIME or not); a subject with non-ASCII text is RFC 2047-encoded; label
/// values with line breaks cannot inject headers. Dot-stuffing (RFC 5321 section 4.5.2:
/// a line starting with `.` gets another) and the final `.` line are the SMTP
/// transport's job, done as it sends the DATA.
///
/// Every message of a group carries `References: <flowtop.<group fingerprint>@domain>`,
/// so mail clients thread an incident's messages together; `Auto-Submitted:
/// auto-generated` (RFC 3834) keeps vacation responders quiet.
///
/// ```swift
/// let mail = EmailMessage(from: "flowtop@example.com", to: ["oncall@example.com"])
/// queue.enqueue(mail.message(for: batch))
/// ```
public struct EmailMessage: Sendable {
    public static let alertsListed = 100

    /// Bare addresses (`flowtop@example.com`): the envelope and the headers both use them.
    public var from: String
    public var to: [String]

    public init(from: String, to: [String]) {
        self.from = from
        self.to = to
    }

    public init(_ configuration: NotifierConfiguration.Email) {
        self.init(from: configuration.from, to: configuration.to)
    }

    public func message(for batch: NotificationBatch) -> OutboundMessage {
        .email(OutboundEmail(from: from, to: to, data: data(for: batch)))
    }

    /// The whole message: headers, a blank line, the encoded body; CRLF line ends.
    func data(for batch: NotificationBatch) -> String {
        let domain = from.split(separator: "@").last.map(String.init) ?? "flowtop.invalid"
        let group = GroupKeyReading.fingerprint(of: batch.groupKey)
        let body = bodyLines(for: batch)
        let plain = body.allSatisfy { line in line.unicodeScalars.allSatisfy(\.isASCII) && line.utf8.count <= 998 }
        var headers = [
            "From: \(from)",
            "To: " + to.joined(separator: to.count > 1 ? ",\r\n " : ""),
            "Subject: " + MailEncoding.headerText(NotificationText.truncated(NotificationText.title(batch), to: 200)),
            "Date: " + NotificationText.rfc5322(batch.at),
            "Message-ID: <flowtop.\(group).\(batch.at).\(batch.reason.rawValue)@\(domain)>",
            "References: <flowtop.\(group)@\(domain)>",
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ]
        headers.append("Content-Transfer-Encoding: " + (plain ? "7bit" : "quoted-printable"))
        let encoded = plain ? body : body.flatMap(MailEncoding.quotedPrintable)
        return (headers + [""] + encoded).joined(separator: "\r\n") + "\r\n"
    }

    /// The body, one string per line (no line ends, no control characters).
    func bodyLines(for batch: NotificationBatch) -> [String] {
        let count = batch.alerts.count
        let alerts = count == 1 ? "1 alert" : "\(count) alerts"
        let group = batch.groupLabels.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ", ")
        let inGroup = group.isEmpty ? "" : " in {\(group)}"
        var lines: [String] = switch batch.reason {
        case .firing: ["\(alerts) firing\(inGroup)."]
        case .repeating: ["Still firing: \(alerts)\(inGroup)."]
        case .resolved: ["Resolved: \(alerts)\(inGroup) no longer firing."]
        }
        for alert in batch.alerts.prefix(Self.alertsListed) {
            lines.append("")
            lines.append("[\(alert.severity ?? "no severity")] \(NotificationText.summary(of: alert))")
            let labels = NotificationText.distinguishingLabels(of: alert, in: batch)
            if !labels.isEmpty { lines.append("  labels: \(labels)") }
            let fired = NotificationText.readable(alert.firedAt ?? alert.activeAt)
            if NotificationText.isResolved(alert, in: batch) {
                let resolved = NotificationText.readable(alert.resolvedAt ?? batch.at)
                lines.append("  fired \(fired), resolved \(resolved)")
            } else {
                lines.append("  firing since \(fired)")
            }
            if let runbook = alert.annotations["runbook_url"] { lines.append("  runbook: \(runbook)") }
        }
        if count > Self.alertsListed { lines += ["", "... and \(count - Self.alertsListed) more."] }
        lines += ["", "-- ", "Sent by flowtop at \(NotificationText.readable(batch.at))."]
        return lines.map(MailEncoding.oneLine)
    }
}
