import FlowCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a byte stream into lines (EVENTS.md framing): `\n` ends a line, a line longer
/// than `maxLineLength` bytes is reported once as too long and skipped up to the next `\n`.
/// Keeps the unfinished tail between chunks. Used by the socket server and file replay.
///
/// Framing is kept apart from what a line means (like SwiftNIO's `ByteToMessageDecoder`),
/// so the same framer serves a socket, a file and a test. A line that lies wholly inside
/// one chunk is handed out as a slice of that chunk, never copied; only the unfinished
/// tail of a chunk is copied, into a buffer that is reused. Memory is bounded by
/// `maxLineLength`: an over-long line is reported as soon as it passes the limit, not
/// when its `\n` finally arrives.
///
/// A line's length is its bytes before the `\n`, a trailing `\r` included.
///
/// ```swift
/// var framer = LineFramer()
/// framer.feed(chunk) { piece in
///     switch piece {
///     case .line(let bytes): handle(parser.parse(bytes, receivedAt: now))
///     case .tooLong: reject(.lineTooLong)
///     }
/// }
/// ```
public struct LineFramer: Sendable {
    public enum Piece {
        /// A complete line without its `\n` (a trailing `\r` still present).
        case line(UnsafeRawBufferPointer)
        /// A line over the limit was dropped.
        case tooLong
    }

    public let maxLineLength: Int

    /// The start of a line whose `\n` has not arrived yet.
    private var tail: [UInt8] = []
    /// Inside an over-long line (already reported): drop bytes up to the next `\n`.
    private var skipping = false

    public init(maxLineLength: Int = 64 * 1024) {
        self.maxLineLength = max(0, maxLineLength)
    }

    /// Bytes held for an unfinished line; 0 between lines and while skipping one.
    public var pendingByteCount: Int { tail.count }

    /// Feeds a chunk; calls `body` for each complete line or over-long line in order.
    /// The buffer passed to `.line` is valid only during the call.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Piece) -> Void) {
        _ = feedUntilStopped(chunk, { piece in
            body(piece)
            return true
        })
    }

    /// The same, but stops after a piece for which `body` returns false, and returns how
    /// many bytes of `chunk` it took (all of them unless it stopped). The caller feeds the
    /// rest later: how a connection whose client does not read its acks stops taking
    /// lines without losing any.
    public mutating func feedUntilStopped(_ chunk: UnsafeRawBufferPointer, _ body: (Piece) -> Bool) -> Int {
        guard let base = chunk.baseAddress else { return chunk.count }
        var start = 0
        while start < chunk.count,
            let found = memchr(base + start, Int32(ASCII.lineFeed), chunk.count - start)
        {
            let newline = UnsafeRawPointer(found) - base
            let piece = UnsafeRawBufferPointer(rebasing: chunk[start..<newline])
            var goOn = true
            if skipping {
                skipping = false
            } else if tail.isEmpty {
                goOn = body(piece.count > maxLineLength ? .tooLong : .line(piece))
            } else if tail.count + piece.count > maxLineLength {
                resetTail()
                goOn = body(.tooLong)
            } else {
                tail.append(contentsOf: piece)
                goOn = tail.withUnsafeBytes { body(.line($0)) }
                tail.removeAll(keepingCapacity: true)
            }
            start = newline + 1
            if !goOn { return start }
        }
        guard start < chunk.count, !skipping else { return chunk.count }
        let rest = UnsafeRawBufferPointer(rebasing: chunk[start...])
        if tail.count + rest.count > maxLineLength {
            resetTail()
            skipping = true
            _ = body(.tooLong)
        } else {
            tail.append(contentsOf: rest)
        }
        return chunk.count
    }

    /// At end of input: the unfinished last line, if any (a file need not end with `\n`).
    public mutating func finish(_ body: (Piece) -> Void) {
        skipping = false
        guard !tail.isEmpty else { return }
        tail.withUnsafeBytes { body(.line($0)) }
        resetTail()
    }

    /// Forgets the tail; gives back its memory if an unusually long line grew it.
    private mutating func resetTail() {
        tail.removeAll(keepingCapacity: tail.capacity <= 4096)
    }
}
