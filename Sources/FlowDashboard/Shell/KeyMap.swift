import FlowCore
import TerminalUI

/// What the app should do after a key.
public enum DashboardCommand: Sendable, Hashable {
    /// Nothing changed.
    case none
    /// The view state changed: draw again.
    case redraw
    /// The query (tenant, model, detail or its range) changed: take a fresh snapshot, even
    /// while paused, and draw.
    case refresh
    /// Leave the dashboard.
    case quit
    /// Add this silence (Enter in the silence prompt); answer with `finish(_:_:)`.
    case silence(SilenceRequest)
    /// Acknowledge the alerts with these fingerprints, a group's members (`a`); `alert`
    /// names the group in the notice.
    case acknowledge(fingerprints: [String], alert: String)
    /// Take back the acknowledgements of these alerts (`a` on an acknowledged group; `by`
    /// gave the first).
    case unacknowledge(fingerprints: [String], alert: String, by: String)
    /// Expire these silences: the ones made for exactly the selected alert (`x` in the
    /// alerts pane; `alert` names it, `stillSilencedBy` the broader silences left muting
    /// it), or the one selected in the silences view (`x` there; `alert` nil).
    case expireSilences(ids: [String], alert: String?, stillSilencedBy: [String] = [])
}

extension DashboardState {
    /// Applies one key, k9s-style: `?` help, Enter drills in, Esc goes back one level.
    ///
    /// | key | main view | SLO detail | funnel stage | attribution views |
    /// | --- | --- | --- | --- | --- |
    /// | q, Ctrl-C | quit | quit | quit | quit |
    /// | Tab, Shift-Tab | next / previous pane (nothing with one pane shown: `z`, `--pane`) | – | – | – |
    /// | z | the focused pane over the whole body, and back (nothing with `--pane`) | – | – | – |
    /// | ↑ ↓ j k, PgUp PgDn, Home End | select a row | select a breakdown row | previous / next stage | previous / next channel (channel view) |
    /// | Enter | an SLO's detail (SLOs pane), an alert group's series and tiers (Alerts pane), a stage (Funnel pane), a channel (Attribution pane) | the selected row's series | – | – |
    /// | Esc | – | back one level: series, SLO, main view | main view | main view |
    /// | s | next SLO order (SLOs pane): burn, name, budget; silence the selected group (Alerts pane, group view) | next breakdown order: burn, name, events | – | – |
    /// | a | acknowledge the selected group, or take its acknowledgements back (Alerts pane, group view) | – | – | – |
    /// | x | expire the silences made for exactly the selected group (Alerts pane, group view) | – | – | – |
    /// | i | show / hide inhibited tiers (Alerts pane, group view) | – | – | – |
    /// | S, A, N | silences (↑↓ select, `x` expires one), alert statistics, notifiers | same | same | same |
    /// | 1-5 | – | chart range 1h, 6h, 1d, 3d, 30d | – | – |
    /// | [ ], ← → | – | previous / next SLO (in the SLO pane's order) | – | – |
    /// | p | next funnel period, 7, 30, 90 days (Funnel pane) | – | same | – |
    /// | b | next funnel breakdown: none, source, tenant (Funnel pane) | – | same | – |
    /// | f | feature impact (Attribution pane) | – | – | feature impact, in place |
    /// | r | AI ROI (Attribution pane), else rejected lines by reason | rejected lines | rejected lines | AI ROI, in place |
    /// | R | rejected lines by reason | same | same | same |
    /// | m | next attribution model | same | same | same (the view follows) |
    /// | / | filter the focused pane's list by a regular expression (`ListFilter`); Esc clears it | – | – | – |
    /// | t | the tenant picker: all, then each tenant of `snapshot.tenants`, typing filters | same | same | same |
    /// | space | pause / resume | same | same | same |
    /// | ? | help | help | help | help |
    ///
    /// `s` in the Alerts pane opens the silence prompt (`SilencePrompt`), which takes every
    /// key but Ctrl-C until Enter or Esc; Enter gives `.silence`, `a` gives `.acknowledge`
    /// (`.unacknowledge` on an acknowledged alert) and `x` `.expireSilences`, which the app
    /// carries out and answers with `finish(_:_:)`. The notice that answer leaves in the
    /// footer lasts until the next key. `S`, `A` and `N` open the silences, statistics and
    /// notifier views over whatever is shown, and switch between them in place.
    ///
    /// `/` opens the filter prompt in the footer and `t` the tenant picker; both take every
    /// key but Ctrl-C until Enter or Esc.
    ///
    /// `snapshot` is the one on screen: it bounds the selection and lists the tenants.
    public mutating func handle(_ key: Key, snapshot: EngineSnapshot?) -> DashboardCommand {
        let before = self
        switch key {
        case .interrupt: return .quit
        case .resize: return .redraw
        default: break
        }
        notice = nil
        if silencePrompt != nil {
            let command = handleInSilencePrompt(key)
            return command == .none && self != before ? .redraw : command
        }
        // The `/` prompt and the tenant picker take every key; the rest see the lists as
        // the panes show them, filtered.
        if filterPrompt != nil { handleInFilterPrompt(key) }
        if tenantPicker != nil, before.filterPrompt == nil { handleInTenantPicker(key, snapshot: snapshot) }
        if before.filterPrompt != nil || before.tenantPicker != nil {
            return query != before.query ? .refresh : self == before ? .none : .redraw
        }
        let snapshot = snapshot.map(visible)
        switch key {
        case .char("q"), .char("Q"):
            return .quit
        case .escape:
            if !overlays.isEmpty { overlays.removeLast() } else { filters[focus] = nil }
        case .char("/") where overlays.isEmpty:
            openFilterPrompt()
        case .char("?"), .function(1):
            toggle(.help)
        case .char("r") where attributionKeysApply:
            showAttributionView(.aiROI)
        case .char("r"), .char("R"):
            toggle(.rejected)
        case .char("S"):
            showAlertingView(.silences(selected: silenceToSelect(snapshot)))
        case .char("A"):
            showAlertingView(.alertStatistics)
        case .char("N"):
            showAlertingView(.notifiers)
        case .char("m"):
            model = model.next
        case .char("t"):
            openTenantPicker(snapshot: snapshot)
        case .char(" "):
            isPaused.toggle()
        default:
            if case .sloDetail? = overlay {
                handleInDetail(key, snapshot: snapshot)
            } else if case .funnelStage? = overlay {
                handleInFunnelStage(key, snapshot: snapshot)
            } else if overlay?.isAttributionView == true {
                handleInAttributionView(key, snapshot: snapshot)
            } else if case .silences? = overlay, let command = handleInSilencesView(key, snapshot: snapshot) {
                return command
            } else if case .alertGroup? = overlay, let command = handleInAlertGroup(key, snapshot: snapshot) {
                return command
            } else if overlays.isEmpty, let command = handleInMainView(key, snapshot: snapshot) {
                return command
            }
        }
        if query != before.query { return .refresh }
        return self == before ? .none : .redraw
    }

