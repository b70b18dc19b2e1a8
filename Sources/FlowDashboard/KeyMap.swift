import FlowCore
import TerminalUI

/// What the app should do after a key.
public enum DashboardCommand: Sendable, Hashable {
    /// Nothing changed.
    case none
    /// The view state changed: draw again.
    case redraw
    /// The query (tenant or model) changed: take a fresh snapshot, even while paused, and draw.
    case refresh
    /// Leave the dashboard.
    case quit
}

extension DashboardState {
    /// Applies one key, k9s-style: `?` help, Enter drills in, Esc goes back one level.
    ///
    /// | key | action |
    /// | --- | --- |
    /// | q, Ctrl-C | quit |
    /// | Tab, Shift-Tab | next / previous pane |
    /// | ↑ ↓ j k, Home End | select a row (in an SLO's detail: previous / next SLO) |
    /// | Enter | an SLO's detail (on the SLOs or the Alerts pane) |
    /// | Esc | close the top overlay |
    /// | m | next attribution model |
    /// | t | next tenant filter: all, then each tenant of `snapshot.tenants` |
    /// | space, p | pause / resume |
    /// | r | rejected lines by reason |
    /// | ? | help |
    ///
    /// `snapshot` is the one on screen: it bounds the selection and lists the tenants.
    public mutating func handle(_ key: Key, snapshot: EngineSnapshot?) -> DashboardCommand {
        let before = self
        switch key {
        case .char("q"), .char("Q"), .interrupt:
            return .quit
        case .resize:
            return .redraw
        case .escape:
            if !overlays.isEmpty { overlays.removeLast() }
        case .char("?"), .function(1):
            toggle(.help)
        case .char("r"):
            toggle(.rejected)
        case .char("m"):
            model = model.next
        case .char("t"):
            tenant = nextTenant(after: tenant, in: snapshot?.tenants ?? [])
        case .char(" "), .char("p"):
            isPaused.toggle()
        case .tab:
            if overlays.isEmpty { focus = cycle(focus, by: 1) }
        case .backTab:
            if overlays.isEmpty { focus = cycle(focus, by: -1) }
        case .down, .char("j"):
            move(by: 1, snapshot: snapshot)
        case .up, .char("k"):
            move(by: -1, snapshot: snapshot)
        case .pageDown:
            move(by: 10, snapshot: snapshot)
        case .pageUp:
            move(by: -10, snapshot: snapshot)
        case .home, .char("g"):
            move(by: Int.min / 2, snapshot: snapshot)
        case .end, .char("G"):
            move(by: Int.max / 2, snapshot: snapshot)
        case .enter:
            drillIn(snapshot: snapshot)
        default:
            break
        }
        if query != before.query { return .refresh }
        return self == before ? .none : .redraw
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

    /// nil (all tenants), then each tenant in order, then nil again. A filter on a tenant
    /// no longer listed restarts at the first tenant.
    private func nextTenant(after current: String?, in tenants: [String]) -> String? {
        let options: [String?] = [nil] + tenants.map { Optional($0) }
        let i = options.firstIndex(of: current) ?? 0
        return options[(i + 1) % options.count]
    }

    private mutating func move(by step: Int, snapshot: EngineSnapshot?) {
        if case .sloDetail(let name)? = overlay {
            // In the detail view the arrows page through the SLOs.
            guard let slos = snapshot?.slos, !slos.isEmpty else { return }
            let i = slos.firstIndex { $0.name == name } ?? 0
            let j = min(max(0, i.addingReportingOverflow(step).partialValue), slos.count - 1)
            overlays[overlays.count - 1] = .sloDetail(slos[j].name)
            if focus == .slos { selection[.slos] = j }
            return
        }
        guard overlays.isEmpty else { return }
        let count = rowCount(of: focus, in: snapshot)
        guard count > 0 else { return }
        let current = min(selectedRow(in: focus), count - 1)
        let next = min(max(0, current.addingReportingOverflow(step).partialValue), count - 1)
        if next != selectedRow(in: focus) { selection[focus] = next }
    }

    private mutating func drillIn(snapshot: EngineSnapshot?) {
        guard overlays.isEmpty, let snapshot else { return }
        switch focus {
        case .slos:
            if let i = selectedRow(in: .slos, count: snapshot.slos.count) {
                overlays.append(.sloDetail(snapshot.slos[i].name))
            }
        case .alerts:
            if let i = selectedRow(in: .alerts, count: snapshot.alerts.count) {
                overlays.append(.sloDetail(snapshot.alerts[i].slo))
            }
        case .funnel, .attribution:
            break
        }
    }

    /// Rows the selection moves over in `pane`.
    func rowCount(of pane: DashboardPane, in snapshot: EngineSnapshot?) -> Int {
        guard let snapshot else { return 0 }
        switch pane {
        case .slos: return snapshot.slos.count
        case .alerts: return snapshot.alerts.count
        case .funnel: return snapshot.funnel.stages.count
        case .attribution: return snapshot.attribution.rows.count
        }
    }
}
