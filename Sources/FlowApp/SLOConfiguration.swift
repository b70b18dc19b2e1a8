import FlowConfig
import FlowCore
import FlowReports

/// The SLOs a command runs with: the built-in three, with the SLOs of each `--slo FILE`
/// replacing built-ins of the same name and adding the rest.
///
/// Why here and not in each command: the dashboard, the replaying commands and `slos`
/// must agree on which SLOs exist, or a report would judge `sli` events the dashboard
/// accepts as `unknown_slo`.
///
/// ```swift
/// let slos = try loadSLODefinitions(files: ["slos.yaml"], includeBuiltIn: true)
/// let engine = Engine(configuration: EngineConfiguration(slos: slos))
/// ```
public func loadSLODefinitions(files: [String], includeBuiltIn: Bool) throws(UserFacingError) -> [SLODefinition] {
    var slos = includeBuiltIn ? SLODefinition.builtIn : []
    var origin: [String: String] = [:]
    for file in files {
        let loaded: [SLODefinition]
        do {
            loaded = try SLOFile.load(path: file)
        } catch {
            throw UserFacingError(error.description)
        }
        for slo in loaded {
            if let other = origin[slo.name] {
                throw UserFacingError("\(file): SLO '\(slo.name)' is already defined in \(other); give one of them another name")
            }
            origin[slo.name] = file
        }
        slos = SLOFile.merge(loaded, into: slos)
    }
    if slos.isEmpty {
        throw UserFacingError("no SLOs to track: --no-builtin-slos needs at least one --slo FILE")
    }
    return slos
}

/// One line per SLO and one per tier, for `flowtop slos`: what the engine will track.
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
