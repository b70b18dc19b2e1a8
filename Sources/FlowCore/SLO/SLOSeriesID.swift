/// One series of an SLO: the total over every tenant, one tenant, or one AI model.
///
/// Series are separate dimensions (a tenant series counts every model of that tenant);
/// labels past the configured cap share the series labelled `other`.
public enum SLOSeriesID: Sendable, Hashable, Codable {
    case total
    case tenant(String)
    case model(String)

    /// `total`, `tenant:acme`, `model:gpt-4o`: how it appears in reports, the API and keys.
    public var label: String {
        switch self {
        case .total: "total"
        case .tenant(let t): "tenant:\(t)"
        case .model(let m): "model:\(m)"
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
        } else {
            return nil
        }
    }
}
