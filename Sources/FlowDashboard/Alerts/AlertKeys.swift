import FlowCore
import TerminalUI

/// The alerts pane's keys, on groups (`AlertGroup`): ↑↓ move over its rows (the selection
/// follows the group as it moves between sections), Enter opens the group's series and
/// tiers, `i` shows or hides inhibited tiers, `s` opens the silence prompt for the whole
/// group, `a` acknowledges every member (or, on a group acknowledged whole, takes it
/// back), `x` expires the silences made for exactly the selected group
/// (`SilencePrompt.isMade(_:for:grouping:)`). A broader silence muting it, such as
/// `severity="ticket"` from a silences file, mutes other alerts too; `x` leaves it and the
/// notice points to the silences view (`S`).
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

    /// `s`, `a` or `x` on the selected group; nil when there is none, or when a notice
    /// says why there is nothing to do (`a` on a resolved group, `x` on one not silenced
    /// or silenced only by broader silences).
    mutating func handleAlertKey(_ key: Key, snapshot: EngineSnapshot?) -> DashboardCommand? {
        guard let snapshot, let group = selectedAlertGroup(in: snapshot) else { return nil }
        // Pinned, so the highlight stays on this group when it moves to another section.
        selectedAlert = group.id
        return act(on: group, key: key, snapshot: snapshot)
    }

    /// `s`, `a` or `x` on `group`, from the pane or from the group's own view.
    mutating func act(on group: AlertGroup, key: Key, snapshot: EngineSnapshot) -> DashboardCommand? {
        let name = AlertGroupText.name(group, dot: "·")
        switch key {
        case .char("s"):
            overlays.append(.silence(SilencePrompt(group: group, grouping: alertGrouping,
                                                   among: snapshot.alerting.alerts)))
        case .char("a"):
            return acknowledgeGroup(group, name: name, snapshot: snapshot)
        case .char("x"):
            return expireOwnSilences(group, name: name, silences: snapshot.alerting.silences)
        default:
            break
        }
        return nil
    }

    /// `a`: acknowledges every member not acknowledged yet; on a group acknowledged whole,
    /// takes the acknowledgements back. The selection goes to the next group that still
    /// needs someone, so the acknowledged group moving down never scrolls the firing rows
    /// out of view.
    private mutating func acknowledgeGroup(_ group: AlertGroup, name: String,
                                           snapshot: EngineSnapshot) -> DashboardCommand? {
        let open = group.members.filter { $0.alert.state != .resolved }
        guard !open.isEmpty else {
            notice = DashboardNotice("\(name) has resolved: nothing to acknowledge", isError: true)
            return nil
        }
        let unacknowledged = open.filter { !$0.alert.isAcknowledged }
        guard !unacknowledged.isEmpty else {
            let who = open.compactMap(\.alert.acknowledgedBy).first ?? "someone"
            return .unacknowledge(fingerprints: open.map(\.alert.fingerprint), alert: name, by: who)
        }
        let active = alertSections(snapshot).active
        if let i = active.firstIndex(where: { $0.id == group.id }) {
            let next = i + 1 < active.count ? active[i + 1] : i > 0 ? active[i - 1] : nil
            selectedAlert = next?.id
            selection[.alerts] = next == nil ? 0 : i
        }
        return .acknowledge(fingerprints: unacknowledged.map(\.alert.fingerprint), alert: name)
    }

    /// `x`: the silences muting the group's members that `s` made for exactly this group;
    /// the broader ones stay and are named, in the notice after the command or, with none of
    /// its own, right away.
    private mutating func expireOwnSilences(_ group: AlertGroup, name: String,
                                            silences: [ListedSilence]) -> DashboardCommand? {
        var muting: [String] = []
        for id in group.members.flatMap(\.silencedBy) where !muting.contains(id) { muting.append(id) }
        guard !muting.isEmpty else {
            notice = DashboardNotice("\(name) is not silenced", isError: true)
            return nil
        }
        let own = muting.filter { id in
            silences.first { $0.silence.id == id }
                .map { SilencePrompt.isMade($0.silence, for: group, grouping: alertGrouping) } ?? false
        }
        let broader = muting.filter { !own.contains($0) }
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
        selectedAlert = rows[next].id
    }

    /// Enter on a group: its members in depth (`AlertGroupView`). Grouped by every label,
    /// a burn-rate alert opens its SLO and series instead, as before grouping.
    mutating func openAlertGroup(snapshot: EngineSnapshot) {
        guard let group = selectedAlertGroup(in: snapshot) else { return }
        selectedAlert = group.id
        guard alertGrouping == .oneRowPerAlert else {
            overlays.append(.alertGroup(id: group.id, name: AlertGroupText.name(group, dot: "·")))
            return
        }
        guard let slo = group.lead.alert.slo, AlertText.isBurnRate(group.lead.alert) else { return }
        openSLO(slo, series: AlertText.series(group.lead.alert))
    }

    /// An SLO's detail and, below it, `series` when that is not the one the SLO level shows.
    mutating func openSLO(_ slo: String, series: SLOSeriesID) {
        let level = SLODetailLevel(slo: slo)
        overlays.append(.sloDetail(level))
        if series != level.shownSeries(tenant: tenant) {
            overlays.append(.sloDetail(SLODetailLevel(slo: slo, series: series)))
        }
    }
}
