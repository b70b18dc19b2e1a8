import FlowConfig
import Foundation
import FlowCore
import Testing

/// `spec.x-flowtop`: tiers, minimum events, per-model series.
@Suite struct FlowtopExtensionTests {
    func slo(_ extensionLines: String, window: String = "30d") throws -> SLODefinition {
        try parseOne(sloDocument(spec: "timeWindow: [{duration: \(window), isRolling: true}]\n" + customLatencySpec
                                 + "\nx-flowtop:\n" + extensionLines))
    }

    @Test func withoutTiersTheWorkbookTiersForTheWindowApply() throws {
        let slo = try parseOne(sloDocument(spec: customLatencySpec))
        #expect(slo.tiers == SLODefinition.workbookTiers)
        #expect(slo.tiers.map(\.factor) == [14.4, 6, 3, 1])
    }

    @Test func budgetConsumedIsTurnedIntoAFactorForTheWindow() throws {
        let tiers = "  tiers:\n    - {severity: page, longWindow: 1h, shortWindow: 5m, budgetConsumed: 2%}"
        #expect(try slo(tiers).tiers.map(\.factor) == [14.4])
        #expect(try slo(tiers, window: "28d").tiers.map(\.factor) == [13.44])
        let fraction = "  tiers:\n    - {severity: page, longWindow: 1h, shortWindow: 5m, budgetConsumed: 0.02}"
        #expect(try slo(fraction, window: "28d").tiers.map(\.factor) == [13.44])
    }

    @Test func customTiersKeepTheirOrderFactorsAndDisabledFlag() throws {
        let tiers = """
              tiers:
                - severity: page
                  longWindow: 30m
                  shortWindow: 5m
                  factor: 20
                - {severity: ticket, longWindow: 3d, shortWindow: 6h, budgetConsumed: 10%, enabled: false}
            """
        #expect(try slo(tiers).tiers == [
            AlertTier(severity: .page, longWindow: .m30, shortWindow: .m5, factor: 20),
            AlertTier(severity: .ticket, longWindow: .d3, shortWindow: .h6, factor: 1, enabled: false),
        ])
    }

    @Test func aShortNameIsKeptAndABadOneRefused() throws {
        #expect(try parseOne(sloDocument(spec: customLatencySpec)).shortName == nil)
        #expect(try slo("  shortName: ai-success").shortName == "ai-success")
        #expect(throws: SLOFileError.self) { try slo("  shortName: \"two words\"") }
        #expect(throws: SLOFileError.self) { try slo("  shortName: \"\"") }
    }

    /// A label, not state: it neither makes two definitions differ (an SLO keeps its series
    /// when only its short name changes) nor goes into a checkpoint.
    @Test func aShortNameIsNotPartOfTheDefinitionsIdentityNorOfItsCodedForm() throws {
        let plain = try parseOne(sloDocument(spec: customLatencySpec))
        let named = try slo("  shortName: ai-success")
        var relabelled = plain
        relabelled.shortName = "ai-success"
        #expect(plain == relabelled)
        let coded = String(decoding: try JSONEncoder().encode(named), as: UTF8.self)
        #expect(!coded.contains("ai-success"), "\(coded)")
    }

    @Test func minEventsDefaultsAndCanBeSetToZero() throws {
        #expect(try parseOne(sloDocument(spec: customLatencySpec)).minEvents == SLODefinition.defaultMinEvents)
        #expect(try slo("  minEvents: 0").minEvents == 0)
        #expect(try slo("  minEvents: 250").minEvents == 250)
    }

    @Test func perModelCanBeSwitchedOnForACustomSLO() throws {
        #expect(try parseOne(sloDocument(spec: customLatencySpec)).perModel == false)
        #expect(try slo("  perModel: true").perModel == true)
    }
}
