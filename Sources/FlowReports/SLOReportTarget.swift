import FlowCore

/// The one SLO that `flowtop report slo --name NAME [--series S] [--range R]` shows in
/// depth: which SLO, which of its series, and how far back the history reaches.
///
/// Checked in two steps, each with a message that lists what would have been valid: the
/// spelling of the series and range before the replay, the SLO and series names against
/// the replayed engine after it (an SLO file can change the names; series exist only once
/// events named them).
///
/// ```swift
/// let target = try SLOReportTarget(name: "ai_request_success", series: "tenant:acme", range: "1d")
/// let snap = try replaySnapshot(input: path, now: nil,
///                               query: SnapshotQuery(detail: try target.query(tenant: nil)))
/// try target.check(snap)   // unknown SLO or series -> UserFacingError
/// ```
public struct SLOReportTarget: Sendable, Equatable {
    public var name: String
    /// nil: the series of `--tenant` when one is given, else the total.
    public var series: SLOSeriesID?
    public var range: SLOHistoryRange

    /// The range shown when `--range` is not given.
    public static let defaultRange = SLOHistoryRange.h6

    public init(name: String, series: String? = nil, range: String? = nil) throws {
        self.name = name
        if let series {
            guard let id = SLOSeriesID(label: series) else {
                throw UserFacingError("--series must be total, tenant:NAME or model:NAME (e.g. tenant:acme, model:gpt-4o), not '\(series)'")
            }
            self.series = id
        }
        if let range {
            guard let r = SLOHistoryRange(label: range) else {
                let valid = SLOHistoryRange.allCases.map(\.label).joined(separator: ", ")
                throw UserFacingError("--range must be one of \(valid), not '\(range)'")
            }
            self.range = r
        } else {
            self.range = Self.defaultRange
        }
    }

    /// What to ask the engine for. `--tenant T` alone picks the series `tenant:T`; with
    /// `--series` as well the two must agree, since the tenant filter would otherwise
    /// apply to the alerts but not to the series shown.
    public func query(tenant: String?) throws -> SLODetailQuery {
        switch (tenant, series) {
        case (nil, let s): return SLODetailQuery(slo: name, series: s ?? .total, range: range)
        case (let t?, nil): return SLODetailQuery(slo: name, series: .tenant(t), range: range)
        case (let t?, let s?):
            guard s == .tenant(t) else {
                throw UserFacingError("--series \(s.label) does not match --tenant \(t); give only one of them")
            }
            return SLODetailQuery(slo: name, series: s, range: range)
        }
    }

    /// Whether the replay knew this SLO and, when `--series` named one, that series.
    public func check(_ snapshot: EngineSnapshot) throws {
        guard let detail = snapshot.detail else {
            let names = snapshot.slos.map(\.name)
            throw UserFacingError("no SLO named '\(name)'; the SLOs are: \(Self.list(names))")
        }
        guard let series, series != .total else { return }
        let known = detail.breakdown.map(\.series)
        guard known.contains(series) else {
            let valid = [SLOSeriesID.total.label] + known.map(\.label)
            throw UserFacingError("\(name) has no series \(series.label) in this input; its series are: \(Self.list(valid))")
        }
    }

    /// Comma-separated, the first 30 and a count of the rest.
    private static func list(_ items: [String]) -> String {
        let shown = items.prefix(30).joined(separator: ", ")
        return items.count > 30 ? shown + " and \(items.count - 30) more" : shown
    }
}
