/// What an SLO measures: which events feed it and when one is good.
public enum SLIKind: Sendable, Equatable {
    /// `ai_response_latency` events; good when `latency_ms <= thresholdMs`.
    case aiResponseLatency(thresholdMs: Double)
    /// `message_processing_latency` events; good when `success` and `latency_ms <= thresholdMs`.
    case messageProcessing(thresholdMs: Double)
    /// `ai_request` events; good when `success`.
    case aiRequestSuccess
    /// `sli` events naming this SLO; good when `good`, or when `latency_ms <= thresholdMs`.
    case custom(thresholdMs: Double?)
}

public struct SLODefinition: Sendable, Equatable {
    public var name: String
    public var kind: SLIKind
    /// e.g. 0.999
    public var objective: Double
    public var windowDays: Int
    public var tiers: [AlertTier]
    /// Whether the SLO is also tracked per AI model.
    public var perModel: Bool

    public init(name: String, kind: SLIKind, objective: Double, windowDays: Int = 30,
                tiers: [AlertTier] = SLODefinition.workbookTiers, perModel: Bool = false) {
        self.name = name
        self.kind = kind
        self.objective = objective
        self.windowDays = windowDays
        self.tiers = tiers
        self.perModel = perModel
    }

    /// The SRE Workbook's recommended multiwindow, multi-burn-rate tiers for a 30-day SLO.
    public static let workbookTiers: [AlertTier] = [
        AlertTier(severity: .page, longWindow: .h1, shortWindow: .m5, factor: 14.4),
        AlertTier(severity: .page, longWindow: .h6, shortWindow: .m30, factor: 6),
        AlertTier(severity: .ticket, longWindow: .d3, shortWindow: .h6, factor: 1),
    ]

    /// The three built-in SLOs of EVENTS.md.
    public static let builtIn: [SLODefinition] = [
        SLODefinition(name: "ai_response_latency", kind: .aiResponseLatency(thresholdMs: 2000),
                      objective: 0.99, perModel: true),
        SLODefinition(name: "message_processing_latency", kind: .messageProcessing(thresholdMs: 500),
                      objective: 0.995),
        SLODefinition(name: "ai_request_success", kind: .aiRequestSuccess, objective: 0.999, perModel: true),
    ]
}

public struct EngineConfiguration: Sendable, Equatable {
    public var slos: [SLODefinition]
    /// Cap on distinct series (tenants, models) per SLO; the rest are counted as `other`.
    public var maxSeriesPerSLO: Int
    /// Cap on leads kept for funnel and attribution; the oldest are evicted first.
    public var maxLeads: Int
    /// Touchpoints kept per lead for attribution paths (the most recent).
    public var maxTouchesPerLead: Int

    public init(slos: [SLODefinition] = SLODefinition.builtIn, maxSeriesPerSLO: Int = 1000,
                maxLeads: Int = 200_000, maxTouchesPerLead: Int = 32) {
        self.slos = slos
        self.maxSeriesPerSLO = maxSeriesPerSLO
        self.maxLeads = maxLeads
        self.maxTouchesPerLead = maxTouchesPerLead
    }
}
