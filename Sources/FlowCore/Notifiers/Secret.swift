/// A credential (Slack webhook URL, PagerDuty routing key, SMTP password) that prints as
/// `<redacted>` everywhere: string interpolation, `print`, `dump`, `debugPrint`, logs,
/// and the description of any struct holding it. Only `revealed` gives the value, and
/// only the code that puts it on the wire calls it.
///
/// ```swift
/// let key = Secret("R0UT1NGK3Y")
/// "\(key)"        // "<redacted>"
/// key.revealed    // "R0UT1NGK3Y"
/// ```
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The value itself, for the request or the SMTP exchange; never for a message.
    public var revealed: String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// Where a secret comes from: a file readable only by its owner, or an environment
/// variable. Never a command-line flag (`ps` shows those to every user) and never the
/// notify file itself (it gets copied, committed, pasted into tickets).
///
/// A file must be a regular file (a symlink to one is fine, as Kubernetes mounts them)
/// with no permission for group or others (`chmod 600`); its value is its text without
/// the trailing line break. Reading one is I/O, so it is FlowNotify's (`read()`,
/// `readURL()`); its errors name the key and the file or variable, never the value:
///
/// ```swift
/// let source = SecretSource(.file("/etc/flowtop/slack-url"), origin: "notify.yaml:7:23: slack.webhook_url_file")
/// let url = try source.read()   // FlowNotify
/// // notify.yaml:7:23: slack.webhook_url_file: /etc/flowtop/slack-url can be read by group or others
/// //   (mode 0644); make it private to its owner: chmod 600 /etc/flowtop/slack-url
/// ```
public struct SecretSource: Sendable, Hashable {
    public enum Location: Sendable, Hashable {
        case file(String)
        case environment(String)
    }

    public var location: Location
    /// Where the source was named, to start error messages with: `file:line:col: key`.
    public var origin: String

    public init(_ location: Location, origin: String) {
        self.location = location
        self.origin = origin
    }
}
