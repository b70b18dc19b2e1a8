import FlowTestKit
import Testing

@testable import FlowCore

/// The engine's tenant directory gives every canonical tenant one id for good, and every
/// folded tenant the id of `other`; the exported counters key on those ids and name each
/// row as before.
@Suite struct TenantDirectoryTests {
    let t = TestTime.start

    @Test func anIdStaysTheSameForEveryLaterEventOfItsTenant() {
        var tenants = TenantDirectory(capacity: 10)
        let a = tenants.canonical("acme").tenant
        let z = tenants.canonical("zeta").tenant
        #expect(a == CanonicalTenant(name: "acme", id: 1) && z == CanonicalTenant(name: "zeta", id: 2))
        for name in ["beta", "acme", "gamma", "zeta", "acme"] { _ = tenants.canonical(name) }
        #expect(tenants.canonical("acme").tenant == a)
        #expect(tenants.canonical("zeta").tenant == z)
        #expect(tenants.names == ["other", "acme", "zeta", "beta", "gamma"])   // by id
        #expect(tenants.sorted == ["acme", "beta", "gamma", "zeta"])
    }

    @Test func foldedTenantsShareTheIdOfOther() {
        var tenants = TenantDirectory(capacity: 2)
        _ = tenants.canonical("a")
        _ = tenants.canonical("b")
        let (c, cFolded) = tenants.canonical("c")
        let (d, dFolded) = tenants.canonical("d")
        #expect(cFolded && dFolded)
        #expect(c == CanonicalTenant.other && d == CanonicalTenant.other)
        #expect(c.id == CanonicalTenant.otherID)
        #expect(tenants.canonical("c").folded)   // still folded, never a name of its own
        #expect(tenants.canonical("b") == (CanonicalTenant(name: "b", id: 2), false))
        #expect(tenants.sorted == ["a", "b", "other"])
    }

    @Test func aRealTenantNamedOtherHasTheIdOfOtherAndCountsAgainstTheCap() {
        var tenants = TenantDirectory(capacity: 2)
        #expect(tenants.canonical("other") == (CanonicalTenant.other, false))
        #expect(tenants.canonical("a") == (CanonicalTenant(name: "a", id: 1), false))
        #expect(tenants.canonical("b") == (CanonicalTenant.other, true))
        #expect(tenants.sorted == ["a", "other"])
    }

    @Test func tenantsTheCountersNeverSawLeaveNoTraceInTheExport() {
        var engine = Engine(configuration: EngineConfiguration(maxSeriesPerSLO: 3))
        engine.apply([
            Event(time: t, tenant: "quiet", body: .sli(slo: "ai_request_success", good: true, latencyMs: nil)),
            Event(time: t, tenant: "acme", body: .messageSent(channel: "whatsapp", messageType: "outbound")),
            Event(time: t, tenant: "zeta", body: .messageSent(channel: "whatsapp", messageType: "outbound")),
            Event(time: t, tenant: "late", body: .messageSent(channel: "whatsapp", messageType: "outbound")),
            Event(time: t, tenant: "acme", body: .messageSent(channel: "whatsapp", messageType: "outbound")),
        ], receivedAt: t)
        let rows = engine.metrics(now: t).messagesSent.map { "\($0.tenant)=\($0.count)" }
        #expect(rows == ["acme=2", "other=1", "zeta=1"])
    }

    @Test func aFullFamilysOverflowSeriesIsTheSameSeriesAsTheFoldedTenants() {
        var counters = ExportCounters(caps: MetricLabelCaps(tenants: 10, models: 10, seriesPerFamily: 2))
        let acme = CanonicalTenant(name: "acme", id: 1)
        counters.recordMessageSent(channel: "whatsapp", messageType: "outbound", tenant: acme)
        counters.recordMessageSent(channel: "email", messageType: "outbound", tenant: acme)
        counters.recordMessageSent(channel: "sms", messageType: "inbound", tenant: CanonicalTenant(name: "zeta", id: 2))
        counters.recordMessageSent(channel: "other", messageType: "other", tenant: .other)
        let rows = counters.messagesSent().map { "\($0.channel)/\($0.messageType)/\($0.tenant)=\($0.count)" }
        #expect(rows == ["email/outbound/acme=1", "other/other/other=2", "whatsapp/outbound/acme=1"])
    }
}
