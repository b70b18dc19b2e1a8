import FlowCore
import Testing

/// `x-flowtop.shortName` travels to the snapshot, and an engine read back from a
/// checkpoint (which does not keep labels) takes it from the configuration it runs with.
@Suite("SLO short names")
struct SLOShortNameTests {
    static func configuration(shortName: String?) -> EngineConfiguration {
        var definition = SLODefinition(name: "ai_request_success", kind: .aiRequestSuccess, objective: 0.999)
        definition.shortName = shortName
        var configuration = EngineConfiguration()
        configuration.slos = [definition]
        return configuration
    }

    @Test func theSnapshotCarriesTheShortName() {
        var engine = Engine(configuration: Self.configuration(shortName: "ai-success"))
        #expect(engine.snapshot(SnapshotQuery(), now: 1_800_000_000_000).slos.first?.shortName == "ai-success")
    }

    @Test func anEngineWithoutLabelsTakesThemFromItsConfiguration() {
        var engine = Engine(configuration: Self.configuration(shortName: nil))
        let labelled = Self.configuration(shortName: "ai-success")
        #expect(engine.configuration == labelled)   // a label does not make them differ
        engine.takeLabels(from: labelled)
        #expect(engine.snapshot(SnapshotQuery(), now: 1_800_000_000_000).slos.first?.shortName == "ai-success")
    }
}
