import FlowCore
import FlowDemo
import FlowWire
import Testing

/// `--demo` must read as one real deployment: 30 days of SLO traffic with a couple of
/// past incidents, budgets left as a team would have them, costs a business pays, a funnel
/// that holds steady while live, and deals that take days to weeks. All from one seed,
/// with the clock driven by the test.
@Suite("demo business")
struct DemoBusinessTests {
    static let start: EpochMillis = 1_764_000_000_000
    static let day: EpochMillis = 86_400_000

    /// The backfill, an hour of simulated time at a time, each hour's lines received at
    /// `start` as the socket would take them.
    struct Backfilled {
        var business: DemoBusiness
        var ingest: DemoIngest
        var bytes: [UInt8]
    }

    static let backfilled: Backfilled = {
        var business = DemoBusiness(seed: 11, start: start)
        var ingest = DemoIngest()
        var all: [UInt8] = []
        var chunk: [UInt8] = []
        var t = start - EpochMillis(DemoBusiness.leadDays) * day
        while t < start {
            t = min(start, t + 3_600_000)
            business.advance(to: t, into: &chunk)
            ingest.feed(chunk, receivedAt: start)
            all += chunk
            chunk.removeAll(keepingCapacity: true)
        }
        return Backfilled(business: business, ingest: ingest, bytes: all)
    }()

    /// Runs the demo live from `start` for `seconds`, a second at a time (each second's
    /// lines received at its end).
    static func live(_ run: inout Backfilled, from: EpochMillis, seconds: Int) {
        var chunk: [UInt8] = []
        for s in 1...seconds {
            let t = from + EpochMillis(s) * 1000
            run.business.advance(to: t, into: &chunk)
            run.ingest.feed(chunk, receivedAt: t)
            chunk.removeAll(keepingCapacity: true)
        }
    }

    static func status(_ snapshot: EngineSnapshot, _ slo: String) -> SLOStatus? {
        snapshot.slos.first { $0.name == slo && $0.series == .total }
    }

    @Test func everyBackfilledLineIsAccepted() {
        #expect(Self.backfilled.ingest.rejected.total == 0, "\(Self.backfilled.ingest.rejected.nonZero)")
        // Sparse, so it goes in within a second or two: about 260k SLO events, 60k of leads.
        #expect((250_000...400_000).contains(Self.backfilled.ingest.accepted), "\(Self.backfilled.ingest.accepted)")
    }

    /// Thirty days of traffic for each SLO, and the past incidents as days with far more
    /// failures than the rest.
    @Test func thirtyDaysOfSLOTrafficHoldThePastIncidents() {
        let parser = WireParser(knownSLOs: [], horizon: .unbounded)
        // By days before the start, rounded up: day 9 holds what began 9 days before.
        var failedRequests = [Int](repeating: 0, count: 32)
        var badMessages = [Int](repeating: 0, count: 32)
        var requestsPerDay = [Int](repeating: 0, count: 32)
        var oldest = Self.start
        var framer = LineFramer()
        Self.backfilled.bytes.withUnsafeBytes { bytes in
            framer.feed(bytes) { piece in
                guard case .line(let line) = piece, case .event(let event) = parser.parse(line, receivedAt: Self.start)
                else { return }
                let daysAgo = Int((Self.start - event.time + Self.day - 1) / Self.day)
                switch event.body {
                case .aiRequest(let request):
                    oldest = min(oldest, event.time)
                    requestsPerDay[daysAgo] += 1
                    if !request.success { failedRequests[daysAgo] += 1 }
                case .messageProcessingLatency(let latency, let success, _):
                    if !success || latency > 500 { badMessages[daysAgo] += 1 }
                default: break
                }
            }
        }
        #expect(oldest <= Self.start - 29 * Self.day - Self.day * 9 / 10, "SLO history reaches 30 days back")
        #expect(oldest >= Self.start - 30 * Self.day, "and no further: the engine keeps 30 days")
        #expect(requestsPerDay[2...29].allSatisfy { (4000...4700).contains($0) }, "3 a minute: \(requestsPerDay)")
        // 9 days ago: a provider's bad 45 minutes. 20 days ago: a message-queue outage.
        let quietFailures = failedRequests.enumerated().filter { $0.offset != 9 }.map(\.element).max() ?? 0
        #expect(failedRequests[9] >= 8 && quietFailures <= 3, "\(failedRequests)")
        let quietMessages = badMessages.enumerated().filter { $0.offset != 20 }.map(\.element).max() ?? 0
        #expect(badMessages[20] >= 25 && quietMessages <= 10, "\(badMessages)")
    }

