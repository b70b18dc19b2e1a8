import FlowCore
@testable import FlowNotify
import Testing

/// E-mail messages: RFC 5322 headers, CRLF lines, a subject in Alertmanager's shape and
/// encodings that survive any SMTP server.
@Suite struct EmailMessageTests {
    let mail = EmailMessage(from: "flowtop@example.com", to: ["oncall@example.com", "lead@example.com"])

    func data(_ batch: NotificationBatch) throws -> String {
        guard case .email(let email) = mail.message(for: batch) else { throw FixtureError("expected an e-mail") }
        #expect(email.from == "flowtop@example.com")
        #expect(email.to == ["oncall@example.com", "lead@example.com"])
        return email.data
    }

    func headers(_ data: String) -> [String] {
        let head = data.components(separatedBy: "\r\n\r\n")[0]
        return head.components(separatedBy: "\r\n")
    }

    @Test func everyLineEndsInCRLF() throws {
        let data = try data(firingBatch(fiftyTenants))
        #expect(data.hasSuffix("\r\n"))
        #expect(!data.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!data.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
    }

    @Test func theHeadersAreComplete() throws {
        let group = GroupKeyReading.fingerprint(of: "alertname=ErrorBudgetBurn,slo=ai_request_success")
        #expect(headers(try data(firingBatch([burn(), burn(severity: "ticket")]))) == [
            "From: flowtop@example.com",
            "To: oncall@example.com,",
            " lead@example.com",
            "Subject: [FIRING:2] ErrorBudgetBurn ai_request_success",
            "Date: Wed, 25 Nov 2026 10:00:30 +0000",
            "Message-ID: <flowtop.\(group).1795600830000.firing@example.com>",
            "References: <flowtop.\(group)@example.com>",
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 7bit",
        ])
    }

    @Test func theBodyListsTheAlerts() throws {
        let body = try data(firingBatch([burn(tenant: "acme")])).components(separatedBy: "\r\n\r\n").dropFirst()
            .joined(separator: "\r\n\r\n")
        #expect(body == [
            "1 alert firing in {alertname=\"ErrorBudgetBurn\", slo=\"ai_request_success\"}.",
            "",
            "[page] ai_request_success (acme) burns its error budget at 20x",
            "  labels: long_window=\"1h\", short_window=\"5m\", tenant=\"acme\"",
            "  firing since 2026-11-25 10:00 UTC",
            "",
            "-- ",
            "Sent by flowtop at 2026-11-25 10:00 UTC.",
            "",
        ].joined(separator: "\r\n"))
    }

    @Test func aResolvedBatchSaysSoInSubjectAndBody() throws {
        let data = try data(firingBatch([burn()], reason: .resolved, at: t0 + 15 * minute))
        #expect(headers(data).contains("Subject: [RESOLVED] ErrorBudgetBurn ai_request_success"))
        #expect(data.contains("Resolved: 1 alert in {alertname=\"ErrorBudgetBurn\", slo=\"ai_request_success\"} no longer firing."))
        #expect(data.contains("  fired 2026-11-25 10:00 UTC, resolved 2026-11-25 10:10 UTC"))
    }

    @Test func nonASCIITextIsEncoded() throws {
        var book = AlertBook()
        book.evaluate([AlertObservation(labels: AlertLabels(["alertname": "Größe", "severity": "ticket"]),
                                        annotations: ["summary": "Kosten über 50 €"], holds: true)], at: t0)
        let data = try data(NotificationBatch(groupKey: "alertname=Größe", alerts: book.alerts, reason: .firing, at: t0))
        #expect(headers(data).contains("Subject: =?UTF-8?B?W0ZJUklORzoxXSBHcsO2w59l?="))
        #expect(headers(data).contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(data.contains("[ticket] Kosten =C3=BCber 50 =E2=82=AC"))
        #expect(data.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func lineBreaksInLabelsCannotInjectHeaders() throws {
        var book = AlertBook()
        book.evaluate([AlertObservation(labels: AlertLabels(["alertname": "X", "team": "a\r\nBcc: evil@example.com"]),
                                        holds: true)], at: t0)
        let batch = NotificationBatch(groupKey: "alertname=X,team=a\r\nBcc: evil@example.com", alerts: book.alerts,
                                      reason: .firing, at: t0)
        let data = try data(batch)
        #expect(!headers(data).contains { $0.hasPrefix("Bcc:") })
        #expect(headers(data).contains("Subject: [FIRING:1] X a  Bcc: evil@example.com"))
    }

    @Test func quotedPrintableKeepsLinesShortAndTrailingSpaceSafe() {
        let lines = MailEncoding.quotedPrintable(String(repeating: "é", count: 40) + " ")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(lines.last?.hasSuffix("=20") == true)
        #expect(MailEncoding.quotedPrintable("a=b") == ["a=3Db"])
    }

    @Test func longNonASCIISubjectsAreFoldedEncodedWords() {
        let encoded = MailEncoding.headerText(String(repeating: "ü", count: 60))
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count == 3)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
    }
}
