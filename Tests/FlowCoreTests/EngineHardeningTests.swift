import FlowCore
import FlowTestKit
import Testing

/// Issue 12: what reaches the engine cannot trap it, push its clock ahead of real time,
/// or make attribution's cost grow without bound.
@Suite struct EngineHardeningTests {
    let t = windowEnd
    let minute = TestTime.minutes(1)

    /// The two lines that killed the engine (SIGILL in `AIRequestTally.add`): applied
    /// directly, bypassing the wire's range check, the sum saturates instead.
    @Test func tokenSumsSaturateInsteadOfTrapping() {
        var engine = Engine()
        let huge = Event(time: t, body: .aiRequest(AIRequest(provider: "p", model: "m", tokensInput: .max,
                                                              tokensOutput: .max)))
        let one = Event(time: t, body: .aiRequest(AIRequest(provider: "p", model: "m", tokensInput: 1, tokensOutput: 1)))
        engine.apply([huge, one, huge], receivedAt: t)
        let series = engine.metrics(now: t).aiRequests
        #expect(series.count == 1)
        #expect(series.first?.tokensInput == .max && series.first?.tokensOutput == .max && series.first?.requests == 3)
    }

    @Test func saturatingAddHoldsAtTheEnds() {
        #expect(Int64.max.saturatingAdd(1) == .max)
        #expect(Int64.min.saturatingAdd(-1) == .min)
        #expect(Int64(40).saturatingAdd(2) == 42)
    }

    /// An event stamped within the skew ahead of its receipt is kept, but the alert clock
    /// stays at the receive time: before, it moved to the stamp and evaluated minutes that
    /// had not happened, so alerts were stamped minutes in the future.
    @Test func anEarlyStampDoesNotMoveTheAlertClockAheadOfRealTime() {
        var configuration = EngineConfiguration()
        configuration.alertRules = [ThresholdRule(name: "AICostHigh", metric: .aiCostPerHour, comparison: .above,
                                                  threshold: 10, labels: [:])]
        var engine = Engine(configuration: configuration)
        engine.apply([EventBuilder.aiRequest(cost: 20, at: t)], receivedAt: t)
        engine.apply([EventBuilder.messageSent(at: t + 290_000)], receivedAt: t + 1000)
        let alerts = engine.alerting(now: t + 1000).alerts
        #expect(alerts.allSatisfy { $0.alert.activeAt <= t + 1000 }, "\(alerts.map(\.alert.activeAt))")
        #expect(alerts.isEmpty)
        // Once real time has passed the minute, the rule is judged as usual.
        let later = engine.alerting(now: t + 2 * minute).alerts
        #expect(later.first?.alert.activeAt == t + minute)
    }

    /// 60,000 channels made one attribution report take 40 s; past the cap (256 by
    /// default) new channels count as `other`.
    @Test func channelsPastTheCapFoldIntoOther() throws {
        var configuration = EngineConfiguration()
        configuration.maxChannels = 3
        var engine = Engine(configuration: configuration)
        var events: [Event] = []
        for i in 0..<10 {
            events.append(EventBuilder.leadCreated("L\(i)", at: t))
            events.append(EventBuilder.touch("L\(i)", channel: "channel-\(i)", at: t + 1000))
            events.append(EventBuilder.stage("L\(i)", .won, revenue: 100, at: t + 2000))
        }
        engine.feed(events)
        let rows = engine.snapshot(SnapshotQuery(), now: t + minute).attribution.rows
        #expect(Set(rows.map(\.channel)) == ["channel-0", "channel-1", "channel-2", "other"])
        let other = try #require(rows.first { $0.channel == "other" })
        #expect(other.revenue == 700)
    }
}
