import FlowCore

/// A `JournalEntry` as bytes: a kind byte, then the kind's fields. Times are zigzag
/// varints; a batch's events are written relative to its `receivedAt` (`EventCodec`).
///
/// ```text
/// labelledBatch:   07 | receivedAt | rejections: n, n x (reason's raw value, count) | events: n, n x event
/// batch:           01 | the same, each event's labels as plain strings (format 1: read, no longer written)
/// advance:         02 | now
/// addSilence:      03 | at | id | matchers: n, n x (name, op, value) | start | end | author | comment
/// expireSilence:   04 | at | id
/// acknowledge:     05 | at | fingerprint | by
/// unacknowledge:   06 | fingerprint
/// ```
///
/// Rejections are sparse and keyed by the reason's wire name (`missing_field`), not its
/// position in `RejectReason`, so adding a reason (anywhere in the enum) never changes
/// what old entries mean.
///
/// A batch's events write their labels through a label table of the entry's own
/// (`LabelEncoder`), so an entry decodes alone, wherever a reader starts.
///
/// ```swift
/// var w = BinaryWriter()
/// EntryCodec.encode(.advance(to: 1_000), into: &w)
/// let back = try w.withBytes { try EntryCodec.decode($0) }   // .advance(to: 1_000)
/// ```
enum EntryCodec {
    enum Kind: UInt8 {
        case batch = 1, advance, addSilence, expireSilence, acknowledge, unacknowledge, labelledBatch
    }

    /// With a label table of its own: for tests and one-off encodings.
    static func encode(_ entry: JournalEntry, into w: inout BinaryWriter) {
        var labels = LabelEncoder()
        encode(entry, into: &w, labels: &labels)
    }

    /// `labels`: kept by the caller from entry to entry, so its slots are allocated once.
    static func encode(_ entry: JournalEntry, into w: inout BinaryWriter, labels: inout LabelEncoder) {
        switch entry {
        case .batch(let events, let rejected, let receivedAt):
            w.u8(Kind.labelledBatch.rawValue)
            w.signedVarint(receivedAt)
            encode(rejected, into: &w)
            w.varint(UInt64(events.count))
            labels.beginEntry()
            // In place: an array's subscript handed each event over as a copy.
            events.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for i in buffer.indices { EventCodec.encode(base + i, receivedAt: receivedAt, into: &w, labels: &labels) }
            }
        case .advance(let now):
            w.u8(Kind.advance.rawValue)
            w.signedVarint(now)
        case .addSilence(let silence, let at):
            w.u8(Kind.addSilence.rawValue)
            w.signedVarint(at)
            encode(silence, into: &w)
        case .expireSilence(let id, let at):
            w.u8(Kind.expireSilence.rawValue)
            w.signedVarint(at)
            w.string(id)
        case .acknowledge(let fingerprint, let who, let at):
            w.u8(Kind.acknowledge.rawValue)
            w.signedVarint(at)
            w.string(fingerprint)
            w.string(who)
        case .unacknowledge(let fingerprint):
            w.u8(Kind.unacknowledge.rawValue)
            w.string(fingerprint)
        }
    }

    /// Decodes exactly one entry: bytes left over are an error too, so a length that
    /// disagrees with the contents is caught.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(DecodeError) -> JournalEntry {
        var r = BinaryReader(bytes)
        let entry = try decode(&r)
        guard r.isAtEnd else { throw r.failure("\(r.remaining) bytes after the entry's end") }
        return entry
    }

    static func decode(_ r: inout BinaryReader) throws(DecodeError) -> JournalEntry {
        let kindAt = r.offset
        guard let kind = Kind(rawValue: try r.u8()) else {
            throw DecodeError(offset: kindAt, reason: "unknown entry kind \(r.bytes[kindAt])")
        }
        switch kind {
        case .batch, .labelledBatch:
            let receivedAt = try r.signedVarint()
            let rejected = try decodeRejections(&r)
            // Every event takes at least 4 bytes: kind, flags, time, tenant's length or label.
            let n = try r.count(ofItemsAtLeast: 4)
            var events: [Event] = []
            events.reserveCapacity(n)
            var labels: LabelDecoder? = kind == .labelledBatch ? LabelDecoder() : nil
            for _ in 0..<n { events.append(try EventCodec.decode(&r, receivedAt: receivedAt, labels: &labels)) }
            return .batch(events: events, rejected: rejected, receivedAt: receivedAt)
        case .advance:
            return .advance(to: try r.signedVarint())
        case .addSilence:
            let at = try r.signedVarint()
            return .addSilence(try decodeSilence(&r), at: at)
        case .expireSilence:
            let at = try r.signedVarint()
            return .expireSilence(id: try r.string(), at: at)
        case .acknowledge:
            let at = try r.signedVarint()
            return .acknowledge(fingerprint: try r.string(), by: try r.string(), at: at)
        case .unacknowledge:
            return .unacknowledge(fingerprint: try r.string())
        }
    }

    // MARK: Rejections

    private static func encode(_ rejected: RejectionCounts, into w: inout BinaryWriter) {
        // Most batches reject nothing: one byte, and no walk over the reasons.
        let nonZero = rejected.counts.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        w.varint(UInt64(nonZero))
        guard nonZero > 0 else { return }
        for (i, reason) in RejectReason.allCases.enumerated() where rejected.counts[i] != 0 {
            w.string(reason.rawValue)
            w.signedVarint(rejected.counts[i])
        }
    }

    private static func decodeRejections(_ r: inout BinaryReader) throws(DecodeError) -> RejectionCounts {
        var counts = RejectionCounts()
        let n = try r.count(ofItemsAtLeast: 2)
        for _ in 0..<n {
            let at = r.offset
            let name = try r.string()
            guard let reason = RejectReason(rawValue: name) else {
                throw DecodeError(offset: at, reason: "unknown reject reason \"\(name)\"")
            }
            guard counts[reason] == 0 else { throw DecodeError(offset: at, reason: "reject reason \(name) twice") }
            counts[reason] = try r.signedVarint()
        }
        return counts
    }

    // MARK: Silences

    /// Match operators by code, not by `MatchOperator`'s order or raw value.
    private static let operators: [(MatchOperator, UInt8)] = [(.equal, 1), (.notEqual, 2), (.regex, 3), (.notRegex, 4)]

    private static func encode(_ silence: Silence, into w: inout BinaryWriter) {
        w.string(silence.id)
        w.varint(UInt64(silence.matchers.count))
        for m in silence.matchers {
            w.string(m.name)
            w.u8(operators.first { $0.0 == m.op }?.1 ?? 0)
            w.string(m.value)
        }
        w.signedVarint(silence.start)
        w.signedVarint(silence.end)
        w.string(silence.author)
        w.string(silence.comment)
    }

    private static func decodeSilence(_ r: inout BinaryReader) throws(DecodeError) -> Silence {
        let id = try r.string()
        let n = try r.count(ofItemsAtLeast: 3)
        var matchers: [LabelMatcher] = []
        for _ in 0..<n {
            let name = try r.string()
            let opAt = r.offset
            let code = try r.u8()
            guard let op = operators.first(where: { $0.1 == code })?.0 else {
                throw DecodeError(offset: opAt, reason: "unknown match operator \(code)")
            }
            matchers.append(LabelMatcher(name, op, try r.string()))
        }
        let start = try r.signedVarint()
        let end = try r.signedVarint()
        let author = try r.string()
        return Silence(id: id, matchers: matchers, start: start, end: end, author: author, comment: try r.string())
    }
}
