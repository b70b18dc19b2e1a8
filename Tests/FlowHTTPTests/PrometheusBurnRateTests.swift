import FlowCore
import FlowHTTP
import FlowTestKit
import Testing

/// A burn rate computed from the exported window counts, as PromQL would, is the burn rate
/// flowtop exports, and that is the one the engine's status shows.
@Suite struct PrometheusBurnRateTests {
    let fixture = PrometheusFixture.shared

    /// `(1 - good / total) / (1 - objective)` for every SLO, series and burn window, against
    /// `flowtop_slo_burn_rate` and `SLOStatus.burnRates`.
    @Test func burnRatesFromTheWindowGaugesMatchTheExportedAndTheEngines() throws {
        let parsed = try PrometheusText(fixture.text)
        var checked = 0
        for total in parsed.samples("flowtop_slo_window_events") {
            let labels = total.labels
            let slo = try #require(labels["slo"])
            let objective = try #require(parsed.samples("flowtop_slo_objective_ratio").first { $0.labels["slo"] == slo }).value
            let good = try #require(parsed.value("flowtop_slo_window_good_events", labels))
            let exported = parsed.value("flowtop_slo_burn_rate", labels)
            let status = try #require(fixture.engine.seriesStatus(slo: slo, series: try Self.series(labels),
                                                                  now: PrometheusFixture.now))
            let window = try #require(BurnWindow(rawValue: labels["window"] ?? ""))
            #expect(exported == status.burnRates[window], "\(labels)")
            guard total.value > 0 else {
                #expect(exported == nil)
                continue
            }
            let promql = (1 - good / total.value) / (1 - objective)
            let burn = try #require(exported)
            #expect(abs(promql - burn) <= 1e-12 * max(1, burn), "\(labels): PromQL \(promql), flowtop \(burn)")
            checked += 1
        }
        // 12 series (3 totals, 5 tenants, 4 models) x 7 windows, less the empty ones.
        #expect(checked > 40)
        #expect(parsed.samples("flowtop_slo_burn_rate").count == checked)
    }

    @Test func aFailingSeriesBurnsWhatItsCountsSay() throws {
        let parsed = try PrometheusText(fixture.text)
        // zeta: 12 bad of 912 over 2 hours, 99.9%: burn 12 / 912 / 0.001 = 13.16 over 2h and longer.
        let labels = ["slo": "ai_request_success", "series": "tenant", "tenant": "zeta", "window": "6h"]
        #expect(parsed.value("flowtop_slo_window_events", labels) == 912)
        #expect(parsed.value("flowtop_slo_window_good_events", labels) == 900)
        let burn = try #require(parsed.value("flowtop_slo_burn_rate", labels))
        #expect(abs(burn - 12.0 / 912 / 0.001) < 1e-9)
    }

    @Test func periodGaugesAreTheStatusOverTheSLOWindow() throws {
        let parsed = try PrometheusText(fixture.text)
        for slo in fixture.export.slos {
            for s in slo.series {
                let status = try #require(fixture.engine.seriesStatus(slo: slo.name, series: s.series, now: PrometheusFixture.now))
                var labels = ["slo": slo.name, "series": Self.kind(s.series)]
                if case .tenant(let t) = s.series { labels["tenant"] = t }
                if case .model(let m) = s.series { labels["model"] = m }
                #expect(parsed.value("flowtop_slo_period_events", labels) == Double(status.total))
                #expect(parsed.value("flowtop_slo_period_good_events", labels) == Double(status.good))
                #expect(parsed.value("flowtop_slo_period_burn_rate", labels) == status.windowBurn)
                #expect(parsed.value("flowtop_slo_error_budget_remaining_ratio", labels) == status.errorBudgetRemaining)
                #expect(parsed.value("flowtop_slo_events_total", labels) == Double(s.cumulative.total))
                #expect(parsed.value("flowtop_slo_error_events_total", labels) == Double(s.cumulative.bad))
            }
        }
        #expect(parsed.value("flowtop_slo_objective_ratio", ["slo": "ai_request_success", "period": "30d"]) == 0.999)
    }

    /// The series a sample's `series`, `tenant` and `model` labels name.
    static func series(_ labels: [String: String]) throws -> SLOSeriesID {
        switch labels["series"] {
        case "total": return .total
        case "tenant": return .tenant(try #require(labels["tenant"]))
        case "model": return .model(try #require(labels["model"]))
        default: throw PrometheusText.Malformed(line: "\(labels)", why: "unknown series")
        }
    }

    static func kind(_ id: SLOSeriesID) -> String {
        switch id {
        case .total: "total"
        case .tenant: "tenant"
        case .model: "model"
        case .instance: "instance"
        }
    }
}
