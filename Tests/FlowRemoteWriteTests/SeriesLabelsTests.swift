import FlowCore
import FlowRemoteWrite
import Testing

/// The labels of a series as the receiver gets them: __name__, the sample's own labels,
/// instance and the external labels, sorted; bad labels are refused with a sentence.
@Suite("remote_write: series labels")
struct SeriesLabelsTests {
    let sample = MetricSample(name: "flowtop_slo_events_total", labels: [("slo", "ai"), ("series", "total")], value: 3)

    @Test("instance and external labels are added, and every label is sorted by name")
    func addedAndSorted() throws {
        let labels = try SeriesLabels(instance: "web-1", external: [("region", "eu"), ("env", "prod")])
        #expect(labels.labels(for: sample).map { "\($0.name)=\($0.value)" }
                == ["__name__=flowtop_slo_events_total", "env=prod", "instance=web-1", "region=eu", "series=total", "slo=ai"])
    }

    @Test("a sample's own label wins over an external label of the same name")
    func ownLabelWins() throws {
        let labels = try SeriesLabels(instance: "web-1", external: [("slo", "other")])
        #expect(labels.labels(for: sample).filter { $0.name == "slo" }.map(\.value) == ["ai"])
    }

    @Test("k=v splits at the first equals sign")
    func parse() throws {
        #expect(try SeriesLabels.parseExternal("team=a=b") == ("team", "a=b"))
        #expect(throws: UserFacingError.self) { try SeriesLabels.parseExternal("team") }
    }

    @Test("bad names, empty values, repeats and a second instance are refused",
          arguments: [[("9x", "v")], [("__name__", "v")], [("a-b", "v")], [("team", "")], [("a", "1"), ("a", "2")],
                      [("instance", "x")]])
    func refused(_ external: [(String, String)]) {
        #expect(throws: UserFacingError.self) { try SeriesLabels(instance: "web-1", external: external) }
    }

    @Test("an empty instance is refused")
    func emptyInstance() {
        #expect(throws: UserFacingError.self) { try SeriesLabels(instance: "", external: []) }
    }
}
