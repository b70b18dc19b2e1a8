/// One change `EngineHost` made to its engine, in the order it made them: what a store
/// writes ahead (FlowStore's journal) and replays after its last checkpoint to rebuild the
/// engine exactly. The engine is deterministic (no clock, no randomness: silence ids are
/// `silence-N`), so the same entries on the same checkpoint give the same engine.
///
/// ```swift
/// var engine = Engine()
/// for entry in entries { engine.replay(entry) }   // as the live host left it
/// ```
public enum JournalEntry: Sendable, Equatable {
    /// `EngineHost.apply`: the accepted events and the batch's rejections, at `receivedAt`.
    case batch(events: [Event], rejected: RejectionCounts, receivedAt: EpochMillis)
    /// A snapshot or an alerting read at `now`: alert time and lead retention moved to it.
    case advance(to: EpochMillis)
    /// A silence as stored, its id already given (`silence-N`).
    case addSilence(Silence, at: EpochMillis)
    case expireSilence(id: String, at: EpochMillis)
    case acknowledge(fingerprint: String, by: String, at: EpochMillis)
    case unacknowledge(fingerprint: String)
}

/// Where an entry ends in a journal: a byte offset that only grows. A sync is durable once
/// the journal's durable position reaches the position of the connection's last batch.
public struct JournalPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var offset: UInt64

    public init(_ offset: UInt64) { self.offset = offset }

    public static let zero = JournalPosition(0)

    public static func < (a: JournalPosition, b: JournalPosition) -> Bool { a.offset < b.offset }

    public var description: String { "\(offset)" }
}

/// What `EngineHost` writes its changes to. `append` is called under the engine's lock, in
/// the order of the changes, so it must be quick: copy the entry into a buffer and return;
/// writing and fsync happen elsewhere (group commit).
public protocol EngineJournal: AnyObject, Sendable {
    /// Takes `entry`; returns the position just after it.
    func append(_ entry: JournalEntry) -> JournalPosition

    /// Blocks until everything up to `position` is on stable storage (fsync'd); nil then,
    /// or why it cannot be (the disk is full...). For commands a person waits on
    /// (silences, acknowledgements): rare, so they need not wait for the group commit.
    func waitUntilDurable(_ position: JournalPosition) -> String?

    /// Calls `done` once everything up to `position` is on stable storage (with nil), or
    /// once it cannot be (with why), at the next group commit; on the journal's thread, so
    /// hop to your own (an event loop) before touching anything of yours. Callbacks come
    /// in position order. What a `sync` waits on.
    func whenDurable(_ position: JournalPosition, _ done: @escaping @Sendable (String?) -> Void)
}

extension Engine {
    /// Makes the change `entry` records, as the live host made it.
    public mutating func replay(_ entry: JournalEntry) {
        switch entry {
        case .batch(let events, let rejected, let receivedAt):
            if !events.isEmpty { apply(events, receivedAt: receivedAt) }
            if rejected.total > 0 { recordRejections(rejected, receivedAt: receivedAt) }
        case .advance(let now):
            advance(to: now)
        case .addSilence(let silence, let at):
            _ = try? addSilence(silence, at: at)
        case .expireSilence(let id, let at):
            _ = expireSilence(id: id, at: at)
        case .acknowledge(let fingerprint, let who, let at):
            _ = acknowledge(fingerprint: fingerprint, by: who, at: at)
        case .unacknowledge(let fingerprint):
            _ = unacknowledge(fingerprint: fingerprint)
        }
    }
}
