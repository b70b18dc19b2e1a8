import FlowCore

/// One line per SLO and one per tier, for `flowtop slos`: what the engine will track.
///
/// Why here: it is a document of definitions, written with the same number formats as
/// the reports (`ReportFormatting`), and does no I/O.
public func describeSLOs(_ slos: [SLODefinition]) -> String {
    var out = ""
    for slo in slos {
        let title = slo.displayName.map { " (\($0))" } ?? ""
        out += "\(slo.name)\(title)\n"
        out += "  sli        \(describe(slo.kind))\n"
        out += "  objective  \(trimmedPercent(slo.objective)) over \(slo.window.label)"
        out += slo.window == .calendarMonth ? " (calendar month, UTC)\n" : " (rolling)\n"
        out += "  series     total, per tenant\(slo.perModel ? ", per model" : "")\n"
        out += "  min events \(slo.minEvents) in a tier's long window\n"
        for tier in slo.tiers {
            let factor = ReportFormatting.burn(tier.factor)
            out += "  \(tier.severity.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) "
            out += "burn > \(factor) over \(tier.longWindow.rawValue) and \(tier.shortWindow.rawValue)"
            out += tier.enabled ? "\n" : "  (off)\n"
        }
    }
    return out
}

/// `99.9%`, `99.95%`, `99%`: as many digits as the objective has.
private func trimmedPercent(_ ratio: Double) -> String {
    var text = ReportFormatting.fixed(ratio * 100, 6)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text + "%"
}

private func describe(_ kind: SLIKind) -> String {
    func ms(_ v: Double) -> String { v == v.rounded() ? "\(Int(v)) ms" : "\(v) ms" }
    switch kind {
    case .aiResponseLatency(let t): return "ai_response_latency events with latency_ms <= \(ms(t))"
    case .messageProcessing(let t):
        return t.isFinite ? "message_processing_latency events with success and latency_ms <= \(ms(t))"
            : "message_processing_latency events with success"
    case .aiRequestSuccess: return "ai_request events with success"
    case .aiRequestDuration(let t): return "ai_request events with success and duration <= \(ms(t))"
    case .custom(let t?): return "sli events with good, or latency_ms <= \(ms(t))"
    case .custom(nil): return "sli events with good"
    }
}
