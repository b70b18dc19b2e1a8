import FlowCore

/// An engine in every state a checkpoint must keep and a snapshot can show: built-in and
/// custom SLOs (latency ones, a calendar month, a 7-day window), tenants and models past
/// their caps (folded into `other`), leads evicted, expired and still open, with touches
/// (features, AI-assisted, channels past their cap) and every stage, AI spend, rejections,
/// late events, a threshold rule, burn-rate alerts firing, silences and acknowledgements.
/// The checkpoint codec's tests (FlowStore) and the snapshot coding's (FlowViewer) both
/// start from it. Building it takes about 20 s in a debug build: keep one per suite.
///
/// ```swift
/// var engine = EngineWorkload.engine()
/// let snapshot = engine.snapshot(SnapshotQuery(), now: EngineWorkload.end)
/// ```
public enum EngineWorkload {
    public static let start = TestTime.start
    public static let end = start + TestTime.days(1) + TestTime.hours(6)
    public static let tenants = (0..<5).map { "tenant-\($0)" }
    public static let models = ["gpt-4o", "claude", "mistral", "llama", "gemini"]
    public static let channels = ["whatsapp", "email", "website", "instagram", "linkedin", "phone", "sms"]

    public static let costRule = ThresholdRule(
        name: "AICostHigh", metric: .aiCostPerHour, comparison: .above, threshold: 5,
        forMillis: TestTime.minutes(2), keepFiringForMillis: TestTime.minutes(10), labels: ["team": "revenue"],
        annotations: ["summary": "AI spend high"])

    public static func configuration() -> EngineConfiguration {
        var slos = SLODefinition.builtIn
        slos.append(SLODefinition(name: "checkout_latency", kind: .custom(thresholdMs: 300), objective: 0.99,
                                  window: .calendarMonth, displayName: "Checkout"))
        slos.append(SLODefinition(name: "sync_ok", kind: .custom(thresholdMs: nil), objective: 0.95,
                                  window: .rolling(days: 7), perModel: true, minEvents: 3))
        var configuration = EngineConfiguration(slos: slos, maxSeriesPerSLO: 3, maxLeads: 400, maxTouchesPerLead: 4,
                                                leadRetentionDays: 1)
        configuration.maxChannels = 5
        configuration.alertRules = [costRule]
        return configuration
    }

    /// A few events of each kind at `t`: enough to give every part of the state a value.
    public static func smallBatch(at t: EpochMillis) -> [Event] {
        [
            EventBuilder.leadCreated("L-1", source: "website", tenant: "a", at: t),
            EventBuilder.touch("L-1", channel: "email", cost: 0.5, aiAssisted: true, feature: "reply", tenant: "a", at: t),
            EventBuilder.stage("L-1", .won, revenue: 900, tenant: "a", at: t),
            EventBuilder.aiRequest(success: false, model: "gpt-4o", cost: 0.2, tenant: "b", at: t),
            EventBuilder.aiLatency(1200, model: "claude", tenant: "c", at: t),
            EventBuilder.messageProcessing(80, tenant: "d", at: t),
            EventBuilder.sli("ai_request_success", good: true, tenant: "e", at: t),
            EventBuilder.messageSent(tenant: "f", at: t),
        ]
    }

    /// The events of minute `m` (minutes since `start`): steady traffic for every tenant
    /// and model every few minutes, failures and slow answers in two outages, and lead
    /// activity spread over the day.
    public static func minute(_ m: Int64, using rng: inout SeededGenerator) -> [Event] {
        let t = start + TestTime.minutes(m)
        var events: [Event] = []
        let outage = (m >= 300 && m < 320) || (m >= 1_700 && m < 1_730)
        // Every fifth minute, and every minute of an outage: each minute with a latency
        // rebuilds the latency rings' sums, slow in a debug build.
        for (i, tenant) in tenants.enumerated() where (m % 5 == 0 || outage) && (m + Int64(i)) % 3 == 0 {
            let model = models[(Int(m) + i) % models.count]
            let at = t + Int64(i) * 1_000
            events.append(EventBuilder.aiRequest(success: !(outage && i % 2 == 0), model: model,
                                                 cost: Double(i) * 0.05, tenant: tenant, at: at))
            let slow = outage ? 2_000.0 : 0
            events.append(EventBuilder.aiLatency(slow + Double(200 + (m * 37 + Int64(i) * 101) % 1_500), model: model,
                                                 tenant: tenant, at: at + 100))
            events.append(EventBuilder.messageProcessing(slow / 4 + Double(20 + (m * 13) % 400), success: !outage,
                                                         channel: channels[i % channels.count], tenant: tenant,
                                                         at: at + 200))
            events.append(EventBuilder.sli("checkout_latency", latencyMs: slow / 4 + Double((m * 7 + Int64(i)) % 280),
                                           tenant: tenant, at: at + 300))
            events.append(EventBuilder.sli("sync_ok", good: !outage || i % 3 != 0, tenant: tenant, at: at + 400))
        }
        if m % 7 == 0 {
            events.append(EventBuilder.messageSent(channel: channels[Int(m / 7) % channels.count],
                                                   tenant: tenants[Int(m) % tenants.count], at: t + 500))
        }
        if m % 4 == 0 {
            let lead = Int(m / 4)
            let id = "L-\(lead)"
            let tenant = tenants[lead % tenants.count]
            events.append(EventBuilder.leadCreated(id, source: channels[lead % 4], tenant: tenant, at: t + 600))
            for k in 0..<Int.random(in: 0...6, using: &rng) {
                events.append(EventBuilder.touch(
                    id, channel: channels[(lead + k) % channels.count], cost: Double(k) * 0.1,
                    aiAssisted: k % 2 == 0, feature: k % 3 == 0 ? "feature-\(k % 7)" : nil, tenant: tenant,
                    at: t + 700 + Int64(k) * 60_000))
            }
            let stages: [Stage] = [.contacted, .qualified, .meeting, .proposal, .won, .lost]
            let reached = Int.random(in: 0..<stages.count, using: &rng)
            for (s, stage) in stages.prefix(reached + 1).enumerated() where stage != .lost || reached == 5 {
                if stage == .won && reached == 5 { continue }
                events.append(EventBuilder.stage(id, stage, revenue: stage == .won ? Double(lead % 50) * 100 : 0,
                                                 tenant: tenant, at: t + 800 + Int64(s) * 3_600_000))
            }
        }
        return events
    }

