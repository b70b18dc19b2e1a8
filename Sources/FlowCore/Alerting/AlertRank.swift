/// The order alerts are listed in, in one place for the engine's list and the dashboard's
/// groups: firing before pending before resolved, pages before tickets before any other
/// severity, and an alert without one last.
///
/// ```swift
/// AlertRank.state(.firing) < AlertRank.state(.pending)   // true
/// AlertRank.severity("page") < AlertRank.severity("ticket")   // true
/// ```
public enum AlertRank {
    public static func state(_ state: AlertLifecycleState) -> Int {
        switch state {
        case .firing: 0
        case .pending: 1
        case .resolved: 2
        case .inactive: 3
        }
    }

    public static func severity(_ severity: String?) -> Int {
        switch severity {
        case Severity.page.rawValue?: 0
        case Severity.ticket.rawValue?: 1
        case nil: 3
        default: 2
        }
    }
}
