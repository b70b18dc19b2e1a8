import FlowCore
import TerminalUI

/// The keys of the views about alerting as a whole: `S` the silences, `A` the statistics,
/// `N` the notifiers, from anywhere but the silence prompt. Pressed in one of the three,
/// another of them takes its place (Esc always leads back to where they were opened) and
/// the same key closes it. In the silences view ↑↓ select a silence and `x` expires it.
///
/// ```swift
/// var state = DashboardState(focus: .alerts)
/// _ = state.handle(.char("S"), snapshot: snapshot)    // Alerts › silences
/// _ = state.handle(.down, snapshot: snapshot)          // the second silence
/// let command = state.handle(.char("x"), snapshot: snapshot)   // .expireSilences(ids: [its id], alert: nil)
/// ```
extension DashboardState {
    /// The silences view's selected silence while it is shown: the one with the remembered
    /// id while it is listed, else the first; nil with no silences.
    public func selectedSilence(in snapshot: EngineSnapshot?) -> ListedSilence? {
        guard let silences = snapshot?.alerting.silences, !silences.isEmpty else { return nil }
        return silences.first { $0.silence.id == silencesSelection } ?? silences[0]
    }

    /// The id the silences view remembers, from the topmost silences view.
    var silencesSelection: String? {
        for overlay in overlays.reversed() {
            if case .silences(let selected) = overlay { return selected }
        }
        return nil
    }

    /// Shows `view`: closes it when it is on top already, takes the place of another
    /// alerting view, else opens over what is shown.
    mutating func showAlertingView(_ view: DashboardOverlay) {
        guard let top = overlay, top.isAlertingView else {
            overlays.append(view)
            return
        }
        if top.crumb == view.crumb {   // the same view, whatever it has selected
            overlays.removeLast()
        } else {
            overlays[overlays.count - 1] = view
        }
    }

    /// Opened from the alerts pane, the silences view starts on the first silence muting
    /// the selected alert (the one `x` there could not expire); else on the first.
    func silenceToSelect(_ snapshot: EngineSnapshot?) -> String? {
        guard overlays.isEmpty, focus == .alerts, let snapshot else { return nil }
        return selectedAlertGroup(in: snapshot)?.members.lazy.compactMap(\.silencedBy.first).first
    }

    /// ↑↓ (and the other selection keys) move over the silences in the order listed; `x`
    /// expires the selected one, unless it has expired already. nil: no command.
    ///
    /// An expired silence moves down to the expired ones, so `x` hands the selection to the
    /// next silence still in force, which takes its row: `x` `x` `x` expires one after the
    /// other. When none follows, the expired silence itself stays in that row (the most
    /// recently ended is listed first among the expired).
    mutating func handleInSilencesView(_ key: Key, snapshot: EngineSnapshot?) -> DashboardCommand? {
        guard let silences = snapshot?.alerting.silences, let selected = selectedSilence(in: snapshot),
              let row = silences.firstIndex(of: selected) else { return nil }
        let id = selected.silence.id
        if key == .char("x") {
            guard selected.state != .expired else {
                notice = DashboardNotice("\(id) has expired already", isError: true)
                return nil
            }
            if row + 1 < silences.count, silences[row + 1].state != .expired {
                overlays[overlays.count - 1] = .silences(selected: silences[row + 1].silence.id)
            }
            return .expireSilences(ids: [id], alert: nil)
        }
        guard let step = Self.selectionStep(key) else { return nil }
        let next = Self.clamp(row, by: step, count: silences.count)
        if next != row { overlays[overlays.count - 1] = .silences(selected: silences[next].silence.id) }
        return nil
    }
}
