/// Why a line was rejected: the reason codes of EVENTS.md, exactly as they appear on the
/// wire (`sync_ack.errors[].reason`), in metrics and on the dashboard.
public enum RejectReason: String, Sendable, CaseIterable, Hashable, Codable {
    case invalidJSON = "invalid_json"
    case missingField = "missing_field"
    case wrongType = "wrong_type"
    case outOfRange = "out_of_range"
    case unknownType = "unknown_type"
    case unknownSLO = "unknown_slo"
    case lineTooLong = "line_too_long"
    case tsInFuture = "ts_in_future"
    /// Older than the engine keeps (`EventHorizon`): it would count in no window.
    case tsTooOld = "ts_too_old"
}

/// A rejected line: the reason code plus a short detail for humans (the field name, say).
public struct Rejection: Error, Sendable, Equatable {
    public var reason: RejectReason
    public var detail: String

    public init(_ reason: RejectReason, _ detail: String = "") {
        self.reason = reason
        self.detail = detail
    }
}

/// Rejections counted by reason, cheap to add up batch by batch.
public struct RejectionCounts: Sendable, Equatable, Codable {
    public private(set) var counts: [Int64]

    public init() { counts = Array(repeating: 0, count: RejectReason.allCases.count) }

    public subscript(reason: RejectReason) -> Int64 {
        get { counts[RejectReason.allCases.firstIndex(of: reason) ?? 0] }
        set { counts[RejectReason.allCases.firstIndex(of: reason) ?? 0] = newValue }
    }

    public var total: Int64 { counts.reduce(0, +) }

    public mutating func add(_ reason: RejectReason, _ n: Int64 = 1) { self[reason] += n }

    public mutating func add(_ other: RejectionCounts) {
        for i in counts.indices { counts[i] += other.counts[i] }
    }

    /// The non-zero reasons as `out_of_range 3, ts_too_old 1`, most frequent first: how
    /// `import`, `report` and `snapshot` say what they left out.
    public var summary: String { nonZero.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ") }

    /// Non-zero reasons, most frequent first.
    public var nonZero: [(RejectReason, Int64)] {
        RejectReason.allCases.map { ($0, self[$0]) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
    }
}
