import FlowCore
import FlowTestKit
import Testing

/// Where counts are kept: late events, ring wrap-around, series per tenant and model.
@Suite struct SLOStorageTests {
    @Test func lateEventLandsInItsOwnPastBucket() throws {
        var engine = Engine()
        engine.feed([EventBuilder.aiRequest(success: true, at: windowEnd - TestTime.minutes(1))])
        // Two hours late, applied after the newer event.
        engine.feed([EventBuilder.aiRequest(success: false, at: windowEnd - TestTime.hours(2) + TestTime.minutes(30))])
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))
        #expect(status.total == 2 && status.good == 1)
        #expect(status.burnRates[.h1] == 0)
        #expect(approx(status.burnRates[.h2], 500))
    }

    @Test func lateEventOlderThanThreeDaysStillCountsInTheSLOWindow() throws {
        var engine = Engine()
        engine.feed([EventBuilder.aiRequest(success: true, at: windowEnd - TestTime.minutes(1))])
        engine.feed([EventBuilder.aiRequest(success: false, at: windowEnd - TestTime.days(10))])
        engine.feed([EventBuilder.aiRequest(success: false, at: windowEnd - TestTime.days(31))])   // too old: dropped
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))
        #expect(status.total == 2 && status.good == 1)
        #expect(status.burnRates[.d3] == 0)
    }

    @Test func ringWrapsAroundWithoutStaleCounts() throws {
        // 4 days apart: more than the minute ring holds (3 days + 1 hour).
        var engine = Engine()
        let first = windowEnd - TestTime.days(4)
        engine.feed(EventBuilder.aiRequests(good: 0, bad: 10, from: first, until: first + TestTime.minutes(5)))
        let later = try engine.status(requestSLO, at: first + TestTime.minutes(5))
        #expect(approx(later.burnRates[.m5], 1_000))

        engine.feed(EventBuilder.aiRequests(good: 10, bad: 0, from: windowEnd - TestTime.minutes(5), until: windowEnd))
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))
        for w in BurnWindow.allCases {
            #expect(status.burnRates[w] == 0, "window \(w.rawValue) still sees 4-day-old failures")
        }
        #expect(status.total == 20 && status.good == 10)
    }

    @Test func slotReusedExactlyOneRingLaterIsReset() throws {
        var engine = Engine()
        let first = windowEnd - TestTime.minutes(3 * 24 * 60 + 60) - TestTime.minutes(1)
        engine.feed([EventBuilder.aiRequest(success: false, at: first)])
        engine.feed([EventBuilder.aiRequest(success: true, at: windowEnd - TestTime.minutes(1))])
        let status = try engine.status(requestSLO, at: justBefore(windowEnd))
        #expect(status.burnRates[.m5] == 0)
        #expect(status.sliSparkline.last == 1.0)
    }

    @Test func tenantFilterShowsThatTenantsSeries() throws {
        var engine = Engine()
        let t = windowEnd - TestTime.minutes(1)
        engine.feed([EventBuilder.aiRequest(success: false, tenant: "acme", at: t),
                     EventBuilder.aiRequest(success: true, tenant: "globex", at: t),
                     EventBuilder.aiRequest(success: true, tenant: "globex", at: t)])
        #expect(try engine.status(requestSLO, at: windowEnd).total == 3)
        let acme = try engine.status(requestSLO, tenant: "acme", at: windowEnd)
        #expect(acme.total == 1 && acme.good == 0)
        let globex = try engine.status(requestSLO, tenant: "globex", at: windowEnd)
        #expect(globex.total == 2 && globex.good == 2)
        #expect(try engine.status(requestSLO, tenant: "nobody", at: windowEnd).total == 0)
    }

    @Test func perModelSeriesAreKeptForAIModels() throws {
        var engine = Engine()
        let t = windowEnd - TestTime.minutes(1)
        engine.feed([EventBuilder.aiRequest(success: false, model: "gpt-4o", at: t),
                     EventBuilder.aiRequest(success: true, model: "claude", at: t)])
        let models = engine.modelStatuses(slo: requestSLO, now: windowEnd)
        #expect(models.map(\.model) == ["claude", "gpt-4o"])
        #expect(models.map(\.status.good) == [1, 0])
        #expect(engine.modelStatuses(slo: "message_processing_latency", now: windowEnd).isEmpty)
    }

    @Test func seriesBeyondTheCapOverflowIntoOther() throws {
        var engine = Engine(configuration: EngineConfiguration(maxSeriesPerSLO: 2))
        let t = windowEnd - TestTime.minutes(1)
        engine.feed(["a", "b", "c", "d"].map { EventBuilder.aiRequest(model: "m-\($0)", tenant: $0, at: t) })
        let snap = engine.snapshot(SnapshotQuery(), now: windowEnd)
        #expect(snap.tenants == ["a", "b", "other"])
        #expect(try engine.status(requestSLO, tenant: "other", at: windowEnd).total == 2)
        #expect(try engine.status(requestSLO, tenant: "a", at: windowEnd).total == 1)
        #expect(try engine.status(requestSLO, at: windowEnd).total == 4)
        let models = engine.modelStatuses(slo: requestSLO, now: windowEnd)
        #expect(models.map(\.model) == ["m-a", "m-b", "other"])
        #expect(models.map(\.status.total) == [1, 1, 2])
    }
}
