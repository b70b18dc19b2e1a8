import FlowCore
@testable import FlowDashboard
import Testing
import TerminalUI

/// Grouping the alert list the way an on-call person reads it (issue 16): one row per SLO
/// and severity, newest and most severe first, matchers that silence exactly a group, and
/// names never cut so that two groups read the same.
@Suite("Alert groups")
struct AlertGroupTests {
    let incident = Fixture.incidentSnapshot().alerting.alerts

    @Test func oneIncidentOnOneSLOIsOnePageRowWhateverItsSeriesAndTiers() {
        let sections = AlertSections(incident)
        let page = sections.active[0]
        #expect(page.key == AlertLabels(["slo": "ai_request_success", "severity": "page"]))
        #expect(page.members.count == 7)   // the 1h/5m page of each series; 6h/30m inhibited
        #expect(page.seriesCount == 7)
        #expect(page.state == .firing)
        // The inhibited tickets make no row of their own until `i`.
        #expect(sections.active.count == 3)
        #expect(sections.inhibitedCount == 21 && sections.hiddenInhibited == 21)
        let shown = AlertSections(incident, showsInhibited: true)
        #expect(shown.active.count == 4)
        #expect(shown.active.first { $0.key["slo"] == "ai_request_success" && $0.key["severity"] == "page" }?
            .members.count == 14)
    }

    @Test func theNewIncidentLeadsThePagesAndPagesLeadTickets() {
        let rows = AlertSections(incident).active
        #expect(rows.map { $0.key["slo"] ?? $0.key["alertname"] ?? "?" }
            == ["ai_request_success", "ai_response_latency", "AICostHigh"])
        // The engine's own order puts the two-hour-old page first.
        #expect(incident[0].alert.slo == "ai_response_latency")
    }

    @Test func theRowShowsTheFastestTierAndSinceWhenTheNewestMemberFires() {
        let page = AlertSections(incident).active[0]
        #expect(AlertText.tier(page.lead.alert) == "1h/5m")
        #expect(page.lead.alert.labels["model"] == "llama-3")   // the newest of the fastest tier
        #expect(page.since == Fixture.now - 180_000)
    }

    @Test func pendingAlertsMakeAPendingGroupBelowTheFiringOnes() {
        let pending = ListedAlert(alert: Fixture.tracked(["alertname": "IngestSilent", "severity": "page"],
                                                         activeAt: Fixture.now - 30_000))
        let groups = AlertGroup.grouped(incident + [pending], by: .default)
        let silent = groups.first { $0.key["alertname"] == "IngestSilent" }
        #expect(silent?.state == .pending)
        #expect(groups.firstIndex { $0.key["alertname"] == "IngestSilent" } ?? 0
            > groups.lastIndex { $0.state == .firing && !$0.lead.inhibited } ?? 99)
    }

    @Test func aRuleWithoutAnSLOIsGroupedByItsNameNotWithEveryOtherRule() {
        let other = ListedAlert(alert: Fixture.tracked(["alertname": "RejectedLines", "severity": "ticket"],
                                                       activeAt: Fixture.now - 60_000, firedAt: Fixture.now - 60_000))
        let groups = AlertGroup.grouped([Fixture.costTicket, other], by: .default)
        #expect(groups.count == 2)
        #expect(Set(groups.map { $0.key["alertname"] ?? "" }) == ["AICostHigh", "RejectedLines"])
    }

    @Test func groupingByEveryLabelIsOneRowPerAlertAndKeepsItsFingerprint() {
        let groups = AlertGroup.grouped(incident, by: .oneRowPerAlert)
        #expect(groups.count == incident.count)
        #expect(Set(groups.map(\.id)) == Set(incident.map(\.alert.fingerprint)))
    }

    @Test("--alert-group-by takes label names or ... alone", arguments: [
        ("slo,severity", ["slo", "severity"]), ("slo severity tenant", ["slo", "severity", "tenant"]),
        ("...", ["..."]), ("slo,slo", ["slo"]),
    ])
    func parsing(text: String, labels: [String]) throws {
        #expect(try AlertGrouping(parsing: text).labels == labels)
    }

    @Test func aBadGroupingSaysWhichPart() {
        #expect(throws: UserFacingError.self) { try AlertGrouping(parsing: "slo,se-verity") }
        #expect(throws: UserFacingError.self) { try AlertGrouping(parsing: "...,slo") }
        #expect(throws: UserFacingError.self) { try AlertGrouping(parsing: " , ") }
    }

    @Test func theSilenceMatchersMuteExactlyTheGroup() throws {
        let page = AlertSections(incident).active[0]
        let matchers = SilencePrompt.matchers(for: page, grouping: .default)
        #expect(matchers == [LabelMatcher("severity", .equal, "page"), LabelMatcher("slo", .equal, "ai_request_success")])
        var book = SilenceBook()
        let id = try book.add(Silence(id: "", matchers: matchers, start: Fixture.now, end: Fixture.now + 3_600_000,
                                      author: "ana", comment: ""), at: Fixture.now)
        let muted = incident.filter { book.silencing($0.alert.labels, at: Fixture.now).contains(id) }
        // Both page tiers of every series, inhibited or not; no ticket, no other SLO.
        #expect(muted.count == 14)
        #expect(muted.allSatisfy { $0.alert.slo == "ai_request_success" && $0.alert.severity == "page" })
        #expect(SilencePrompt.isMade(Silence(id: id, matchers: matchers.reversed(), start: 0, end: 1, author: "",
                                             comment: ""), for: page, grouping: .default))
        #expect(!SilencePrompt.isMade(Silence(id: id, matchers: [matchers[1]], start: 0, end: 1, author: "",
                                              comment: ""), for: page, grouping: .default))
    }

    @Test func aRulesGroupLeavesAnSLOsAlertsOfTheSameNameAlone() throws {
        let cost = try #require(AlertGroup.grouped([Fixture.costTicket], by: .default).first)
        #expect(SilencePrompt.matchers(for: cost, grouping: .default) == [
            LabelMatcher("alertname", .equal, "AICostHigh"), LabelMatcher("severity", .equal, "ticket"),
            LabelMatcher("slo", .equal, ""),
        ])
    }

    // MARK: names

    /// Two SLOs on one model, grouped by model too, as the issue saw them at 100 columns.
    var byModel: [AlertGroup] {
        let alerts = [
            ActiveAlert(slo: "ai_request_success", series: .model("claude-sonnet"), tier: Fixture.tiers[1],
                        since: Fixture.now - 60_000, longBurn: 7, shortBurn: 8),
            ActiveAlert(slo: "ai_response_latency", series: .model("claude-sonnet"), tier: Fixture.tiers[1],
                        since: Fixture.now - 120_000, longBurn: 7, shortBurn: 8),
        ].map { Fixture.listed($0) }
        return AlertGroup.grouped(alerts, by: AlertGrouping(labels: ["slo", "severity", "model"]))
    }

    @Test func aShortColumnDropsTheSeriesPrefixBeforeCuttingTheName() {
        let wide = AlertGroupText.fitted(byModel, width: 41, shortNames: [:], dot: "·")
        #expect(wide == ["ai_request_success · model:claude-sonnet", "ai_response_latency · model:claude-sonnet"])
        let narrower = AlertGroupText.fitted(byModel, width: 35, shortNames: [:], dot: "·")
        #expect(narrower == ["ai_request_success · claude-sonnet", "ai_response_latency · claude-sonnet"])
    }

    @Test func theShortNameComesNextWhenTheFileGivesOne() {
        let short = ["ai_request_success": "ai-success", "ai_response_latency": "ai-latency"]
        let names = AlertGroupText.fitted(byModel, width: 26, shortNames: short, dot: "·")
        #expect(names == ["ai-success · claude-sonnet", "ai-latency · claude-sonnet"])
    }

    @Test func whenEvenTheShortNameIsTooLongTheNamesAreCutWhereTheyDiffer() {
        // "ai_re… · claude-sonnet" twice was the bug: cut in the middle, both ends show.
        let names = AlertGroupText.fitted(byModel, width: 22, shortNames: [:], dot: "·")
        #expect(names == ["ai_r…s · claude-sonnet", "ai_r…y · claude-sonnet"], "\(names)")
    }

    /// The alert column is never narrower than 20 columns.
    @Test("two names are never cut to the same text", arguments: [20, 21, 22, 23, 24, 26, 30, 33])
    func neverAmbiguous(width: Int) {
        let names = AlertGroupText.fitted(byModel, width: width, shortNames: [:], dot: "·")
        #expect(names[0] != names[1], "\(names)")
        #expect(names.allSatisfy { DisplayWidth.of($0) <= width }, "\(names)")
    }
}
