import FlowCore
import FlowFleet
import Testing

/// The fleet's snapshot from summed counts: statuses, the detail's breakdown by engine,
/// and the alerts of the tiers that hold, labelled with the engine that burns.
@Suite struct FleetSnapshotTests {
    let now: EpochMillis = 1_796_000_400_000
    let definition = EngineConfiguration().slos.first { $0.name == "ai_request_success" }!

    /// Engine a burns hard (20% errors in every window), engine b is fine; tenant acme
    /// carries all of a's errors.
    func counts() -> FleetCounts {
        var counts = FleetCounts(at: now)
        func summed(good: Double, total: Double) -> SummedWindows {
            var s = SummedWindows()
            for w in BurnWindow.allCases { s.add(w, WindowCounts(good: good, total: total)) }
            s.addPeriod(WindowCounts(good: good, total: total))
            return s
        }
        counts.instances[definition.name] = ["a:9100": summed(good: 800, total: 1_000), "b:9100": summed(good: 1_000, total: 1_000)]
        counts.series[definition.name] = [.total: summed(good: 1_800, total: 2_000), .tenant("acme"): summed(good: 800, total: 1_000),
                                          .tenant("zeta"): summed(good: 1_000, total: 1_000)]
        return counts
    }

    @Test func theDetailBreaksTheSLODownByEngineTenantAndModel() throws {
        let query = SnapshotQuery(detail: SLODetailQuery(slo: definition.name))
        let detail = try #require(FleetSnapshot.make(counts(), definitions: [definition], query: query).detail)
        #expect(detail.status.series == .total && detail.status.total == 2_000)
        #expect(detail.breakdown.map(\.series.label) == ["instance:a:9100", "instance:b:9100", "tenant:acme", "tenant:zeta"])
        #expect(detail.breakdown[0].burnRates[.h1].map { abs($0 - 200) < 1e-9 } == true)
        #expect(detail.breakdown[1].burnRates[.h1] == 0)
        // Drilling into one engine shows its own series.
        let engine = SnapshotQuery(detail: SLODetailQuery(slo: definition.name, series: .instance("a:9100")))
        let a = try #require(FleetSnapshot.make(counts(), definitions: [definition], query: engine).detail)
        #expect(a.status.series == .instance("a:9100") && a.status.total == 1_000 && a.status.good == 800)
    }

    @Test func alertsNameTheEngineAndTheTenantThatBurn() throws {
        let seen: [String: EpochMillis] = [:]
        let snapshot = FleetSnapshot.make(counts(), definitions: [definition], query: SnapshotQuery(), firstSeen: seen)
        let firing = snapshot.alerting.alerts.filter { !$0.inhibited }
        #expect(firing.count == 3, "\(firing.map(\.alert.labels))")   // the page of the total, acme and engine a
        #expect(firing.contains { $0.alert.labels["instance"] == "a:9100" })
        #expect(firing.contains { $0.alert.labels["tenant"] == "acme" })
        #expect(!firing.contains { $0.alert.labels["instance"] == "b:9100" || $0.alert.labels["tenant"] == "zeta" })
        #expect(firing.allSatisfy { $0.alert.state == .firing && $0.alert.severity == "page" })
        // An alert seen before keeps its first time.
        let fingerprint = try #require(firing.first?.alert.fingerprint)
        let again = FleetSnapshot.make(counts(), definitions: [definition], query: SnapshotQuery(),
                                       firstSeen: [fingerprint: now - 60_000])
        #expect(again.alerting.alerts.first { $0.alert.fingerprint == fingerprint }?.alert.activeAt == now - 60_000)
    }

    @Test func aTenantViewShowsThatTenantsSeriesAndAlertsOnly() {
        let snapshot = FleetSnapshot.make(counts(), definitions: [definition], query: SnapshotQuery(tenant: "zeta"))
        #expect(snapshot.slos.first?.series == .tenant("zeta") && snapshot.slos.first?.total == 1_000)
        #expect(snapshot.alerting.alerts.isEmpty)
        #expect(snapshot.tenants == ["acme", "zeta"])
    }
}
