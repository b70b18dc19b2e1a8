import FlowCore
import TerminalUI

/// The alerts pane's keys: ↑↓ move over its rows (the selection follows the alert as it
/// moves between sections), Enter opens a burn-rate alert's SLO and series, `s` opens the
/// silence prompt, `a` acknowledges (or, on an acknowledged alert, takes it back), `x`
/// expires the silences made for exactly the selected alert (`SilencePrompt.isMade(_:for:)`).
/// A broader silence muting it, such as `severity="ticket"` from a silences file, mutes
/// other alerts too; `x` leaves it and the notice points to the silences view (`S`).
///
/// ```swift
/// var state = DashboardState(focus: .alerts)
/// _ = state.handle(.char("s"), snapshot: snapshot)    // the prompt opens
/// let command = state.handle(.enter, snapshot: snapshot)   // .silence(request) for 1h
/// state.finish(command, .silenced(id: "silence-1", until: end))   // closed, notice shown
/// ```
extension DashboardState {
    /// The silence prompt, while it is open (it is always the top overlay).
    public var silencePrompt: SilencePrompt? {
        if case .silence(let prompt)? = overlay { prompt } else { nil }
    }

    /// Every key but Ctrl-C goes to the prompt.
    mutating func handleInSilencePrompt(_ key: Key) -> DashboardCommand {
        guard var prompt = silencePrompt else { return .none }
        switch prompt.handle(key) {
        case .none:
            return .none
        case .edited:
            overlays[overlays.count - 1] = .silence(prompt)
            return .redraw
        case .cancel:
            overlays.removeLast()
            return .redraw
        case .submit:
            return .silence(prompt.request)
        }
    }

    /// `s`, `a` or `x` on the selected alert; nil when there is none, or when a notice
    /// says why there is nothing to do (`a` on a resolved alert, `x` on one not silenced
    /// or silenced only by broader silences).
    mutating func handleAlertKey(_ key: Key, snapshot: EngineSnapshot?) -> DashboardCommand? {
        guard let snapshot, let listed = selectedListedAlert(in: snapshot) else { return nil }
        let alert = listed.alert
        // Pinned, so the highlight stays on this alert when it moves to another section.
        selectedAlert = alert.fingerprint
        let name = AlertText.name(alert, dot: "·")
        switch key {
        case .char("s"):
            overlays.append(.silence(SilencePrompt(alert: alert, among: snapshot.alerting.alerts)))
        case .char("a"):
            if alert.state == .resolved {
                notice = DashboardNotice("\(name) has resolved: nothing to acknowledge", isError: true)
            } else if let who = alert.acknowledgedBy {
                return .unacknowledge(fingerprint: alert.fingerprint, alert: name, by: who)
            } else {
                return .acknowledge(fingerprint: alert.fingerprint, alert: name)
            }
        case .char("x"):
            return expireOwnSilences(listed, name: name, silences: snapshot.alerting.silences)
        default:
            break
        }
        return nil
    }

    /// `x`: the silences muting `listed` that were made for it alone; the broader ones stay
    /// and are named, in the notice after the command or, with none of its own, right away.
    private mutating func expireOwnSilences(_ listed: ListedAlert, name: String,
                                            silences: [ListedSilence]) -> DashboardCommand? {
        guard listed.isSilenced else {
            notice = DashboardNotice("\(name) is not silenced", isError: true)
            return nil
        }
        let own = listed.silencedBy.filter { id in
            silences.first { $0.silence.id == id }.map { SilencePrompt.isMade($0.silence, for: listed.alert) } ?? false
        }
        let broader = listed.silencedBy.filter { !own.contains($0) }
        guard !own.isEmpty else {
            notice = DashboardNotice("nothing expired; " + AlertText.broaderSilences(broader, still: false),
                                     isError: true)
            return nil
        }
        return .expireSilences(ids: own, alert: name, stillSilencedBy: broader)
    }

    mutating func moveAlertSelection(by step: Int, snapshot: EngineSnapshot) {
        let rows = alertRows(snapshot)
        guard !rows.isEmpty else { return }
        let current = alertRow(in: snapshot) ?? 0
        let next = Self.clamp(current, by: step, count: rows.count)
        guard next != current else { return }
        selection[.alerts] = next
        selectedAlert = rows[next].alert.fingerprint
    }

    /// Enter on a burn-rate alert: its SLO and, below it, its series when that is not the
    /// one the SLO level shows. A threshold rule's alert has no SLO to open.
    mutating func openAlertSLO(snapshot: EngineSnapshot) {
        guard let listed = selectedListedAlert(in: snapshot), let slo = listed.alert.slo else { return }
        let series = AlertText.series(listed.alert)
        let level = SLODetailLevel(slo: slo)
        overlays.append(.sloDetail(level))
        if series != level.shownSeries(tenant: tenant) {
            overlays.append(.sloDetail(SLODetailLevel(slo: slo, series: series)))
        }
    }
}
