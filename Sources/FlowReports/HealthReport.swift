import FlowCore
import FlowFormats

/// A health status as the original framework's health checks report it: `healthy`,
/// `degraded` (working, but someone should look: no events for a while, a notifier
/// failing) or `unhealthy` (not doing its job: not listening, ingest or the engine stuck).
public enum HealthStatus: String, Sendable, Comparable {
    case healthy, degraded, unhealthy

    public static func < (a: HealthStatus, b: HealthStatus) -> Bool { a.rank < b.rank }
    private var rank: Int { self == .healthy ? 0 : self == .degraded ? 1 : 2 }
}

/// One check's verdict with a human-readable detail ("last event 3s ago").
public struct HealthCheckResult: Sendable, Equatable {
    public var name: String
    public var status: HealthStatus
    public var detail: String

    public init(name: String, status: HealthStatus, detail: String) {
        self.name = name
        self.status = status
        self.detail = detail
    }
}

/// Every check at one moment; `status` is the worst of them, and `failingProbes` the
/// Kubernetes probes that fail on it (docs/health.md says which check fails which).
///
/// ```json
/// {"status": "unhealthy", "checked_at": "2026-11-25T10:00:00Z",
///  "checks": [{"name": "ingest_progress", "status": "unhealthy",
///              "detail": "bytes read 12s ago are not in the engine yet; readiness fails from 10s"}],
///  "probes": {"liveness": true, "readiness": false, "startup": true}}
/// ```
public struct HealthReport: Sendable, Equatable {
    public var status: HealthStatus
    public var checks: [HealthCheckResult]
    public var checkedAt: EpochMillis
    public var failingProbes: Set<ProbeKind>

    public init(status: HealthStatus, checks: [HealthCheckResult], checkedAt: EpochMillis, failingProbes: Set<ProbeKind> = []) {
        self.status = status
        self.checks = checks
        self.checkedAt = checkedAt
        self.failingProbes = failingProbes
    }

    /// Whether `probe` passes (HTTP 200) on this report.
    public func passes(_ probe: ProbeKind) -> Bool { !failingProbes.contains(probe) }

    /// `{"status":..., "checked_at":..., "checks":[{"name","status","detail"}], "probes":{...}}`.
    public func json() -> JSONValue {
        .object([
            ("status", .string(status.rawValue)),
            ("checked_at", .string(ReportFormatting.rfc3339(checkedAt))),
            ("checks", .array(checks.map { .object([("name", .string($0.name)), ("status", .string($0.status.rawValue)),
                                                    ("detail", .string($0.detail))]) })),
            ("probes", .object(ProbeKind.allCases.map { ($0.rawValue, .bool(passes($0))) })),
        ])
    }
}

/// The Kubernetes probes of `/health/kubernetes/{probe_type}`.
public enum ProbeKind: String, Sendable, CaseIterable {
    /// Fails only when the process is stuck: Kubernetes then kills it, and with no store
    /// yet everything the engine holds is lost, so this is the most careful verdict.
    case liveness
    /// Fails while the engine cannot do its job (not listening, ingest or the engine
    /// wedged): Kubernetes takes it out of its Service's endpoints until it recovers.
    case readiness
    /// Passes once the event socket listens.
    case startup
}
