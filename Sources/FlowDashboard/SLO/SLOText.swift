import FlowCore
import TerminalUI

/// How SLO numbers and states read and which role colours them, shared by the SLO pane,
/// the alerts pane and the SLO detail view so the three always agree.
enum SLOText {
    /// An objective with as many decimals as it has: "99%", "99.5%", "99.95%".
    static func objective(_ objective: Double) -> String {
        percent(objective, maxDigits: 3)
    }

    /// A percentage with at most `maxDigits` decimals and no trailing zeros: "99.9%", "100%".
    static func percent(_ fraction: Double, maxDigits: Int) -> String {
        var text = NumberFormat.fixed(fraction * 100, digits: maxDigits)
        // The byte, not `contains(".")`: with Foundation in the module that is NSString's
        // substring search, a tenth of the SLO pane's drawing.
        if text.utf8.contains(UInt8(ascii: ".")) {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
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
        windows(tier) + " >" + NumberFormat.burn(tier.factor)
    }

    /// "1h/5m": the tier's long and short window.
    static func windows(_ tier: AlertTier) -> String {
        "\(tier.longWindow.rawValue)/\(tier.shortWindow.rawValue)"
    }

    /// Where a tier stands, in words, and its colour: FIRING in its severity's role,
    /// inhibited and off dim, "below min traffic (n events)" when only the minimum-traffic
    /// guard holds it back, else ok.
    static func tierState(_ status: AlertTierStatus) -> (label: String, role: StyleRole) {
        switch status.state {
        case .firing: return ("FIRING", role(status.tier.severity))
        case .inhibited: return ("inhibited", .dim)
        case .disabled: return ("off", .dim)
        case .ok:
            if status.belowMinEvents {
                return ("below min traffic (\(NumberFormat.grouped(status.longEvents)) events)", .warn)
            }
            return ("ok", .ok)
        }
    }

    /// `ai_request_success · tenant:acme` (the total series adds nothing) in at most `width`
    /// columns: the SLO name is cut before the series is, so a narrow alerts pane still
    /// says which tenant or model burns.
    static func sloAndSeries(_ slo: String, _ series: SLOSeriesID, width: Int, dot: String) -> String {
        guard series != .total else { return TextFit.truncate(slo, to: width) }
        let suffix = " \(dot) " + series.label
        let full = slo + suffix
        if DisplayWidth.of(full) <= width { return full }
        let room = width - DisplayWidth.of(suffix)
        if room >= 6 { return TextFit.truncate(slo, to: room) + suffix }
        // Narrower still: the series without its `tenant:`/`model:` prefix, so a cut SLO
        // name still says which tenant or model fires ("ai_re… · claude-sonnet").
        let bare: String
        switch series {
        case .total: bare = ""
        case .tenant(let t): bare = t
        case .model(let m): bare = m
        case .instance(let i): bare = i
        }
        let shortSuffix = " \(dot) " + bare
        let shortRoom = width - DisplayWidth.of(shortSuffix)
        if shortRoom >= 5 { return TextFit.truncate(slo, to: shortRoom) + shortSuffix }
        return TextFit.truncate(full, to: width)
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

    /// The row's state as the alert list has it, so an SLO row and the alerts pane never
    /// disagree: crit (a page) or warn (a ticket) only while an alert of this SLO fires
    /// (inhibited tiers do not count; a total row counts every series' alerts, a tenant's or
    /// model's row that series' own); `pend` while one is pending, or while a tier burns and
    /// the engine has not judged the minute yet (alerts are evaluated at each minute's end,
    /// so a tier can burn up to a minute before its alert exists); "—" dim with no data;
    /// else ok.
    ///
    /// ```swift
    /// SLOText.status(slo, alerts: snapshot.alerting.alerts)   // ("pend", .warn) for the first minute
    /// ```
    static func status(_ slo: SLOStatus, alerts: [ListedAlert]) -> (label: String, role: StyleRole) {
        let mine = alerts.filter {
            !$0.inhibited && $0.alert.slo == slo.name && AlertText.isBurnRate($0.alert)
                && (slo.series == .total || AlertText.series($0.alert) == slo.series)
        }
        let firing = mine.filter { $0.alert.state == .firing }
        if !firing.isEmpty {
            return firing.contains { $0.alert.severity == Severity.page.rawValue } ? ("crit", .crit) : ("warn", .warn)
        }
        if slo.worstFiring != nil || mine.contains(where: { $0.alert.state == .pending }) { return ("pend", .warn) }
        if slo.sli == nil { return ("—", .dim) }
        return ("ok", .ok)
    }

    /// A burn value coloured by the most severe enabled tier over that window it exceeds.
    static func burnRole(_ slo: SLOStatus, window: BurnWindow, value: Double?) -> StyleRole {
        guard let value else { return .dim }
        let exceeded = slo.alerts.map(\.tier)
            .filter { $0.enabled && ($0.longWindow == window || $0.shortWindow == window) && value > $0.factor }
            .map(\.severity)
        return exceeded.min().map(role) ?? .normal
    }

    /// Burn history is drawn from 0 to at least 1 (spending the budget exactly on time), so
    /// a calm SLO's noise stays low instead of filling the row.
    static func burnRange(_ history: [Double?]) -> ClosedRange<Double> {
        0...max(1, history.compactMap { $0 }.max() ?? 1)
    }

    /// A latency in milliseconds: "4.2ms", "840ms", "1.24s", "12.5s", "2m 5s".
    static func latency(_ ms: Double) -> String {
        if ms < 10 { return NumberFormat.fixed(ms, digits: 1) + "ms" }
        if ms < 999.5 { return NumberFormat.fixed(ms, digits: 0) + "ms" }
        if ms < 9_995 { return NumberFormat.fixed(ms / 1000, digits: 2) + "s" }
        if ms < 59_950 { return NumberFormat.fixed(ms / 1000, digits: 1) + "s" }
        return DurationFormat.duration(seconds: ms / 1000)
    }

    /// Budget left: crit when spent, warn under a quarter, else ok.
    static func budgetRole(_ remaining: Double?) -> StyleRole {
        guard let remaining else { return .dim }
        if remaining <= 0 { return .crit }
        if remaining < 0.25 { return .warn }
        return .ok
    }
}
