import Logging
import Synchronization

/// Every log event a `Logger` made from it emits, at trace level, kept as text: the
/// message, each metadata key and value (the logger's own and the event's), the source
/// and the error, so a test can search them all for what must never be logged.
///
/// ```swift
/// let capture = LogCapture()
/// let queue = DeliveryQueue(notifier: "slack", transport: http, clock: clock, logger: capture.logger)
/// #expect(!capture.lines.contains { $0.contains(secret) })
/// ```
final class LogCapture: Sendable {
    private let stored = Mutex<[String]>([])

    var logger: Logger {
        var logger = Logger(label: "flowtop.notify.test") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    /// One line per event: `level message | key=value ... | source | error`.
    var lines: [String] { stored.withLock { $0 } }

    fileprivate func append(_ line: String) { stored.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let error = event.error.map { "\($0)" } ?? ""
            capture.append("\(event.level) \(event.message) | \(fields) | \(event.source) | \(error)")
        }
    }
}
