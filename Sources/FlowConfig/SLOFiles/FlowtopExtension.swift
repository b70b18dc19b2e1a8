import FlowCore

/// `spec.x-flowtop`: what OpenSLO has no words for: per-model series, the minimum number
/// of events before a tier may fire, the burn-rate alert tiers, and a short name for
/// narrow columns. Every key is checked,
/// so a typo fails the file instead of quietly leaving a default in place.
///
/// ```yaml
/// x-flowtop:
///   perModel: true        # default: true for ai_response_latency and ai_request events
///   minEvents: 10         # default: SLODefinition.defaultMinEvents
///   tiers:                # default: the SRE Workbook's four tiers for the window
///     - {severity: page, longWindow: 1h, shortWindow: 5m, budgetConsumed: 2%}
///   shortName: ai-success # default: none; the alerts pane cuts the name when narrow
/// ```
struct FlowtopExtension {
    static let key = "x-flowtop"

    var perModel: Bool?
    var minEvents: Int64?
    var tiers: [AlertTier]?
    /// `shortName`: what a narrow column shows instead of the SLO's name.
    var shortName: String?

    static func parse(in spec: FieldMapping, window: SLOWindow) throws(SLOFileError) -> FlowtopExtension {
        guard let node = spec.optional(key) else { return FlowtopExtension() }
        let fields = try node.mapping()
        try fields.rejectUnknownKeys(allowed: ["perModel", "minEvents", "tiers", "shortName"])
        var result = FlowtopExtension()
        result.perModel = try fields.optional("perModel")?.bool()
        if let field = fields.optional("shortName") {
            let name = try field.string()
            guard !name.isEmpty, name.count <= 24, !name.contains(where: { $0.isWhitespace || $0.isNewline }) else {
                throw field.error("expected a short name of 1 to 24 characters without spaces, found `\(name)`")
            }
            result.shortName = name
        }
        if let field = fields.optional("minEvents") {
            let count = try field.integer()
            guard count >= 0 else {
                throw field.error("expected a number of events, 0 or more (0: tiers may fire on any count), "
                                  + "found \(field.found)")
            }
            result.minEvents = Int64(count)
        }
        if let field = fields.optional("tiers") {
            let entries = try field.list()
            guard !entries.isEmpty else {
                throw field.error("expected at least one tier; to keep an SLO from alerting, list its tiers "
                                  + "with enabled: false")
            }
            var tiers: [AlertTier] = []
            for entry in entries {
                tiers.append(try AlertTierField.parse(entry, window: window))
            }
            result.tiers = tiers
        }
        return result
    }
}
