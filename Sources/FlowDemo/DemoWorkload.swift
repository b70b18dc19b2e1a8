import FlowCore

/// The simulated SalesFlow deployment behind `flowtop --demo` and `flowtop demo --rate N`:
/// several tenants, AI models and channels; lead journeys with touchpoints (some
/// AI-assisted), stage changes and won revenue; latency and success distributions; and an
/// incident every few minutes that drives burn rates past the page thresholds and back.
///
/// It only makes NDJSON lines (EVENTS.md); `feedDemo` writes them into the socket.
///
/// ```swift
/// var demo = DemoWorkload(seed: 42, start: now)
/// var bytes: [UInt8] = []
/// demo.generate(count: 100, at: now, into: &bytes)
/// ```
public struct DemoWorkload: Sendable {
    static let tenants = ["acme", "globex", "initech"]
    static let tenantWeights = [0.5, 0.3, 0.2]
    static let models = ["gpt-4o", "claude-sonnet", "llama-3-70b"]
    static let modelProviders = ["openai", "anthropic", "groq"]
    static let channels = ["whatsapp", "email", "instagram", "linkedin", "website", "phone"]
    static let channelWeights = [0.35, 0.2, 0.15, 0.1, 0.15, 0.05]
    static let sources = ["whatsapp", "instagram", "facebook", "linkedin", "website", "referral", "email"]
    static let sourceWeights = [0.3, 0.15, 0.1, 0.1, 0.2, 0.1, 0.05]
    static let features = ["ai_response_generation", "lead_scoring", "follow_up_automation", "none"]
    static let touchTypes = ["whatsapp_message", "email", "ad_click", "website_visit", "call", "demo"]

    /// Length of one incident cycle and of the incident at its start.
    public static let incidentPeriodMillis: EpochMillis = 6 * 60_000
    public static let incidentLengthMillis: EpochMillis = 120_000

    var rng: SplitMix64
    private let start: EpochMillis
    var nextLead = 1
    /// Leads still moving through the funnel: id number, tenant index, stage reached.
    var openLeads: [(id: Int, tenant: Int, stage: Stage)] = []
    let maxOpenLeads = 4000

    /// `start` anchors the incident schedule: the first incident begins 20 s after it.
    public init(seed: UInt64, start: EpochMillis) {
        rng = SplitMix64(seed: seed)
        self.start = start
    }

    /// What is going wrong at `time`, if anything.
    public enum Incident: Int, Sendable, CaseIterable {
        case aiRequestFailures, aiLatencySpike, messageProcessingErrors
    }

    public func incident(at time: EpochMillis) -> Incident? {
        let since = time - (start + 20_000)
        guard since >= 0 else { return nil }
        let cycle = since / DemoWorkload.incidentPeriodMillis
        guard since % DemoWorkload.incidentPeriodMillis < DemoWorkload.incidentLengthMillis else { return nil }
        return Incident(rawValue: Int(cycle % Int64(Incident.allCases.count)))
    }

    /// Appends `count` event lines, all stamped `time`, to `out`.
    public mutating func generate(count: Int, at time: EpochMillis, into out: inout [UInt8]) {
        let incident = incident(at: time)
        for _ in 0..<count {
            var line = LineWriter()
            let r = rng.unit()
            switch r {
            case ..<0.25: aiResponseLatency(&line, incident)
            case ..<0.50: aiRequest(&line, incident)
            case ..<0.70: messageProcessing(&line, incident)
            case ..<0.78: messageSent(&line)
            default: leadActivity(&line)
            }
            line.finish(time: time)
            out.append(contentsOf: line.bytes)
        }
    }

    private mutating func tenant() -> String { rng.pick(DemoWorkload.tenants, weights: DemoWorkload.tenantWeights) }

    private mutating func aiResponseLatency(_ l: inout LineWriter, _ incident: Incident?) {
        let m = Int(rng.next() % 3)
        let spiking = incident == .aiLatencySpike && m == 1
        var latency = rng.logNormal(median: 700, sigma: 0.35)
        if spiking, rng.chance(0.6) { latency = 2000 + rng.unit() * 4000 }
        l.field("type", "ai_response_latency")
        l.number("latency_ms", latency.rounded())
        l.field("model", DemoWorkload.models[m])
        l.field("tenant", tenant())
    }

    private mutating func aiRequest(_ l: inout LineWriter, _ incident: Incident?) {
        let m = Int(rng.next() % 3)
        // Strong enough that the 1h window passes the 14.4x page threshold (99.9% SLO).
        let success = incident == .aiRequestFailures ? !rng.chance(m == 0 ? 0.9 : 0.5) : !rng.chance(0.0003)
        let tokensIn = 200 + Int(rng.next() % 1800), tokensOut = 40 + Int(rng.next() % 400)
        l.field("type", "ai_request")
        l.field("provider", DemoWorkload.modelProviders[m])
        l.field("model", DemoWorkload.models[m])
        l.field("scenario", rng.chance(0.7) ? "chat_completion" : "lead_scoring")
        l.number("tokens_input", Double(tokensIn))
        l.number("tokens_output", Double(tokensOut))
        l.number("cost_usd", (Double(tokensIn) * 0.0000025 + Double(tokensOut) * 0.00001) * 10_000 .rounded() / 10_000)
        l.number("duration_seconds", (rng.logNormal(median: 0.8, sigma: 0.3) * 1000).rounded() / 1000)
        l.bool("success", success)
        l.field("tenant", tenant())
    }

    private mutating func messageProcessing(_ l: inout LineWriter, _ incident: Incident?) {
        let bad = incident == .messageProcessingErrors ? rng.chance(0.3) : rng.chance(0.001)
        // A bad message is either slow (over the 500 ms threshold) or failed outright.
        let slow = bad && rng.chance(0.5)
        let latency = slow ? 600 + rng.unit() * 1500 : min(rng.logNormal(median: 90, sigma: 0.4), 480)
        l.field("type", "message_processing_latency")
        l.number("latency_ms", latency.rounded())
        l.bool("success", !(bad && !slow))
        l.field("channel", rng.pick(DemoWorkload.channels, weights: DemoWorkload.channelWeights))
        l.field("tenant", tenant())
    }

    private mutating func messageSent(_ l: inout LineWriter) {
        l.field("type", "message_sent")
        l.field("channel", rng.pick(DemoWorkload.channels, weights: DemoWorkload.channelWeights))
        l.field("message_type", rng.chance(0.8) ? "outbound" : "inbound")
        l.field("tenant", tenant())
    }
}
