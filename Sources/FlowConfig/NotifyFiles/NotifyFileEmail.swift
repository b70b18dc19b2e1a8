import FlowCore

/// The `email:` section of a notify file: an SMTP server, who the mail is from and to,
/// an optional login, and when to use TLS.
///
/// Defaults an ops engineer expects: `smtp_port` 587 (submission) with a `username`, 25
/// (a relay) without; `starttls: auto` upgrades whenever the server offers STARTTLS and
/// goes on in plain text only to this machine. A login is refused where it would cross
/// the network in the clear (`starttls: never` to another host).
enum NotifyFileEmail {
    static let keys = ["smtp_host", "smtp_port", "from", "to", "username", "password_file", "password_env",
                       "starttls", "severities"]

    static func parse(_ field: FieldNode) throws(SLOFileError) -> NotifyFileSettings.Email {
        let fields = try field.mapping()
        try NotifyFileFields.rejectInlineSecret(fields, key: "password", what: "the SMTP password")
        try fields.rejectUnknownKeys(allowed: keys)
        let hostField = try fields.required("smtp_host", expecting: "the SMTP server's host name, such as "
                                            + "smtp.example.com or localhost")
        let host = try hostField.string()
        guard !host.isEmpty, !host.contains("://"), !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw hostField.error("expected a host name such as smtp.example.com (no scheme, port or path), "
                                  + "found `\(host)`")
        }
        let from = try NotifyFileFields.address(try fields.required("from", expecting: "the sender's address, "
                                                                    + "such as flowtop@example.com"))
        let toField = try fields.required("to", expecting: "a list of recipients' addresses")
        var to: [String] = []
        if toField.node.scalar != nil {
            to = [try NotifyFileFields.address(toField)]
        } else {
            for item in try toField.list() { to.append(try NotifyFileFields.address(item)) }
        }
        guard !to.isEmpty else { throw toField.error("expected at least one recipient") }

        let username = try fields.optional("username").map { (field) throws(SLOFileError) in try field.string() }
        let hasPassword = fields.optional("password_file") != nil || fields.optional("password_env") != nil
        var password: SecretSource?
        if let username {
            guard !username.isEmpty else { throw fields.missing("username", expecting: "the SMTP login name") }
            password = try NotifyFileFields.secret(fields, key: "password", what: "the SMTP password")
        } else if hasPassword {
            throw fields.missing("username", expecting: "the SMTP login name, since a password is given")
        }

        var startTLS = SMTPStartTLS.auto
        if let tlsField = fields.optional("starttls") {
            let text = try tlsField.string()
            guard let value = SMTPStartTLS(rawValue: text) else {
                throw tlsField.error("expected auto, always or never, found `\(text)`")
            }
            startTLS = value
            if value == .never, username != nil, !NotifyFileSettings.Email.isLoopback(host) {
                throw tlsField.error("a login with starttls: never would send the password to \(host) in the "
                                     + "clear; expected auto or always")
            }
        }

        var port: Int?   // nil: 587 with a username, else 25 (`Email.defaultPort`)
        if let portField = fields.optional("smtp_port") {
            let number = try portField.integer()
            guard (1...65_535).contains(number) else {
                throw portField.error("expected a port from 1 to 65535, found `\(number)`")
            }
            port = number
        }
        return NotifyFileSettings.Email(
            smtpHost: host, smtpPort: port, from: from, to: to, username: username, password: password,
            startTLS: startTLS, severities: try fields.optional("severities").map(NotifyFileFields.severities))
    }
}
