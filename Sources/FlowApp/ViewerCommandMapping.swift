import FlowDashboard
import FlowViewer

extension ViewerCommand {
    /// The engine change a dashboard key asks for; nil for keys that change only the view.
    init?(_ command: DashboardCommand) {
        switch command {
        case .silence(let request):
            self = .silence(matchers: request.matchers, duration: request.duration, comment: request.comment,
                            alert: request.alert)
        case .acknowledge(let fingerprints, let alert):
            // The first alone, as protocol version 1 has it; the rest of the group in `also`.
            self = .acknowledge(fingerprint: fingerprints.first ?? "", alert: alert,
                                also: fingerprints.count > 1 ? Array(fingerprints.dropFirst()) : nil)
        case .unacknowledge(let fingerprints, let alert, _):
            self = .unacknowledge(fingerprint: fingerprints.first ?? "", alert: alert,
                                  also: fingerprints.count > 1 ? Array(fingerprints.dropFirst()) : nil)
        case .expireSilences(let ids, _, _):
            self = .expireSilences(ids: ids)
        case .none, .redraw, .refresh, .quit:
            return nil
        }
    }
}

extension CommandOutcome {
    init(_ outcome: ViewerOutcome) {
        switch outcome {
        case .done: self = .done
        case .silenced(let id, let until): self = .silenced(id: id, until: until)
        case .refused(let reason): self = .refused(reason)
        }
    }
}
