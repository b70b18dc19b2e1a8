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
    /// List prices per million tokens, input and output, in dollars.
    static let modelPrices: [(input: Double, output: Double)] = [(2.5, 10), (3, 15), (0.59, 0.79)]
    static let channels = ["whatsapp", "email", "instagram", "linkedin", "website", "phone"]
    static let channelWeights = [0.35, 0.2, 0.15, 0.1, 0.15, 0.05]
    /// What a touch on each channel is: messages, paid clicks (instagram and linkedin ads,
    /// paid search landing on the website) and an SDR's call.
    static let channelTouchTypes = ["whatsapp_message", "email", "ad_click", "ad_click", "website_visit", "call"]
    /// How often a touch on each channel is AI-assisted: drafted messages, never a paid
    /// click or an SDR's call (an AI-assisted touch's whole cost counts as AI spend).
    static let channelAIShare = [0.75, 0.75, 0, 0, 0, 0]
    static let sources = ["whatsapp", "instagram", "facebook", "linkedin", "website", "referral", "email"]
    static let sourceWeights = [0.3, 0.15, 0.1, 0.1, 0.2, 0.1, 0.05]
    static let features = ["ai_response_generation", "lead_scoring", "follow_up_automation", "none"]

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
            case ..<0.25: aiResponseLatency(&line, spike: incident == .aiLatencySpike ? 1 : 0)
            case ..<0.50: aiRequest(&line, failures: incident == .aiRequestFailures ? 1 : 0)
            case ..<0.70: messageProcessing(&line, errors: incident == .messageProcessingErrors ? 1 : 0)
            case ..<0.78: messageSent(&line)
            default: leadActivity(&line)
            }
            line.finish(time: time)
            out.append(contentsOf: line.bytes)
        }
    }

    private mutating func tenant() -> String { rng.pick(DemoWorkload.tenants, weights: DemoWorkload.tenantWeights) }

    // The SLO events. An incident's strength scales its odds of a bad event: 0 is none,
    // 1 the load generator's incident (strong enough to page at once), less a milder one.

    /// One AI response time; a latency spike slows claude-sonnet's answers past 2 s.
    mutating func aiResponseLatency(_ l: inout LineWriter, spike: Double) {
        let m = Int(rng.next() % 3)
        var latency = rng.logNormal(median: 700, sigma: 0.35)
        if m == 1, spike > 0, rng.chance(min(1, 0.6 * spike)) { latency = 2000 + rng.unit() * 4000 }
        l.field("type", "ai_response_latency")
        l.number("latency_ms", latency.rounded())
        l.field("model", DemoWorkload.models[m])
        l.field("tenant", tenant())
    }

    /// One AI request: a prompt with its retrieved context (1k-7k tokens in, 100-700 out)
    /// at the model's list price, about a cent; failures mostly on gpt-4o in an incident.
    mutating func aiRequest(_ l: inout LineWriter, failures: Double) {
        let m = Int(rng.next() % 3)
        // At strength 1 the 1h window passes the 14.4x page threshold (99.9% SLO).
        let failChance = failures > 0 ? min(1, failures * (m == 0 ? 0.9 : 0.5)) : 0.0001
        let success = !rng.chance(failChance)
        let tokensIn = 1000 + Int(rng.next() % 6000), tokensOut = 100 + Int(rng.next() % 600)
        let price = DemoWorkload.modelPrices[m]
        let cost = (Double(tokensIn) * price.input + Double(tokensOut) * price.output) / 1_000_000
        l.field("type", "ai_request")
        l.field("provider", DemoWorkload.modelProviders[m])
        l.field("model", DemoWorkload.models[m])
        l.field("scenario", rng.chance(0.7) ? "chat_completion" : "lead_scoring")
        l.number("tokens_input", Double(tokensIn))
        l.number("tokens_output", Double(tokensOut))
        l.number("cost_usd", (cost * 1_000_000).rounded() / 1_000_000)
        l.number("duration_seconds", (rng.logNormal(median: 0.8, sigma: 0.3) * 1000).rounded() / 1000)
        l.bool("success", success)
        l.field("tenant", tenant())
    }

    /// One inbound message handled; in an incident some are slow or fail.
    mutating func messageProcessing(_ l: inout LineWriter, errors: Double) {
        let bad = rng.chance(errors > 0 ? min(1, 0.3 * errors) : 0.001)
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
