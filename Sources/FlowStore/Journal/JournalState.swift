import FlowCore

/// Someone waiting for a position to become durable: a `sync_ack` or a command.
struct DurabilityWaiter {
    var position: UInt64
    var callback: @Sendable (Result<Void, StoreError>) -> Void
}

/// Entries dropped because the writer could not keep up with a failing disk. Nothing
/// after `from` counts as durable until a checkpoint at or past `to` says the engine no
/// longer needs them (`Journal.removeSegments(before:)`): a replay that skipped them would
/// not give a prefix of what clients sent.
struct JournalLoss {
    /// Where the entries on disk end: set by the writer when it sees the loss (until then,
    /// what it is writing may still land).
    var from: UInt64?
    /// The position after the last dropped entry: the writer starts a new segment here.
    var to: UInt64
    var cause: String
}

/// A segment file the journal holds, for `removeSegments` and the stats.
struct SegmentInfo: Sendable {
    var start: UInt64
    var path: String
    var size: Int
}

/// Everything appenders, waiters and the writer thread share, behind the journal's one
/// lock. Appenders touch only `active` and a few counters, so they hold it briefly.
struct JournalState: ~Copyable {
    /// Encoded entries not yet taken by the writer, from position `activeStart`.
    var active: BinaryWriter
    /// The label table batches are encoded with (each entry starts it afresh).
    var labels = LabelEncoder()
    var activeStart: UInt64
    var activeEntries = 0
    /// Where the next entry goes.
    var end: UInt64
    /// Bytes the writer holds and has not made durable yet (it publishes the figure).
    var writerBytes = 0
    /// Everything up to here is fsync'd.
    var durable: UInt64
    /// Everything up to here is in a checkpoint the lead told us about.
    var checkpointed: UInt64 = 0
    var loss: JournalLoss?
    /// Bumped on every loss, so the writer notices even one a checkpoint already covers.
    var lossGeneration: UInt64 = 0
    var problem: StoreError?
    var waiters: [DurabilityWaiter] = []
    /// The furthest position a command waits for: the writer commits at once up to it.
    var commandWaitsFor: UInt64 = 0
    var stopRequested = false
    var closed = false
    var segments: [SegmentInfo]
    var stats = JournalStats()

    /// What a waiter may count on: fsync'd and not after dropped entries, or checkpointed.
    var visibleDurable: UInt64 {
        let written = loss.map { min(durable, $0.from ?? durable) } ?? durable
        return max(written, checkpointed)
    }

    /// Why `position` cannot become durable now, or nil when it may (waiting or done).
    func refusal(_ position: UInt64, directory: String) -> StoreError? {
        if position <= visibleDurable { return nil }
        if position > end { return .notAppended(position: position, end: end) }
        if let loss { return .entriesDropped(from: loss.from ?? durable, to: loss.to, cause: loss.cause) }
        if let problem { return problem }
        if closed { return .closed(directory: directory) }
        return nil
    }

    mutating func refreshStats() {
        stats.durablePosition = JournalPosition(visibleDurable)
        stats.endPosition = JournalPosition(end)
        stats.segmentCount = segments.count
        stats.bytesOnDisk = segments.reduce(0) { $0 + UInt64($1.size) }
    }
}
