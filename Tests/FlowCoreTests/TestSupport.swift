import FlowCore
import FlowTestKit

/// The built-in `ai_request_success` SLO (99.9%), the workbook's example objective.
let requestSLO = "ai_request_success"

/// An instant on a minute boundary, ten hours into the test day, and the last
/// millisecond before it: windows of k minutes at `justBefore(end)` cover `[end - k min, end)`.
let windowEnd = TestTime.start + TestTime.hours(10)
func justBefore(_ t: EpochMillis) -> EpochMillis { t - 1 }

extension Engine {
    /// Applies events in one batch received at the last event's time.
    mutating func feed(_ events: [Event]) {
        apply(events, receivedAt: events.map(\.time).max() ?? 0)
    }

    /// The status of one SLO in a snapshot; throws when the SLO is not configured.
    mutating func status(_ slo: String, tenant: String? = nil, at now: EpochMillis) throws -> SLOStatus {
        guard let status = snapshot(SnapshotQuery(tenant: tenant), now: now).slos.first(where: { $0.name == slo }) else {
            throw MissingSLO(name: slo)
        }
        return status
    }
}

extension SLOStatus {
    /// Whether the tier with this long window fires.
    func firing(_ long: BurnWindow) -> Bool {
        alerts.first { $0.tier.longWindow == long }?.firing ?? false
    }
}

func approx(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

struct MissingSLO: Error {
    var name: String
}