    /// The whole workload, applied minute by minute, with the engine's other inputs
    /// (rejections, snapshots, silences, acknowledgements) in between.
    public static func engine() -> Engine {
        var engine = Engine(configuration: configuration())
        var rng = SeededGenerator(seed: 1_414)
        let minutes = (end - start) / TestTime.minutes(1)
        for m in 0..<minutes {
            let events = minute(m, using: &rng)
            let receivedAt = start + TestTime.minutes(m) + 59_000
            engine.apply(events, receivedAt: receivedAt)
            if m % 11 == 0 {
                var rejected = RejectionCounts()
                rejected.add(.invalidJSON, Int64(m % 5))
                rejected.add(.unknownSLO)
                engine.recordRejections(rejected, receivedAt: receivedAt)
            }
            if m % 90 == 0 { _ = engine.snapshot(SnapshotQuery(), now: receivedAt) }
            if m == 100 || m == minutes - 200 { addSilences(to: &engine, at: receivedAt) }
            if m == 310 || m == 1_715 || m == minutes - 2 { acknowledgeOne(in: &engine, at: receivedAt) }
        }
        // A late tenant (folded: the directory is full) and a backfill of a judged minute.
        engine.apply([EventBuilder.aiRequest(success: false, model: "phi", cost: 9, tenant: "late-tenant",
                                             at: end - TestTime.minutes(30))], receivedAt: end - TestTime.minutes(1))
        return engine
    }

    public static func addSilences(to engine: inout Engine, at now: EpochMillis) {
        let matchers = [LabelMatcher("alertname", .equal, "ErrorBudgetBurn"), LabelMatcher("tenant", .regex, "tenant-[12]")]
        _ = try? engine.addSilence(Silence(id: "", matchers: matchers, start: now, end: now + TestTime.days(5),
                                           author: "ana", comment: "known noisy tenants"), at: now)
        _ = try? engine.addSilence(Silence(id: "", matchers: [LabelMatcher("team", .equal, "revenue")], start: now,
                                           end: now + TestTime.hours(1), author: "bo", comment: "short"), at: now)
        let expiring = try? engine.addSilence(
            Silence(id: "", matchers: [LabelMatcher("slo", .notRegex, "ai_.*")], start: now + TestTime.hours(2),
                    end: now + TestTime.days(1), author: "cy", comment: "pending, then expired"), at: now)
        if let expiring { _ = engine.expireSilence(id: expiring, at: now + TestTime.minutes(5)) }
    }

    public static func acknowledgeOne(in engine: inout Engine, at now: EpochMillis) {
        let alerts = engine.alerting(now: now).alerts.filter { $0.alert.state == .firing || $0.alert.state == .pending }
        for (i, listed) in alerts.prefix(3).enumerated() {
            _ = engine.acknowledge(fingerprint: listed.alert.fingerprint, by: "oncall-\(i)", at: now)
        }
        if let first = alerts.first { _ = engine.unacknowledge(fingerprint: first.alert.fingerprint) }
    }

    /// The views compared between an engine and its decoded copy.
    public static let queries: [SnapshotQuery] = [
        SnapshotQuery(),
        SnapshotQuery(tenant: "tenant-1", model: .markov),
        SnapshotQuery(tenant: "other", model: .shapley, detail: SLODetailQuery(slo: "sync_ok", series: .model("other"))),
        SnapshotQuery(model: .timeDecay, detail: SLODetailQuery(slo: "ai_response_latency", range: .d3),
                      funnel: FunnelQuery(periodDays: 7, breakdown: .source), attributionPeriodDays: 7),
        SnapshotQuery(model: .positionBased, detail: SLODetailQuery(slo: "checkout_latency", series: .tenant("tenant-2")),
                      funnel: FunnelQuery(periodDays: 90, breakdown: .tenant)),
        SnapshotQuery(model: .firstTouch, detail: SLODetailQuery(slo: "message_processing_latency", range: .d30)),
    ]

    /// More input after the checkpoint: a third outage, new leads, a new silence.
    public static func moreEvents(at t: EpochMillis) -> [Event] {
        var rng = SeededGenerator(seed: 99)
        var events: [Event] = []
        for m in 0..<Int64(90) {
            events += minute(1_690 + m, using: &rng).map { event in
                var event = event
                event.time = t + (event.time - start - TestTime.minutes(1_690))
                return event
            }
        }
        events += EventBuilder.aiRequests(good: 10, bad: 40, from: t + TestTime.minutes(40), until: t + TestTime.minutes(45),
                                          tenant: "tenant-1")
        return events.sorted { $0.time < $1.time }
    }
}
