import FlowCore
import FlowTestKit
import Testing

/// Every SLO series is exported with counts since start and the window counts and burn
/// rates the status shows at the same instant.
@Suite struct MetricSLOExportTests {
    let now = TestTime.start + TestTime.days(2) + TestTime.minutes(7) + 12_345

    /// Failures spread over two days, two tenants and two models, plus one event older
    /// than every burn window but inside the SLO window.
    func engine() -> Engine {
        var engine = Engine()
        var events = EventBuilder.aiRequests(good: 5_000, bad: 40, from: now - TestTime.days(2), until: now,
                                             model: "gpt-4o", tenant: "acme")
        events += EventBuilder.aiRequests(good: 800, bad: 9, from: now - TestTime.hours(3), until: now,
                                          model: "claude", tenant: "zeta")
        events.append(EventBuilder.aiRequest(success: false, tenant: "acme", at: now - TestTime.days(5)))
        events.sort { $0.time < $1.time }
        engine.apply(events, receivedAt: now)
        return engine
    }

    @Test func windowCountsAndBurnRatesAreThoseOfTheStatus() throws {
        let engine = engine()
        let slo = try #require(engine.metrics(now: now).slos.first { $0.name == requestSLO })
        #expect(slo.series.count == 5)
        for s in slo.series {
            let status = try #require(engine.seriesStatus(slo: requestSLO, series: s.series, now: now))
            #expect(s.burnRates == status.burnRates, "\(s.series.label)")
            #expect(s.period.rounded == SLICounts(good: status.good, total: status.total), "\(s.series.label)")
            #expect(s.periodBurnRate == status.windowBurn)
            #expect(s.errorBudgetRemaining == status.errorBudgetRemaining)
            for w in BurnWindow.allCases {
                let counts = try #require(s.windows[w])
                let identity = counts.total > 0 ? (1 - counts.good / counts.total) / (1 - slo.objective) : nil
                #expect(approx(identity, s.burnRates[w] ?? -1, tolerance: 1e-12) == (counts.total > 0))
            }
        }
    }

    @Test func seriesComeTotalFirstThenTenantsThenModels() throws {
        let slo = try #require(engine().metrics(now: now).slos.first { $0.name == requestSLO })
        #expect(slo.series.map(\.series.label) == ["total", "tenant:acme", "tenant:zeta", "model:claude", "model:gpt-4o"])
        #expect(slo.objective == 0.999 && slo.window == .thirtyDays)
    }

    @Test func cumulativeCountsIncludeEventsOutsideEveryWindow() throws {
        let slo = try #require(engine().metrics(now: now).slos.first { $0.name == requestSLO })
        let acme = try #require(slo.series.first { $0.series == .tenant("acme") })
        #expect(acme.cumulative == SLICounts(good: 5_000, total: 5_041))
        #expect(acme.windows[.d3] == WindowCounts(good: 5_000, total: 5_040))
        #expect(slo.series[0].cumulative == SLICounts(good: 5_800, total: 5_850))
    }

    @Test func cumulativeCountsOnlyGrowAsWindowsSlide() throws {
        var engine = engine()
        let before = try #require(engine.metrics(now: now).slos.first { $0.name == requestSLO }?.series.first)
        engine.apply([EventBuilder.aiRequest(at: now + TestTime.days(4))], receivedAt: now + TestTime.days(4))
        let after = try #require(engine.metrics(now: now + TestTime.days(4)).slos.first { $0.name == requestSLO }?.series.first)
        #expect(after.cumulative == SLICounts(good: before.cumulative.good + 1, total: before.cumulative.total + 1))
        #expect(after.windows[.d3] == WindowCounts(good: 1, total: 1))
        #expect(after.burnRates[.d3] == 0 && after.burnRates[.m5] == 0)
    }

    @Test func anEmptyWindowHasNoBurnRate() throws {
        let later = now + TestTime.hours(4)
        let slo = try #require(engine().metrics(now: later).slos.first { $0.name == requestSLO })
        #expect(slo.series[0].windows[.h1] == .zero)
        #expect(slo.series[0].burnRates[.h1] == nil)
        #expect(slo.series[0].burnRates[.d1] != nil)
    }
}
