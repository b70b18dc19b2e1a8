import FlowCore
import FlowFormats
import FlowStore
import Foundation
import Logging
import Synchronization

/// The notifier log: what the notifiers remember of what they sent (the planners' memory:
/// which groups spoke, when, with which alerts) and the messages planned but not yet
/// delivered, kept in `notifier-log.json` in the data directory, so that a restarted
/// flowtop neither pages again for an incident it announced nor forgets to send a
/// resolution that was due, and sends what was still queued.
///
/// Why this shape: notifications are rare (a few per incident), so the whole log is one
/// small JSON file replaced durably (`DurableFile`: written, fsync'd, renamed) each time
/// it changes. The order makes the promise: a planning's memory and its new messages are
/// written *before* the messages are queued, and a message leaves the log once its
/// receiver took it (or refused it for good). A kill -9 between a delivery and that write
/// sends the message once more after the restart: at least once, like Alertmanager's own
/// notification log, never zero times. The log keeps the planned notification rather than
/// the message, so no webhook URL or routing key is written to disk; a kept notification is
/// rendered again with the configuration of the next start.
///
/// With no data directory (`--ephemeral`, `--demo`) nothing is written.
///
/// ```swift
/// let log = try NotifierLog.open(directory: store?.directory.path, logger: logger)
/// let ids = log.record(dispatch.memory, planned: addressed)   // before enqueueing them
/// queue.enqueue(message, id: ids[i])                          // settled → log.settled(id, how)
/// ```
public final class NotifierLog: Sendable {
    static let fileName = "notifier-log.json"
    static let format = 1
    /// One line, keys sorted as Swift orders strings. Files of earlier builds (Foundation's
    /// encoder, keys in its own sorted order) read the same: order carries no meaning.
    private static let encoder = JSONTreeEncoder(keyOrder: .sorted)

    /// A message planned and not yet delivered: `part` of what `planned` renders to for
    /// `notifier` (`NotificationDispatch.render`).
    struct Pending: Sendable, Equatable, Codable {
        var id: UInt64
        var notifier: String
        var planned: PlannedNotification
        var part: Int
    }

    struct Contents: Sendable, Equatable, Codable {
        var format: Int
        var memory: NotificationDispatch.Memory
        var pending: [Pending]
    }

    /// What the file held at start-up (empty for a new directory or none).
    let kept: Contents
    /// The file; nil: nothing is kept.
    let path: String?
    private let directory: String
    private let logger: Logger
    private let state: Mutex<State>

    private struct State: Sendable {
        var contents: Contents
        var nextID: UInt64
        var failing = false
    }

    private init(kept: Contents, directory: String?, logger: Logger) {
        self.kept = kept
        self.directory = directory ?? ""
        path = directory.map { $0 + "/" + Self.fileName }
        self.logger = logger
        state = Mutex(State(contents: kept, nextID: (kept.pending.map(\.id).max() ?? 0) + 1))
    }

    /// A log that keeps nothing.
    public static func ephemeral() -> NotifierLog {
        NotifierLog(kept: Contents(format: format, memory: .init(), pending: []), directory: nil,
                    logger: Logger(label: "flowtop.notify", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Reads the log of the data directory `directory` (nil: keep nothing). A file that is
    /// not a notifier log is renamed `*.corrupt` and the notifiers start with no memory (it
    /// is logged); one from a newer flowtop stops start-up, so it is never overwritten.
    public static func open(directory: String?, logger: Logger) throws(UserFacingError) -> NotifierLog {
        guard let directory else { return ephemeral() }
        let path = directory + "/" + fileName
        let empty = Contents(format: format, memory: .init(), pending: [])
        guard let data = FileManager.default.contents(atPath: path) else {
            return NotifierLog(kept: empty, directory: directory, logger: logger)
        }
        struct Header: Decodable { var format: Int }
        let tree = Result { () throws(JSONParseError) in try JSONValue.parse(Array(data)) }
        if case .success(let tree) = tree, let header = try? JSONTreeDecoder().decode(Header.self, from: tree),
           header.format > format {
            throw UserFacingError(
                "\(path) was written by a newer flowtop (notifier log format \(header.format); this build reads "
                    + "\(format)); run that newer version, or move the file aside to start the notifiers "
                    + "with no memory of what they sent")
        }
        do {
            let contents = try JSONTreeDecoder().decode(Contents.self, from: tree.get())
            return NotifierLog(kept: contents, directory: directory, logger: logger)
        } catch {
            rename(path, path + ".corrupt")
            logger.error("notifier log unreadable; set aside, the notifiers start with no memory of what they sent",
                         metadata: ["path": "\(path)", "renamed_to": "\(path).corrupt", "why": "\(error)"])
            return NotifierLog(kept: empty, directory: directory, logger: logger)
        }
    }

    /// Keeps the planners' `memory` and the messages of a planning, before they are
    /// queued; returns each message's id for `DeliveryQueue.enqueue(_:id:)`. Writes only
    /// when something changed.
    func record(_ memory: NotificationDispatch.Memory,
                planned: [NotificationDispatch.Addressed]) -> [UInt64] {
        state.withLock { state in
            var ids: [UInt64] = []
            for message in planned {
                ids.append(state.nextID)
                state.contents.pending.append(
                    Pending(id: state.nextID, notifier: message.notifier, planned: message.planned, part: message.part))
                state.nextID += 1
            }
            guard !planned.isEmpty || memory != state.contents.memory else { return ids }
            state.contents.memory = memory
            write(&state)
            return ids
        }
    }

    /// A queued message's end: delivered, refused for good or superseded, it leaves the
    /// log; abandoned at shutdown, it stays, to be sent after the next start.
    func settled(_ id: UInt64, _ settlement: DeliverySettlement) {
        guard settlement != .abandoned else { return }
        forget([id])
    }

    /// Drops kept messages that cannot be sent any more (their notifier is gone).
    func forget(_ ids: Set<UInt64>) {
        state.withLock { state in
            let before = state.contents.pending.count
            state.contents.pending.removeAll { ids.contains($0.id) }
            if state.contents.pending.count != before { write(&state) }
        }
    }

    /// What is kept now, for tests and `store info`.
    var contents: Contents { state.withLock { $0.contents } }

    private func write(_ state: inout State) {
        guard let path else { return }
        do {
            let text = try Self.encoder.encode(state.contents).rendered(.compact)
            try DurableFile.replace(path, in: directory, with: [Array(text.utf8), Array("\n".utf8)])
            if state.failing {
                state.failing = false
                logger.notice("notifier log written again", metadata: ["path": "\(path)"])
            }
        } catch {
            // Logged once per failing spell; the notifiers go on from memory.
            if !state.failing {
                logger.error("cannot write the notifier log; a restart may send again or forget what was sent",
                             metadata: ["path": "\(path)", "why": "\(error)"])
            }
            state.failing = true
        }
    }
}

