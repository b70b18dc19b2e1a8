import FlowCore
import FlowWire

/// 2026-11-24T10:15:02Z, the time of EVENTS.md's example with a `ts`.
let now: EpochMillis = 1_795_515_302_000

let parser = WireParser(knownSLOs: ["checkout_latency", "login_success"])

/// The event a line parses to, or nil if it was blank or rejected.
func event(_ line: String, receivedAt: EpochMillis = now) -> Event? {
    if case .event(let event) = parser.parse(line, receivedAt: receivedAt) { return event }
    return nil
}

/// The body of the event a line parses to.
func body(_ line: String) -> EventBody? { event(line)?.body }

/// The rejection of a line, or nil if it was accepted or blank.
func rejection(_ line: String, receivedAt: EpochMillis = now) -> Rejection? {
    if case .rejected(let rejection) = parser.parse(line, receivedAt: receivedAt) { return rejection }
    return nil
}

/// The reason code a line is rejected with.
func reason(_ line: String) -> RejectReason? { rejection(line)?.reason }

/// Parses raw bytes, which need not be UTF-8.
func parse(bytes: [UInt8], receivedAt: EpochMillis = now) -> ParseResult {
    bytes.withUnsafeBytes { parser.parse($0, receivedAt: receivedAt) }
}
