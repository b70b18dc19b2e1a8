import FlowCore
import FlowTestKit
import Testing

/// A won lead with no touchpoint is credited to its lead source, but that credit is not a
/// touch: the source's `touches` stays at the touchpoints really sent (issue 16).
@Suite struct LeadSourceCreditTests {
    @Test func aLeadSourceCreditedWithoutTouchpointsCountsNoTouches() {
        var engine = Engine()
        let t = TestTime.start
        engine.feed([EventBuilder.leadCreated("quiet", source: "referral", at: t),
                     EventBuilder.stage("quiet", .won, revenue: 500, at: t + TestTime.days(1)),
                     EventBuilder.leadCreated("chatty", source: "website", at: t),
                     EventBuilder.touch("chatty", channel: "whatsapp", at: t + TestTime.days(1)),
                     EventBuilder.touch("chatty", channel: "whatsapp", at: t + TestTime.days(2)),
                     EventBuilder.stage("chatty", .won, revenue: 300, at: t + TestTime.days(3))])
        let rows = engine.snapshot(SnapshotQuery(model: .linear), now: t + TestTime.days(4)).attribution.rows
        let referral = rows.first { $0.channel == "referral" }
        let whatsapp = rows.first { $0.channel == "whatsapp" }
        #expect(referral?.revenue == 500)
        #expect(referral?.touches == 0)
        #expect(whatsapp?.revenue == 300)
        #expect(whatsapp?.touches == 2)
    }
}
