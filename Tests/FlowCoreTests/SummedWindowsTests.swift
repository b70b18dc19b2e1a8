import FlowCore
import FlowTestKit
import Testing

/// A fleet's status from summed window counts: three engines each fed a third of the
/// events give, summed, the status of one engine fed them all (the fleet view's promise,
/// docs/fleet.md).
@Suite struct SummedWindowsTests {
    let now = TestTime.start + TestTime.days(3) + TestTime.minutes(7) + 12_345

    /// An incident in the last hour on top of a slow burn over three days, two tenants.
    func events() -> [Event] {
        var events = EventBuilder.aiRequests(good: 9_000, bad: 30, from: now - TestTime.days(3), until: now,
                                             model: "gpt-4o", tenant: "acme")
        events += EventBuilder.aiRequests(good: 600, bad: 90, from: now - TestTime.hours(1), until: now,
                                          model: "claude", tenant: "zeta")
        return events.sorted { $0.time < $1.time }
    }

    /// The engines' exported window and period counts of `slo`, summed per series.
    func summed(_ engines: [Engine], slo: String) -> [SLOSeriesID: SummedWindows] {
        var out: [SLOSeriesID: SummedWindows] = [:]
        for engine in engines {
            guard let metrics = engine.metrics(now: now).slos.first(where: { $0.name == slo }) else { continue }
            for s in metrics.series {
                for (w, c) in s.windows { out[s.series, default: SummedWindows()].add(w, c) }
                out[s.series, default: SummedWindows()].addPeriod(s.period)
            }
        }
        return out
    }

    @Test func threeEnginesSummedAreOneEngineFedEverything() throws {
        let all = events()
        var one = Engine()
        one.apply(all, receivedAt: now)
        var parts = [Engine(), Engine(), Engine()]
        for k in 0..<3 {
            parts[k].apply(all.enumerated().filter { $0.offset % 3 == k }.map(\.element), receivedAt: now)
        }
        let definition = try #require(EngineConfiguration().slos.first { $0.name == requestSLO })
        let fleet = summed(parts, slo: requestSLO)
        for series in [SLOSeriesID.total, .tenant("acme"), .tenant("zeta"), .model("claude")] {
            let expected = try #require(one.seriesStatus(slo: requestSLO, series: series, now: now))
            let got = SLOStatus(definition: definition, series: series, summed: try #require(fleet[series]), now: now)
            #expect(got.good == expected.good && got.total == expected.total, "\(series.label)")
            for w in BurnWindow.allCases {
                let e = try #require(expected.burnRates[w] ?? nil, "\(series.label) \(w)")
                #expect(approx(got.burnRates[w] ?? nil, e, tolerance: 1e-9 * max(1, e)), "\(series.label) \(w)")
            }
            #expect(approx(got.errorBudgetRemaining, try #require(expected.errorBudgetRemaining), tolerance: 1e-9))
            #expect(approx(got.timeToExhaustionSeconds, expected.timeToExhaustionSeconds ?? -1, tolerance: 1e-3)
                    || (got.timeToExhaustionSeconds == nil && expected.timeToExhaustionSeconds == nil))
            #expect(got.alerts.map(\.state) == expected.alerts.map(\.state), "\(series.label)")
        }
        // The incident: zeta's 13% errors in the last hour page; acme alone would not.
        let zeta = SLOStatus(definition: definition, series: .tenant("zeta"), summed: try #require(fleet[.tenant("zeta")]), now: now)
        #expect(zeta.alerts.first?.state == .firing)
        #expect(!zeta.alerts.dropFirst().contains { $0.state == .firing })
    }

    @Test func aSeriesNoEngineReportedHasNoData() throws {
        let definition = try #require(EngineConfiguration().slos.first { $0.name == requestSLO })
        let status = SLOStatus(definition: definition, series: .total, summed: SummedWindows(), now: now)
        #expect(status.sli == nil && status.total == 0 && status.errorBudgetRemaining == nil)
        #expect(status.burnRates.isEmpty)
        #expect(status.alerts.map(\.state) == [TierState](repeating: .ok, count: definition.tiers.count))
    }

    @Test func tooFewEventsInTheLongWindowHoldATierBack() throws {
        let definition = try #require(EngineConfiguration().slos.first { $0.name == requestSLO })
        var summed = SummedWindows()
        // Every event bad, but fewer than the SLO's minimum in the long window.
        let few = Double(definition.minEvents - 1)
        for w in BurnWindow.allCases { summed.add(w, WindowCounts(good: 0, total: few)) }
        let status = SLOStatus(definition: definition, series: .total, summed: summed, now: now)
        #expect(status.alerts.map(\.state) == [TierState](repeating: .ok, count: definition.tiers.count))
        #expect(status.alerts.map(\.belowMinEvents) == [Bool](repeating: true, count: definition.tiers.count))
    }
}
