import FlowCore
import FlowIngest
import FlowNotify

/// A health status as the original framework's health checks report it.
enum HealthStatus: String, Sendable, Comparable {
    case healthy, degraded, unhealthy

    static func < (a: HealthStatus, b: HealthStatus) -> Bool { a.rank < b.rank }
    private var rank: Int { self == .healthy ? 0 : self == .degraded ? 1 : 2 }
}

/// One check's verdict with a human-readable detail ("last event 3s ago").
struct HealthCheckResult: Sendable, Equatable {
    var name: String
    var status: HealthStatus
    var detail: String
}

/// Every check at one moment; `status` is the worst of them.
struct HealthReport: Sendable, Equatable {
    var status: HealthStatus
    var checks: [HealthCheckResult]
    var checkedAt: EpochMillis

    /// `{"status":..., "checked_at":..., "checks":[{"name","status","detail"}]}`.
    func json() -> JSONValue {
        .object([
            ("status", .string(status.rawValue)),
            ("checked_at", .string(ReportFormatting.rfc3339(checkedAt))),
            ("checks", .array(checks.map { .object([("name", .string($0.name)), ("status", .string($0.status.rawValue)),
                                                    ("detail", .string($0.detail))]) })),
        ])
    }
}

/// The Kubernetes probes of `/health/kubernetes/{probe_type}`.
enum ProbeKind: String, Sendable, CaseIterable {
    case liveness, readiness, startup
}

/// The engine's health checks (socket listening, last event age, notifier reachability).
///
/// STUB: interface only; the checks are being written (issue 6).
final class HealthMonitor: Sendable {
    private let host: EngineHost

    init(host: EngineHost, server: IngestServer?, notifiers: NotifierStatusProvider?) {
        self.host = host
    }

    func report() -> HealthReport {
        HealthReport(status: .healthy, checks: [], checkedAt: host.clock.now())
    }

    /// Whether the probe passes (HTTP 200, else 503), with the report that decided it.
    func probe(_ kind: ProbeKind) -> (ok: Bool, report: HealthReport) {
        let report = report()
        return (report.status != .unhealthy, report)
    }
}
