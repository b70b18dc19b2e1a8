import FlowCore
import TerminalUI

/// The attribution keys: Enter on a channel opens it in depth, `f` feature impact, `r`
/// AI ROI. Inside those three views `f` and `r` switch between them in place (Esc always
/// leads back to the pane) and ↑↓ move from channel to channel. Elsewhere `r` keeps
/// opening the rejected lines, which `R` opens from anywhere.
///
/// ```swift
/// var state = DashboardState(focus: .attribution)
/// _ = state.handle(.enter, snapshot: snapshot)       // Attribution › whatsapp
/// _ = state.handle(.char("r"), snapshot: snapshot)   // Attribution › AI ROI, in its place
/// _ = state.handle(.escape, snapshot: snapshot)      // the pane again
/// ```
extension DashboardState {
    /// The channel shown in depth: the topmost channel view, even under help.
    public var attributionChannel: String? {
        for overlay in overlays.reversed() {
            if case .attributionChannel(let channel) = overlay { return channel }
        }
        return nil
    }

    /// Whether `f` and `r` open the attribution views: in one of them, or in the main
    /// view with the attribution pane focused.
    var attributionKeysApply: Bool {
        guard let overlay else { return focus == .attribution }
        return overlay.isAttributionView
    }

    /// Shows `view` in place of the attribution view on top, or over the main view, so
    /// `f` `r` `f`… never stack up more than one level.
    mutating func showAttributionView(_ view: DashboardOverlay) {
        if overlay?.isAttributionView == true {
            overlays[overlays.count - 1] = view
        } else {
            overlays.append(view)
        }
    }

    /// Enter in the attribution pane: the selected channel in depth.
    mutating func openAttributionChannel(snapshot: EngineSnapshot) {
        let rows = snapshot.attribution.rows
        guard let i = selectedRow(in: .attribution, count: rows.count) else { return }
        overlays.append(.attributionChannel(rows[i].channel))
    }

    /// In an attribution view: `f` feature impact; in the channel view ↑↓ (and the other
    /// selection keys) move to another channel in the pane's order, and the pane's
    /// selection follows. From a channel no longer listed they go back to the pane's row.
    mutating func handleInAttributionView(_ key: Key, snapshot: EngineSnapshot?) {
        if key == .char("f") {
            showAttributionView(.featureImpact)
            return
        }
        guard case .attributionChannel(let channel)? = overlay, let step = Self.selectionStep(key) else { return }
        let channels = snapshot?.attribution.rows.map(\.channel) ?? []
        guard let row = selectedRow(in: .attribution, count: channels.count) else { return }
        var next = row
        if let current = channels.firstIndex(of: channel) {
            next = Self.clamp(current, by: step, count: channels.count)
            guard next != current else { return }
        }
        overlays[overlays.count - 1] = .attributionChannel(channels[next])
        selection[.attribution] = next
    }
}
