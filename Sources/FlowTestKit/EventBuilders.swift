import FlowCore

/// Fixed instants and durations for engine tests, so no test depends on the machine's
/// clock.
///
/// ```swift
/// let t = TestTime.start + TestTime.hours(10)
/// ```
public enum TestTime {
    /// 2026-11-30T00:00:00Z, the start of a day (and so of an hour and a minute).
    public static let start: EpochMillis = 1_795_996_800_000

    public static func seconds(_ n: Int64) -> EpochMillis { n * 1_000 }
    public static func minutes(_ n: Int64) -> EpochMillis { n * 60_000 }
    public static func hours(_ n: Int64) -> EpochMillis { n * 3_600_000 }
    public static func days(_ n: Int64) -> EpochMillis { n * 86_400_000 }
}

/// Short constructors for every event type, with the protocol's defaults, so a test
/// reads as the scenario it checks.
///
/// ```swift
/// engine.apply([
///     EventBuilder.leadCreated("L-1", source: "whatsapp", at: t),
///     EventBuilder.stage("L-1", .won, revenue: 4800, at: t + 60_000),
/// ], receivedAt: t)
/// ```
public enum EventBuilder {
    public static func leadCreated(_ id: String, source: String = "website", tenant: String = "default",
                                   at time: EpochMillis) -> Event {
        Event(time: time, tenant: tenant, body: .leadCreated(leadID: id, source: source))
    }

    public static func stage(_ id: String, _ stage: Stage, revenue: Double = 0, tenant: String = "default",
                             at time: EpochMillis) -> Event {
        Event(time: time, tenant: tenant, body: .leadStage(leadID: id, stage: stage, revenue: revenue))
    }

    public static func touch(_ id: String, channel: String, cost: Double = 0, aiAssisted: Bool = false,
                             feature: String? = nil, tenant: String = "default", at time: EpochMillis) -> Event {
        Event(time: time, tenant: tenant,
              body: .touchpoint(Touchpoint(leadID: id, channel: channel, featureUsed: feature,
                                           aiAssisted: aiAssisted, cost: cost)))
    }

    public static func aiRequest(success: Bool = true, model: String = "gpt-4o", cost: Double = 0,
                                 tenant: String = "default", at time: EpochMillis) -> Event {
        Event(time: time, tenant: tenant,
              body: .aiRequest(AIRequest(provider: "openai", model: model, costUSD: cost, success: success)))
    }

    public static func aiLatency(_ ms: Double, model: String? = "gpt-4o", tenant: String = "default",
                                 at time: EpochMillis) -> Event {
        Event(time: time, tenant: tenant, body: .aiResponseLatency(latencyMs: ms, model: model))
    }

    public static func messageProcessing(_ ms: Double, success: Bool = true, channel: String? = "whatsapp",
                                         tenant: String = "default", at time: EpochMillis) -> Event {
        Event(time: time, tenant: tenant, body: .messageProcessingLatency(latencyMs: ms, success: success, channel: channel))
    }

    public static func sli(_ slo: String, good: Bool? = nil, latencyMs: Double? = nil, tenant: String = "default",
                           at time: EpochMillis) -> Event {
        Event(time: time, tenant: tenant, body: .sli(slo: slo, good: good, latencyMs: latencyMs))
    }

    public static func messageSent(channel: String = "whatsapp", tenant: String = "default", at time: EpochMillis) -> Event {
        Event(time: time, tenant: tenant, body: .messageSent(channel: channel, messageType: "outbound"))
    }

    /// `good + bad` `ai_request` events spread evenly over `[from, until)`, the failures
    /// spread evenly among them: traffic for the `ai_request_success` SLO (99.9%).
    public static func aiRequests(good: Int, bad: Int, from: EpochMillis, until: EpochMillis,
                                  model: String = "gpt-4o", tenant: String = "default") -> [Event] {
        let n = good + bad
        guard n > 0 else { return [] }
        let span = until - from
        return (0..<n).map { i in
            let failed = (i + 1) * bad / n > i * bad / n
            let t = from + span * Int64(i) / Int64(n)
            return aiRequest(success: !failed, model: model, tenant: tenant, at: t)
        }
    }
}
