import FlowCore
import FlowNotify
import Testing

/// What goes to Alertmanager and when: Prometheus' resend rules, on the engine's minutes.
@Suite struct AlertmanagerResenderTests {
    @Test func aFiringAlertIsPostedAtOnceWithAFourMinuteLease() {
        var resender = AlertmanagerResender()
        var timeline = AlertTimeline()
        let posts = resender.plan(timeline.evaluate([burn()], at: t0), at: t0)
        #expect(posts.count == 1)
        #expect(posts.first?.startsAt == t0)
        #expect(posts.first?.endsAt == t0 + 4 * minute)
    }

    @Test func aFiringAlertIsPostedAgainEveryResendInterval() {
        var resender = AlertmanagerResender()
        var timeline = AlertTimeline()
        var posts: [AlertmanagerPosting] = []
        for step in 0...10 {
            let t = t0 + EpochMillis(step) * 30 * second
            let listed = step % 2 == 0 ? timeline.evaluate([burn()], at: t) : timeline.listed
            posts += resender.plan(listed, at: t)
        }
        #expect(posts.map(\.endsAt) == (0...5).map { t0 + EpochMillis($0) * minute + 4 * minute })
        #expect(posts.allSatisfy { $0.startsAt == t0 })
    }

    @Test func theLeaseCoversFourOfTheLongerOfResendAndEvaluation() {
        #expect(AlertmanagerResender(resendInterval: 2 * minute).validity == 8 * minute)
        #expect(AlertmanagerResender(resendInterval: 10 * second).validity == 4 * minute)
    }

    @Test func aResolvedAlertIsPostedAtOnceAndRepeatedForFifteenMinutes() {
        var resender = AlertmanagerResender()
        var timeline = AlertTimeline()
        _ = resender.plan(timeline.evaluate([burn()], at: t0), at: t0)
        var posts: [AlertmanagerPosting] = []
        for step in 1...30 {
            let t = t0 + EpochMillis(step) * minute
            posts += resender.plan(timeline.evaluate([], at: t), at: t)
        }
        #expect(posts.count == 16)
        #expect(posts.allSatisfy { $0.endsAt == t0 + minute && $0.alert.state == .resolved })
    }

    @Test func pendingMutedAndInhibitedAlertsAreNotPosted() {
        var resender = AlertmanagerResender()
        var timeline = AlertTimeline()
        let muted = burn(tenant: "muted"), inhibited = burn(tenant: "inhibited")
        timeline.silenced = [muted.labels.fingerprint]
        timeline.inhibited = [inhibited.labels.fingerprint]
        let listed = timeline.evaluate([muted, inhibited, burn(tenant: "pending", forMillis: 5 * minute)], at: t0)
        #expect(resender.plan(listed, at: t0).isEmpty)
    }

    @Test func anAlertNeverPostedIsNotPostedResolved() {
        var resender = AlertmanagerResender()
        var timeline = AlertTimeline()
        let muted = burn()
        timeline.silenced = [muted.labels.fingerprint]
        _ = resender.plan(timeline.evaluate([muted], at: t0), at: t0)
        #expect(resender.plan(timeline.evaluate([], at: t0 + minute), at: t0 + minute).isEmpty)
    }

    @Test func aNewEpisodeIsPostedAtOnce() {
        var resender = AlertmanagerResender(resendInterval: 10 * minute)
        var timeline = AlertTimeline()
        _ = resender.plan(timeline.evaluate([burn()], at: t0), at: t0)
        #expect(resender.plan(timeline.evaluate([], at: t0 + minute), at: t0 + minute).map(\.endsAt) == [t0 + minute])
        let again = resender.plan(timeline.evaluate([burn()], at: t0 + 2 * minute), at: t0 + 2 * minute)
        #expect(again.map(\.startsAt) == [t0 + 2 * minute])
    }
}
