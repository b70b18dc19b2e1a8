import FlowCore
import FlowStore
import FlowTestKit
import Testing

/// The engine through the state codec: the decoded engine answers every view as the
/// original does, keeps doing so as both take the same further input (the state came
/// back, not only the views), and encodes to the same bytes.
@Suite struct EngineCheckpointCodecTests {
    /// Built once (about 20 s in a debug build); each test works on copies.
    static let original = EngineWorkload.engine()
    let end = EngineWorkload.end

    func decodedCopy() throws -> (bytes: [UInt8], engine: Engine) {
        let bytes = try StateEncoder.encode(Self.original)
        return (bytes, try StateDecoder.decode(Engine.self, from: bytes))
    }

    /// Guards the other tests: a workload that lost its alerts or leads would make them
    /// compare empty views.
    @Test func theWorkloadReachesEveryPartOfTheState() {
        var engine = Self.original
        let snapshot = engine.snapshot(SnapshotQuery(), now: end)
        #expect(snapshot.tenants.contains("other") && snapshot.tenants.count == 4)
        #expect(snapshot.alerting.alerts.contains { $0.alert.state == .firing })
        #expect(snapshot.alerting.alerts.contains { $0.alert.state == .resolved })
        #expect(snapshot.alerting.alerts.contains { $0.isSilenced })
        #expect(snapshot.alerting.statistics?.acknowledged ?? 0 > 0)
        #expect(snapshot.alerting.silences.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.active, .active, .expired, .expired])
        #expect(snapshot.funnel.wonRevenue > 0 && snapshot.funnel.lost > 0)
        #expect(!snapshot.attribution.rows.isEmpty && snapshot.attribution.aiSpend > 0)
        #expect(snapshot.ingest.rejected.total > 0)
        #expect(snapshot.slos.count == 5)
        // The latency SLOs; `ai_request_success` and `sync_ok` events carry none.
        #expect(snapshot.slos.filter { !$0.percentiles.isEmpty }.count == 3)
        let metrics = engine.metrics(now: end)
        #expect(metrics.foldedEvents.values.contains { $0 > 0 })
    }

    @Test func theDecodedEngineAnswersEveryViewAsTheOriginal() throws {
        let (_, decoded) = try decodedCopy()
        for query in EngineWorkload.queries {
            var a = Self.original, b = decoded
            #expect(a.snapshot(query, now: end) == b.snapshot(query, now: end))
            // Later, with time moved on: alerts resolve and leads expire alike.
            #expect(a.snapshot(query, now: end + TestTime.hours(30)) == b.snapshot(query, now: end + TestTime.hours(30)))
        }
        #expect(Self.original.metrics(now: end) == decoded.metrics(now: end))
        #expect(Self.original.sloNames == decoded.sloNames)
        #expect(Self.original.configuration == decoded.configuration)
        for slo in EngineWorkload.configuration().slos.map(\.name) {
            #expect(Self.original.modelStatuses(slo: slo, now: end).map(\.model)
                    == decoded.modelStatuses(slo: slo, now: end).map(\.model))
            #expect(Self.original.modelStatuses(slo: slo, now: end).map(\.status)
                    == decoded.modelStatuses(slo: slo, now: end).map(\.status))
        }
    }

    @Test func theDecodedEngineTakesFurtherInputAsTheOriginal() throws {
        var (_, b) = try decodedCopy()
        var a = Self.original
        let t = end + TestTime.minutes(2)
        let events = EngineWorkload.moreEvents(at: t)
        func feed(_ engine: inout Engine) throws {
            engine.apply(events, receivedAt: t + TestTime.minutes(95))
            var rejected = RejectionCounts()
            rejected.add(.outOfRange, 3)
            engine.recordRejections(rejected, receivedAt: t + TestTime.minutes(95))
            let id = try engine.addSilence(Silence(id: "", matchers: [LabelMatcher("tenant", .equal, "tenant-1")],
                                                   start: t, end: t + TestTime.hours(2), author: "dee", comment: "after"),
                                           at: t + TestTime.minutes(96))
            #expect(id == "silence-7")
            for listed in engine.alerting(now: t + TestTime.minutes(97)).alerts where listed.alert.state == .firing {
                _ = engine.acknowledge(fingerprint: listed.alert.fingerprint, by: "later", at: t + TestTime.minutes(97))
            }
        }
        try feed(&a)
        try feed(&b)
        for query in EngineWorkload.queries {
            #expect(a.snapshot(query, now: t + TestTime.minutes(100)) == b.snapshot(query, now: t + TestTime.minutes(100)))
        }
        #expect(a.metrics(now: t + TestTime.minutes(100)) == b.metrics(now: t + TestTime.minutes(100)))
        // Every field, not only what the views show.
        #expect(try StateEncoder.encode(a) == StateEncoder.encode(b))
    }

    @Test func reEncodingTheDecodedEngineGivesTheSameBytes() throws {
        let (bytes, decoded) = try decodedCopy()
        #expect(try StateEncoder.encode(decoded) == bytes)
    }

    @Test func aFreshEngineRoundTrips() throws {
        let fresh = Engine()
        let decoded = try StateDecoder.decode(Engine.self, from: StateEncoder.encode(fresh))
        var a = fresh, b = decoded
        #expect(a.snapshot(SnapshotQuery(), now: end) == b.snapshot(SnapshotQuery(), now: end))
        #expect(try StateEncoder.encode(a) == StateEncoder.encode(b))
    }

    /// A checkpoint taken while a completed minute is judged a slice a batch
    /// (`Engine.isJudgingMinute`) holds the minute judged whole: the same bytes as the
    /// engine after a read finished it, in the layout checkpoints always had.
    @Test func aCheckpointDuringAMinutesSlicesHoldsItJudgedWhole() throws {
        let slo = SLODefinition(name: "ai_request_success", kind: .aiRequestSuccess, objective: 0.999, minEvents: 1)
        var engine = Engine(configuration: EngineConfiguration(slos: [slo], maxSeriesPerSLO: 2_000))
        engine.apply((0..<1_500).map { EventBuilder.aiRequest(success: $0 % 3 != 0, tenant: "t\($0)", at: end + Int64($0)) },
                     receivedAt: end + 2_000)
        let next = end + TestTime.minutes(1)
        engine.apply([EventBuilder.aiRequest(tenant: "t1", at: next)], receivedAt: next)
        #expect(engine.isJudgingMinute)
        var whole = engine
        whole.advance(to: next)
        #expect(!whole.isJudgingMinute)
        let bytes = try StateEncoder.encode(engine)
        #expect(engine.isJudgingMinute, "encoding judges a copy")
        #expect(try bytes == StateEncoder.encode(whole))
        var decoded = try StateDecoder.decode(Engine.self, from: bytes)
        #expect(decoded.alerting(now: next).alerts.count == whole.alerting(now: next).alerts.count)
        #expect(decoded.alerting(now: next).alerts.count >= 500)
    }
}
