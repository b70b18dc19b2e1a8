import FlowCore
import TerminalUI

/// How SLO numbers and states read and which role colours them, shared by the SLO pane,
/// the alerts pane and the SLO detail view so the three always agree.
enum SLOText {
    /// An objective with as many decimals as it has: "99%", "99.5%", "99.95%".
    static func objective(_ objective: Double) -> String {
        var text = NumberFormat.fixed(objective * 100, digits: 3)
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
        return text + "%"
    }

    /// An SLI with one more decimal than the objective needs: 99.9% shows "99.951%".
    static func sli(_ sli: Double?, objective: Double) -> String {
        guard let sli else { return "no data" }
        let digits = objective >= 0.999 ? 3 : 2
        return NumberFormat.percent(sli, digits: digits)
    }

    static func burn(_ value: Double?) -> String {
        value.map(NumberFormat.burn) ?? "–"
    }

    /// "1h/5m >14.4": the tier's windows and factor.
    static func tier(_ tier: AlertTier) -> String {
        "\(tier.longWindow.rawValue)/\(tier.shortWindow.rawValue) >\(NumberFormat.burn(tier.factor))"
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .page: "PAGE"
        case .ticket: "TICKET"
        }
    }

    static func role(_ severity: Severity) -> StyleRole {
        switch severity {
        case .page: .crit
        case .ticket: .warn
        }
    }

    /// ok / warn / crit from the worst firing tier; "—" dim with no data.
    static func status(_ slo: SLOStatus) -> (label: String, role: StyleRole) {
        if let worst = slo.worstFiring { return worst == .page ? ("crit", .crit) : ("warn", .warn) }
        if slo.sli == nil { return ("—", .dim) }
        return ("ok", .ok)
    }

    /// A burn value coloured by the most severe tier over that window it exceeds.
    static func burnRole(_ slo: SLOStatus, window: BurnWindow, value: Double?) -> StyleRole {
        guard let value else { return .dim }
        let exceeded = slo.alerts.map(\.tier)
            .filter { ($0.longWindow == window || $0.shortWindow == window) && value > $0.factor }
            .map(\.severity)
        return exceeded.min().map(role) ?? .normal
    }

    /// Burn history is drawn from 0 to at least 1 (spending the budget exactly on time), so
    /// a calm SLO's noise stays low instead of filling the row.
    static func burnRange(_ history: [Double?]) -> ClosedRange<Double> {
        0...max(1, history.compactMap { $0 }.max() ?? 1)
    }

    /// Budget left: crit when spent, warn under a quarter, else ok.
    static func budgetRole(_ remaining: Double?) -> StyleRole {
        guard let remaining else { return .dim }
        if remaining <= 0 { return .crit }
        if remaining < 0.25 { return .warn }
        return .ok
    }
}
