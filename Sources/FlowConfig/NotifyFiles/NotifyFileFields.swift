import FlowCore
import Foundation

/// The kinds of value notifier sections share: a secret named by `<key>_file` or
/// `<key>_env`, an http(s) URL, an e-mail address, a list of severities.
///
/// ```swift
/// let key = try NotifyFileFields.secret(fields, key: "routing_key", what: "the PagerDuty routing key")
/// let url = try NotifyFileFields.url(fields.required("url", expecting: "Alertmanager's URL"))
/// ```
enum NotifyFileFields {
    /// Exactly one of `<key>_file` and `<key>_env`. A relative file path is taken from
    /// the notify file's folder, as Prometheus does with its `*_file` settings.
    static func secret(_ fields: FieldMapping, key: String, what: String) throws(SLOFileError)
        -> SecretSource {
        let fileKey = "\(key)_file"
        let envKey = "\(key)_env"
        switch (fields.optional(fileKey), fields.optional(envKey)) {
        case (.some, .some(let env)):
            throw env.error("give either \(fileKey) or \(envKey), not both")
        case (.some(let file), nil):
            let path = try file.string()
            guard !path.isEmpty else { throw file.error("expected the path of a file holding \(what)") }
            return .init(.file(absolute(path, nextTo: file.file)), origin: origin(of: file))
        case (nil, .some(let env)):
            let name = try env.string()
            guard isEnvironmentName(name) else {
                throw env.error("expected the name of an environment variable (letters, digits and _, not starting "
                                + "with a digit), found `\(name)`")
            }
            return .init(.environment(name), origin: origin(of: env))
        case (nil, nil):
            throw fields.missing(fileKey, expecting: "the path of a file holding \(what) (readable only by you), "
                                 + "or instead \(envKey) with the name of an environment variable holding it")
        }
    }

    /// `routing_key: R0UT...` written in the file itself: refused with the way to do it,
    /// before the unknown-key check would only list the keys. The value is not quoted.
    static func rejectInlineSecret(_ fields: FieldMapping, key: String, what: String) throws(SLOFileError) {
        guard let keyNode = fields.keyNode(key) else { return }
        throw keyNode.error("credentials are not written in the notify file: put \(what) in a file only you can read "
                            + "and give \(key)_file, or give \(key)_env with an environment variable holding it")
    }

    /// `notify.yaml:7:23: slack.webhook_url_file`: an error's start without a message.
    static func origin(of field: FieldNode) -> String {
        let description = field.error("").description
        return description.hasSuffix(": ") ? String(description.dropLast(2)) : description
    }

    static func absolute(_ path: String, nextTo file: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).standardized.path
    }

    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// An http or https URL with a host, without spaces.
    static func url(_ field: FieldNode) throws(SLOFileError) -> String {
        let text = try field.string()
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw field.error("expected an http:// or https:// URL with a host, such as http://127.0.0.1:9093, "
                              + "found `\(text)`")
        }
        return text
    }

    /// `name@domain`, no spaces, angle brackets or display name: it is also the SMTP
    /// envelope address.
    static func address(_ field: FieldNode) throws(SLOFileError) -> String {
        let text = try field.string()
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = Set("<>()[],;:\\\" ")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }),
              !text.contains(where: forbidden.contains) else {
            throw field.error("expected an e-mail address such as flowtop@example.com (no name or <>), found `\(text)`")
        }
        return text
    }

    /// `severities: [page, ticket]`: the `severity` label values a notifier takes.
    static func severities(_ field: FieldNode) throws(SLOFileError) -> Set<String> {
        var values: Set<String> = []
        for item in try field.list() {
            let value = try item.string()
            guard !value.isEmpty else { throw item.error("expected a severity such as page or ticket, found nothing") }
            values.insert(value)
        }
        guard !values.isEmpty else {
            throw field.error("expected at least one severity (page, ticket, ...); to send every alert, leave "
                              + "severities out")
        }
        return values
    }
}
