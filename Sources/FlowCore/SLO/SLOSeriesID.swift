/// One series of an SLO: the total over every tenant, one tenant, or one AI model; in a
/// fleet view also one engine (`instance`, its Prometheus label: docs/fleet.md).
///
/// Series are separate dimensions (a tenant series counts every model of that tenant);
/// labels past the configured cap share the series labelled `other`. An engine keeps no
/// instance series: only the fleet's sums have them.
public enum SLOSeriesID: Sendable, Hashable, Codable {
    case total
    case tenant(String)
    case model(String)
    case instance(String)

    /// `total`, `tenant:acme`, `model:gpt-4o`: how it appears in reports, the API and keys.
    public var label: String {
        switch self {
        case .total: "total"
        case .tenant(let t): "tenant:\(t)"
        case .model(let m): "model:\(m)"
        case .instance(let i): "instance:\(i)"
        }
    }

    /// Parses `label`; nil for anything else.
    public init?(label: String) {
        if label == "total" {
            self = .total
        } else if label.hasPrefix("tenant:"), label.count > 7 {
            self = .tenant(String(label.dropFirst(7)))
        } else if label.hasPrefix("model:"), label.count > 6 {
            self = .model(String(label.dropFirst(6)))
        } else if label.hasPrefix("instance:"), label.count > 9 {
            self = .instance(String(label.dropFirst(9)))
        } else {
            return nil
        }
    }
}
