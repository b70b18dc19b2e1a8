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
/// Foundation, no allocation beyond the event's own strings (a few million lines a
/// second on one core in release builds). It is the only place that knows the wire
/// format; past it everything is typed.
///
/// The whole line is checked as JSON first (`invalid_json`, detail saying what and at
/// which byte), then the fields; `EventDecoder` documents the order of the checks and
/// the choices EVENTS.md leaves open, `FieldReader` the per-type rules.
///
/// ```swift
/// let parser = WireParser(knownSLOs: ["checkout_latency"])
/// switch parser.parse(#"{"type":"message_sent","channel":"sms"}"#, receivedAt: clock.now()) {
/// case .event(let event): batch.append(event)
/// case .rejected(let rejection): counts.add(rejection.reason)
/// case .blank: break
/// }
/// ```
public struct WireParser: Sendable {
    public let knownSLOs: Set<String>
    /// How far from the receive time an event's `ts` may lie (`EventHorizon`).
    public let horizon: EventHorizon
    public var maxFutureSkewMillis: EpochMillis { horizon.maxFutureSkewMillis }

    /// A parser for an engine with `horizon` (`EventHorizon(configuration:)`; the default
    /// is that of the default configuration).
    public init(knownSLOs: Set<String>, horizon: EventHorizon = EventHorizon()) {
        self.knownSLOs = knownSLOs
        self.horizon = horizon
    }

    public init(knownSLOs: Set<String>, maxFutureSkewMillis: EpochMillis) {
        var horizon = EventHorizon()
        horizon.maxFutureSkewMillis = maxFutureSkewMillis
        self.init(knownSLOs: knownSLOs, horizon: horizon)
    }

    /// Parses one line, without its `\n` (a trailing `\r` is dropped). An event without `ts`
    /// gets `receivedAt`; one more than `maxFutureSkewMillis` after it is `ts_in_future`,
    /// one older than the horizon keeps `ts_too_old`.
    ///
    /// With `labels` (one per connection), a tenant, model, channel or other label it has
    /// seen is handed out from the cache instead of decoded again: no allocation for a
    /// label past 15 bytes. The result is the same either way.
    public func parse(_ line: UnsafeRawBufferPointer, receivedAt: EpochMillis, labels: LabelCache? = nil) -> ParseResult {
        var length = line.count
        if length > 0, line[length - 1] == ASCII.carriageReturn { length -= 1 }
        let bytes = UnsafeRawBufferPointer(rebasing: line[0..<length])
        var start = 0
        while start < length, bytes[start] == ASCII.space || bytes[start] == ASCII.tab
            || bytes[start] == ASCII.carriageReturn
        {
            start += 1
        }
        if start == length { return .blank }

        // The known fields' locations live in one stack-allocated row of slots, so a line
        // costs no heap allocation until its strings are decoded.
        return withUnsafeTemporaryAllocation(of: ScannedValue.self, capacity: Field.count) { slots in
            slots.initialize(repeating: .absent)
            var scanner = JSONScanner(bytes, at: start)
            do throws(JSONSyntaxError) {
                try scanner.scanTopLevelObject { key, value in
                    if let field = Self.field(named: key, in: bytes) { slots[field.rawValue] = value }
                }
            } catch {
                return .rejected(Rejection(.invalidJSON, error.detail))
            }
            let decoder = EventDecoder(fields: FieldReader(bytes: bytes, slots: slots, labels: labels), horizon: horizon)
            do throws(Rejection) {
                return .event(try decoder.event(receivedAt: receivedAt, knownSLOs: knownSLOs))
            } catch {
                return .rejected(error)
            }
        }
    }

    /// The known field a key names; a key written with escapes is unescaped first.
    /// Later duplicates overwrite earlier slots, so the last occurrence of a key wins.
    private static func field(named key: ScannedValue, in bytes: UnsafeRawBufferPointer) -> Field? {
        guard !key.flag else { return JSONStringDecoding.withBytes(of: key, in: bytes) { Field.match($0) } }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[key.start..<key.end])
        return Field.match(raw, readable: bytes.count - key.start)
    }

    /// Convenience for tests and tools.
    public func parse(_ line: String, receivedAt: EpochMillis) -> ParseResult {
        var copy = line
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0), receivedAt: receivedAt) }
    }
}
