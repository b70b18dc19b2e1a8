/// Milliseconds since the Unix epoch. The engine's only notion of time: every call that
/// needs "now" takes it as a parameter, so replays and tests drive time themselves.
public typealias EpochMillis = Int64

/// A source of "now" for the parts that run live (ingest, dashboard). The engine itself
/// never reads a clock; `EngineHost` and the app ask one and pass the value in.
public protocol EngineClock: Sendable {
    func now() -> EpochMillis
}

/// Lead funnel stages in order; `lost` is an exit from any stage, not a step.
public enum Stage: UInt8, Sendable, CaseIterable, Comparable, Hashable, Codable {
    case leadCreated = 0, contacted, qualified, meeting, proposal, won, lost

    /// The wire name (`lead_created`, `contacted`, ...).
    public var name: String {
        switch self {
        case .leadCreated: "lead_created"
        case .contacted: "contacted"
        case .qualified: "qualified"
        case .meeting: "meeting"
        case .proposal: "proposal"
        case .won: "won"
        case .lost: "lost"
        }
    }

    /// The six stages shown as funnel bars, in order.
    public static let funnel: [Stage] = [.leadCreated, .contacted, .qualified, .meeting, .proposal, .won]

    public init?(name: String) {
        guard let s = Stage.allCases.first(where: { $0.name == name }) else { return nil }
        self = s
    }

    public static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
}

/// One event of the protocol in ../shared/EVENTS.md, parsed and validated.
///
/// `time` is always set: the wire layer fills in the receive time when `ts` is absent.
/// `tenant` defaults to `"default"`.
public struct Event: Sendable, Equatable {
    public var time: EpochMillis
    public var tenant: String
    public var body: EventBody

    public init(time: EpochMillis, tenant: String = "default", body: EventBody) {
        self.time = time
        self.tenant = tenant
        self.body = body
    }
}

/// The payload of each event type. Optional fields carry their protocol defaults already.
public enum EventBody: Sendable, Equatable {
    case leadCreated(leadID: String, source: String)
    case leadStage(leadID: String, stage: Stage, revenue: Double)
    case touchpoint(Touchpoint)
    case aiResponseLatency(latencyMs: Double, model: String?)
    case aiRequest(AIRequest)
    case messageProcessingLatency(latencyMs: Double, success: Bool, channel: String?)
    case messageSent(channel: String, messageType: String)
    /// A user SLI for a configured SLO: either `good` or `latencyMs` is set.
    case sli(slo: String, good: Bool?, latencyMs: Double?)
    /// A client asking for a `sync_ack`; never reaches the engine's counters.
    case sync
}

public struct Touchpoint: Sendable, Equatable {
    public var leadID: String
    public var channel: String
    public var touchType: String?
    public var featureUsed: String?
    public var aiAssisted: Bool
    public var cost: Double

    public init(leadID: String, channel: String, touchType: String? = nil, featureUsed: String? = nil,
                aiAssisted: Bool = false, cost: Double = 0) {
        self.leadID = leadID
        self.channel = channel
        self.touchType = touchType
        self.featureUsed = featureUsed
        self.aiAssisted = aiAssisted
        self.cost = cost
    }
}

public struct AIRequest: Sendable, Equatable {
    public var provider: String
    public var model: String
    public var scenario: String?
    public var tokensInput: Int64
    public var tokensOutput: Int64
    public var costUSD: Double
    public var durationSeconds: Double
    public var success: Bool

    public init(provider: String, model: String, scenario: String? = nil, tokensInput: Int64 = 0,
                tokensOutput: Int64 = 0, costUSD: Double = 0, durationSeconds: Double = 0,
                success: Bool = true) {
        self.provider = provider
        self.model = model
        self.scenario = scenario
        self.tokensInput = tokensInput
        self.tokensOutput = tokensOutput
        self.costUSD = costUSD
        self.durationSeconds = durationSeconds
        self.success = success
    }
}
