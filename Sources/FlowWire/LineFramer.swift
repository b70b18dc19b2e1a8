import FlowCore

/// Splits a byte stream into lines (EVENTS.md framing): `\n` ends a line, a line longer
/// than `maxLineLength` bytes is reported once as too long and skipped up to the next `\n`.
/// Keeps the unfinished tail between chunks. Used by the socket server and file replay.
public struct LineFramer: Sendable {
    public enum Piece {
        /// A complete line without its `\n` (a trailing `\r` still present).
        case line(UnsafeRawBufferPointer)
        /// A line over the limit was dropped.
        case tooLong
    }

    public let maxLineLength: Int

    public init(maxLineLength: Int = 64 * 1024) {
        self.maxLineLength = maxLineLength
    }

    /// Feeds a chunk; calls `body` for each complete line or over-long line in order.
    /// The buffer passed to `.line` is valid only during the call.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Piece) -> Void) {
        fatalError("TODO")
    }

    /// At end of input: the unfinished last line, if any (a file need not end with `\n`).
    public mutating func finish(_ body: (Piece) -> Void) {
        fatalError("TODO")
    }
}