    @Test func budgetsAfterTheBackfillAreBelievableAndTheWindowsDiffer() throws {
        var run = Self.backfilled
        let snapshot = run.ingest.snapshot(SnapshotQuery())
        for name in ["ai_request_success", "ai_response_latency", "message_processing_latency"] {
            let slo = try #require(Self.status(snapshot, name))
            let left = try #require(slo.errorBudgetRemaining)
            #expect((0.6...0.9).contains(left), "\(name): \(left) of the budget left")
        }
        // The slow model 2 days ago is inside the 3d window only.
        let latency = try #require(Self.status(snapshot, "ai_response_latency"))
        let d3 = try #require(latency.burnRates[.d3]), h6 = try #require(latency.burnRates[.h6])
        #expect(d3 > 2 * h6, "3d \(d3) vs 6h \(h6)")
        #expect(Set(latency.burnRates.values).count > 2, "\(latency.burnRates)")
    }

    /// The first live incident (AI request failures, 20 s to 2:20 in) pages, and costs a
    /// few percent of the 30-day budget, not all of it.
    @Test func aLiveIncidentPagesAndCostsAFewPercentOfTheBudget() throws {
        var run = Self.backfilled
        let before = try #require(Self.status(run.ingest.snapshot(SnapshotQuery()), "ai_request_success"))
        Self.live(&run, from: Self.start, seconds: 150)
        let after = run.ingest.snapshot(SnapshotQuery())
        let paged = after.alerts.contains { $0.slo == "ai_request_success" && $0.tier.severity == .page && $0.series == .total }
        #expect(paged, "\(after.alerts.map { "\($0.slo) \($0.series.label) \($0.tier.longWindow)" })")
        let spent = try #require(before.errorBudgetRemaining)
            - (try #require(Self.status(after, "ai_request_success")?.errorBudgetRemaining))
        #expect((0.01...0.07).contains(spent), "the incident cost \(spent) of the budget")
    }

    /// Paid clicks earn back 2-10x under every model; AI spend is in the low thousands a
    /// month, the pane's and the AI ROI view's alike.
    @Test func costsLookLikeABusiness() throws {
        var run = Self.backfilled
        for model in AttributionModel.allCases {
            var query = SnapshotQuery()
            query.model = model
            let attribution = run.ingest.snapshot(query).attribution
            for channel in ["linkedin", "instagram", "website"] {
                let roas = try #require(attribution.rows.first { $0.channel == channel }?.roas)
                #expect((2...10).contains(roas), "\(channel) under \(model): ROAS \(roas)")
            }
        }
        let attribution = run.ingest.snapshot(SnapshotQuery()).attribution
        #expect((1_000...5_000).contains(attribution.aiSpend), "AI requests: \(attribution.aiSpend) in 30 days")
        #expect((1_000...5_000).contains(attribution.aiROI.aiSpend), "AI spend: \(attribution.aiROI.aiSpend)")
        #expect(attribution.aiROI.aiTouchCost < 0.2 * attribution.aiROI.aiSpend,
                "AI-assisted touches are messages, not ad clicks: \(attribution.aiROI.aiTouchCost)")
    }

    /// Leads arrive live as they did before, so the 30-day funnel neither fills up nor
    /// empties over a session (here three simulated hours).
    @Test func theThirtyDayFunnelHoldsSteadyWhileLive() throws {
        var run = Self.backfilled
        let before = run.ingest.snapshot(SnapshotQuery()).funnel.stages.first?.count ?? 0
        #expect((2_700...3_300).contains(before), "about 100 leads a day: \(before)")
        var chunk: [UInt8] = []
        var created = 0
        for minute in 1...180 {
            let t = Self.start + EpochMillis(minute) * 60_000
            run.business.advance(to: t, into: &chunk)
            created += String(decoding: chunk, as: UTF8.self).split(separator: "\n")
                .filter { $0.contains("\"lead_created\"") }.count
            run.ingest.feed(chunk, receivedAt: t)
            chunk.removeAll(keepingCapacity: true)
        }
        let after = run.ingest.snapshot(SnapshotQuery()).funnel.stages.first?.count ?? 0
        #expect(created > 0, "leads keep arriving live")
        #expect(abs(Double(after - before)) <= 0.02 * Double(before), "\(before) then \(after)")
    }

    @Test func dealsTakeDaysToWeeks() throws {
        var run = Self.backfilled
        var query = SnapshotQuery()
        query.funnel.periodDays = 90
        let funnel = try #require(run.ingest.snapshot(query).funnelAnalysis)
        let toWon = try #require(funnel.stages.first?.timeToWon?.median)
        #expect((7 * Self.day...45 * Self.day).contains(toWon), "created to won: \(Double(toWon) / Double(Self.day)) days")
        let toContacted = try #require(funnel.stages.first?.timeToNext?.median)
        #expect(toContacted > Self.day / 2, "\(toContacted)")
    }

    @Test func theSameSeedWritesTheSameBytes() {
        var a = DemoBusiness(seed: 5, start: Self.start), b = DemoBusiness(seed: 5, start: Self.start)
        var x: [UInt8] = [], y: [UInt8] = []
        a.advance(to: Self.start - 29 * Self.day, into: &x)
        b.advance(to: Self.start - 29 * Self.day, into: &y)
        #expect(!x.isEmpty && x == y)
    }
}
