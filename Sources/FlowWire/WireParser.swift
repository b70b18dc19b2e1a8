import FlowCore

/// What one line of the protocol turned out to be.
public enum ParseResult: Sendable, Equatable {
    case event(Event)
    /// An empty or all-whitespace line: ignored, neither accepted nor rejected.
    case blank
    case rejected(Rejection)
}

/// Parses one NDJSON line of EVENTS.md into a typed `Event`, or says why not.
///
/// Total: no input makes it crash or hang. Fast: a single pass over the bytes, no
/// Foundation, no allocation beyond the event's own strings.
public struct WireParser: Sendable {
    public let knownSLOs: Set<String>
    public let maxFutureSkewMillis: EpochMillis

    public init(knownSLOs: Set<String>, maxFutureSkewMillis: EpochMillis = 300_000) {
        self.knownSLOs = knownSLOs
        self.maxFutureSkewMillis = maxFutureSkewMillis
    }

    /// Parses one line, without its `\n` (a trailing `\r` is dropped). An event without `ts`
    /// gets `receivedAt`; one more than `maxFutureSkewMillis` after it is `ts_in_future`.
    public func parse(_ line: UnsafeRawBufferPointer, receivedAt: EpochMillis) -> ParseResult {
        fatalError("TODO")
    }

    /// Convenience for tests and tools.
    public func parse(_ line: String, receivedAt: EpochMillis) -> ParseResult {
        var copy = line
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0), receivedAt: receivedAt) }
    }
}
