import FlowCore
import FlowFormats
import FlowTestKit
import FlowViewer
import Testing

/// Snapshots and queries through `SnapshotCoding` and back: every part of a real engine's
/// snapshot comes back equal, non-finite numbers included, in a readable form.
@Suite struct SnapshotCodingTests {
    /// Guards the round trip below: a snapshot that lost its optional parts would compare
    /// empty values and pass whatever the coding does.
    @Test func theRichSnapshotHasEveryPart() throws {
        let snapshot = ViewerFixture.snapshot()
        let detail = try #require(snapshot.detail)
        #expect(!detail.breakdown.isEmpty && !detail.alerts.isEmpty && !detail.history.counts.isEmpty)
        #expect(detail.status.percentiles.count == PercentileWindow.allCases.count)
        let funnel = try #require(snapshot.funnelAnalysis)
        #expect(!funnel.breakdown.isEmpty && funnel.stages.contains { $0.timeToNext != nil })
        #expect(funnel.breakdown.contains { $0.label == .other(labels: 2) })
        #expect(!snapshot.alerts.isEmpty && snapshot.slos.count == 5)
        #expect(snapshot.alerting.alerts.contains { $0.isSilenced })
        #expect(snapshot.alerting.alerts.contains { $0.alert.isAcknowledged })
        #expect(Set(snapshot.alerting.silences.map(\.state)) == [.active, .expired])
        #expect(!snapshot.alerting.rules.isEmpty && snapshot.alerting.statistics != nil)
        #expect(!snapshot.attribution.comparison.isEmpty && !snapshot.attribution.features.isEmpty)
        #expect(!snapshot.attribution.topPaths.byChannel.isEmpty && !snapshot.attribution.aiROIByTenant.isEmpty)
        #expect(snapshot.ingest.rejected.total > 0 && snapshot.notifiers.count == 2)
    }

    @Test func aRichSnapshotComesBackEqual() throws {
        let snapshot = ViewerFixture.snapshot()
        #expect(try SnapshotCoding.decode(SnapshotCoding.encode(snapshot)) == snapshot)
    }

    /// Through the bytes a viewer receives, not only the tree.
    @Test func aRichSnapshotComesBackEqualThroughItsText() throws {
        let snapshot = ViewerFixture.snapshot()
        let bytes = Array(try SnapshotCoding.encode(snapshot).rendered(.compact).utf8)
        #expect(try SnapshotCoding.decode(JSONValue.parse(bytes)) == snapshot)
    }

    @Test func everyWorkloadViewComesBackEqual() throws {
        for query in EngineWorkload.queries {
            let snapshot = ViewerFixture.snapshot(query)
            #expect(try SnapshotCoding.decode(SnapshotCoding.encode(snapshot)) == snapshot, "\(query)")
        }
    }

    @Test func queriesComeBackEqual() throws {
        var custom = ViewerFixture.richQuery
        custom.tenant = "tenant-1"
        custom.detail = SLODetailQuery(slo: "sync_ok", series: .model("claude"), range: .d30)
        custom.attribution = AttributionParameters(lookbackDays: nil, halfLifeDays: 2.5, markovOrder: 2, maxChannels: 9)
        for query in EngineWorkload.queries + [SnapshotQuery(), custom] {
            #expect(try SnapshotCoding.decodeQuery(SnapshotCoding.encodeQuery(query)) == query)
        }
    }

    /// A burn rate over a zero budget, an infinite lookback: the strings stand in and
    /// read back as the same numbers.
    @Test func infiniteNumbersComeBackEqual() throws {
        var snapshot = ViewerFixture.snapshot()
        snapshot.slos[0].burnRates[.h1] = .infinity
        snapshot.slos[0].timeToExhaustionSeconds = .infinity
        snapshot.slos[1].windowBurn = -.infinity
        snapshot.query.attribution.lookbackDays = .infinity
        snapshot.attribution.aiROI.roi = -.infinity
        let tree = try SnapshotCoding.encode(snapshot)
        #expect(try SnapshotCoding.decode(tree) == snapshot)
        #expect(member(tree, "query", "attribution", "lookbackDays") == .string("+Inf"))
        #expect(member(tree, "slos", "1", "windowBurn") == .string("-Inf"))
    }

    /// NaN is equal to nothing, itself included: the snapshot is compared by its tree,
    /// and the fields one by one.
    @Test func notANumberComesBackAsNotANumber() throws {
        var snapshot = ViewerFixture.snapshot()
        snapshot.slos[0].sliSparkline[0] = .nan
        snapshot.funnel.wonRevenue = .nan
        snapshot.detail?.history.burn[0] = .nan
        let tree = try SnapshotCoding.encode(snapshot)
        #expect(member(tree, "funnel", "wonRevenue") == .string("NaN"))
        let decoded = try SnapshotCoding.decode(tree)
        #expect(decoded.slos[0].sliSparkline[0]?.isNaN == true)
        #expect(decoded.funnel.wonRevenue.isNaN)
        #expect(decoded.detail?.history.burn[0]?.isNaN == true)
        #expect(try SnapshotCoding.encode(decoded) == tree)
    }

    /// Dictionaries keyed by an enum are objects keyed by its raw value (sorted), epoch
    /// milliseconds are exact integers, stages are their raw numbers.
    @Test func theEncodedFormIsReadable() throws {
        let snapshot = ViewerFixture.snapshot()
        let tree = try SnapshotCoding.encode(snapshot)
        #expect(member(tree, "now") == .int(ViewerFixture.end))
        guard case .object(let burns)? = member(tree, "slos", "0", "burnRates") else {
            Issue.record("burnRates is not an object")
            return
        }
        #expect(burns.map(\.0) == snapshot.slos[0].burnRates.keys.map(\.rawValue).sorted())
        guard case .object(let byState)? = member(tree, "alerting", "statistics", "byState") else {
            Issue.record("byState is not an object")
            return
        }
        #expect(byState.map(\.0) == AlertLifecycleState.allCases.map(\.rawValue).sorted())
        #expect(member(tree, "funnel", "stages", "5", "stage") == .int(Int64(Stage.won.rawValue)))
        #expect(member(tree, "query", "detail", "series", "total") == .object([]))
    }

    /// A value down a path of object keys and array indices, nil when there is none.
    func member(_ tree: JSONValue, _ path: String...) -> JSONValue? {
        var node = tree
        for token in path {
            guard let next = node[key: token] ?? Int(token).flatMap({ node[index: $0] }) else { return nil }
            node = next
        }
        return node
    }
}