    /// A command for the app, or nil when the change of state says it all.
    private mutating func handleInMainView(_ key: Key, snapshot: EngineSnapshot?) -> DashboardCommand? {
        switch key {
        case .char("s") where focus == .alerts, .char("a") where focus == .alerts, .char("x") where focus == .alerts:
            return handleAlertKey(key, snapshot: snapshot)
        case .char("i") where focus == .alerts:
            showsInhibited.toggle()
        case .tab where !showsOnePane:
            focus = cycle(focus, by: 1)
        case .backTab where !showsOnePane:
            focus = cycle(focus, by: -1)
        case .char("z"):
            toggleZoom()
        case .char("s") where focus == .slos:
            resortSLOs(snapshot: snapshot)
        case .char("p") where focus == .funnel, .char("b") where focus == .funnel:
            handleFunnelQueryKey(key)
        case .char("f") where focus == .attribution:
            showAttributionView(.featureImpact)
        case .enter:
            drillIn(snapshot: snapshot)
        default:
            if let step = Self.selectionStep(key) { move(by: step, snapshot: snapshot) }
        }
        return nil
    }

    /// How far a key moves a selection, nil for a key that does not.
    static func selectionStep(_ key: Key) -> Int? {
        switch key {
        case .down, .char("j"): 1
        case .up, .char("k"): -1
        case .pageDown: 10
        case .pageUp: -10
        case .home, .char("g"): Int.min / 2
        case .end, .char("G"): Int.max / 2
        default: nil
        }
    }

    /// `index + step` kept inside `0..<count` (`count` > 0), without overflowing.
    static func clamp(_ index: Int, by step: Int, count: Int) -> Int {
        min(max(0, min(index, count - 1).addingReportingOverflow(step).partialValue), count - 1)
    }

    private mutating func toggle(_ overlay: DashboardOverlay) {
        if overlays.last == overlay {
            overlays.removeLast()
        } else {
            overlays.append(overlay)
        }
    }

    private func cycle(_ pane: DashboardPane, by step: Int) -> DashboardPane {
        let all = DashboardPane.allCases
        let i = ((all.firstIndex(of: pane) ?? 0) + step + all.count) % all.count
        return all[i]
    }

    /// The next SLO order; the selected SLO stays selected.
    private mutating func resortSLOs(snapshot: EngineSnapshot?) {
        let row = snapshot.flatMap { sloRow(in: $0) }
        if let snapshot, let row, selectedSLO == nil { selectSLO(row: row, in: snapshot) }
        sloSort = sloSort.next
        if let snapshot, let i = sloRow(in: snapshot) { selection[.slos] = i }
    }

    private mutating func move(by step: Int, snapshot: EngineSnapshot?) {
        let count = rowCount(of: focus, in: snapshot)
        guard count > 0 else { return }
        if focus == .slos, let snapshot {
            let current = sloRow(in: snapshot) ?? 0
            let next = Self.clamp(current, by: step, count: count)
            if next != current { selectSLO(row: next, in: snapshot) }
            return
        }
        if focus == .alerts, let snapshot {
            moveAlertSelection(by: step, snapshot: snapshot)
            return
        }
        let next = Self.clamp(selectedRow(in: focus), by: step, count: count)
        if next != selectedRow(in: focus) { selection[focus] = next }
    }

    /// Enter on an SLO opens its detail; on an alert, the alert's SLO and, below it, the
    /// alert's series when that is not the one the SLO level shows; on a stage or a
    /// channel, that stage or channel in depth.
    private mutating func drillIn(snapshot: EngineSnapshot?) {
        guard let snapshot else { return }
        switch focus {
        case .slos:
            if let i = sloRow(in: snapshot) {
                overlays.append(.sloDetail(SLODetailLevel(slo: sortedSLOs(snapshot)[i].name)))
            }
        case .alerts:
            openAlertGroup(snapshot: snapshot)
        case .funnel:
            openFunnelStage(snapshot: snapshot)
        case .attribution:
            openAttributionChannel(snapshot: snapshot)
        }
    }

    /// Rows the selection moves over in `pane`.
    func rowCount(of pane: DashboardPane, in snapshot: EngineSnapshot?) -> Int {
        guard let snapshot else { return 0 }
        switch pane {
        case .slos: return snapshot.slos.count
        case .alerts: return alertRows(snapshot).count
        case .funnel: return snapshot.funnel.stages.count
        case .attribution: return snapshot.attribution.rows.count
        }
    }
}
