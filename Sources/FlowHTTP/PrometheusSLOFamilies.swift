import FlowCore

/// Every SLO series for recording rules and dashboards: monotonic counters of good, bad and
/// all events (for sloth/pyrra-style `rate()` rules), and at the scrape's instant the good
/// and total counts of each burn window and of the SLO window with the engine's burn rates
/// and budget.
///
/// Why both: `rate()` over counters is what sloth and pyrra build on, but it extrapolates
/// and sees events by arrival, where the engine buckets them by their own timestamps. The
/// window gauges are the engine's exact counts, so
/// `(1 - window_good_events / window_events) / on(slo) group_left (1 - objective_ratio)`
/// gives back `flowtop_slo_burn_rate` (up to floating-point rounding), which is what the
/// dashboard shows.
///
/// Labels: `slo`; `series` is `total`, `tenant` or `model`, with a `tenant` or `model` label
/// naming it; window gauges add `window` (`5m` ... `3d`). A burn rate is left out where its
/// window is empty, as the dashboard shows "no data" there.
///
/// ```text
/// flowtop_slo_window_events{slo="ai_request_success",series="total",window="1h"} 3600
/// flowtop_slo_burn_rate{slo="ai_request_success",series="tenant",tenant="acme",window="1h"} 2.5
/// ```
extension PrometheusExposition {
    static func writeSLOs(_ export: MetricsExport, into out: inout PrometheusTextWriter) {
        let slos = export.slos
        out.family("flowtop_slo_objective_ratio", .gauge, "Each SLO's objective (0.999 for 99.9%), with its window.")
        for slo in slos {
            out.sample("flowtop_slo_objective_ratio", [("slo", slo.name), ("period", slo.window.label)], slo.objective)
        }

        counters(slos, "flowtop_slo_events_total", "Events each SLO series judged since flowtop started.", \.total, &out)
        counters(slos, "flowtop_slo_good_events_total", "Good events of each SLO series since flowtop started.",
                 \.good, &out)
        counters(slos, "flowtop_slo_error_events_total", "Bad events of each SLO series since flowtop started.",
                 \.bad, &out)

        windows(slos, "flowtop_slo_window_events", "Events of each SLO series in each burn window, now.", \.total, &out)
        windows(slos, "flowtop_slo_window_good_events", "Good events of each SLO series in each burn window, now.",
                \.good, &out)
        out.family("flowtop_slo_burn_rate", .gauge,
                   "Burn rate per burn window: error ratio / (1 - objective); absent for an empty window.")
        for slo in slos {
            for s in slo.series {
                for w in BurnWindow.allCases {
                    guard let burn = s.burnRates[w] else { continue }
                    out.sample("flowtop_slo_burn_rate", labels(slo, s) + [("window", w.rawValue)], burn)
                }
            }
        }

        out.family("flowtop_slo_period_events", .gauge, "Events of each SLO series over the SLO's window, now.")
        for slo in slos { for s in slo.series { out.sample("flowtop_slo_period_events", labels(slo, s), s.period.total) } }
        out.family("flowtop_slo_period_good_events", .gauge, "Good events of each SLO series over the SLO's window, now.")
        for slo in slos {
            for s in slo.series { out.sample("flowtop_slo_period_good_events", labels(slo, s), s.period.good) }
        }
        out.family("flowtop_slo_period_burn_rate", .gauge, "Burn rate over the SLO's window; absent with no data.")
        for slo in slos {
            for s in slo.series {
                if let burn = s.periodBurnRate { out.sample("flowtop_slo_period_burn_rate", labels(slo, s), burn) }
            }
        }
        out.family("flowtop_slo_error_budget_remaining_ratio", .gauge,
                   "Error budget left over the SLO's window: 1 untouched, 0 spent, negative overspent; absent with no data.")
        for slo in slos {
            for s in slo.series {
                if let left = s.errorBudgetRemaining {
                    out.sample("flowtop_slo_error_budget_remaining_ratio", labels(slo, s), left)
                }
            }
        }
    }

    /// `slo`, `series`, and `tenant` or `model` for a labelled series.
    static func labels(_ slo: SLOMetrics, _ s: SLOSeriesMetrics) -> [(String, String)] {
        switch s.series {
        case .total: [("slo", slo.name), ("series", "total")]
        case .tenant(let t): [("slo", slo.name), ("series", "tenant"), ("tenant", t)]
        case .model(let m): [("slo", slo.name), ("series", "model"), ("model", m)]
        case .instance(let i): [("slo", slo.name), ("series", "instance"), ("instance", i)]
        }
    }

    private static func counters(_ slos: [SLOMetrics], _ name: String, _ help: String, _ value: KeyPath<SLICounts, Int64>,
                                 _ out: inout PrometheusTextWriter) {
        out.family(name, .counter, help)
        for slo in slos {
            for s in slo.series { out.sample(name, labels(slo, s), s.cumulative[keyPath: value]) }
        }
    }

    private static func windows(_ slos: [SLOMetrics], _ name: String, _ help: String, _ value: KeyPath<WindowCounts, Double>,
                                _ out: inout PrometheusTextWriter) {
        out.family(name, .gauge, help)
        for slo in slos {
            for s in slo.series {
                for w in BurnWindow.allCases {
                    out.sample(name, labels(slo, s) + [("window", w.rawValue)], (s.windows[w] ?? .zero)[keyPath: value])
                }
            }
        }
    }
}
