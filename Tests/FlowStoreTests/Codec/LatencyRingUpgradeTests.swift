@testable import FlowCore
@testable import FlowStore
import FlowTestKit
import Foundation
import Testing

/// Latency rings in checkpoints: layout 3 (sparse counts) comes back exactly; a
/// checkpoint of layout 2 (whole histograms, the build before) restores to the same
/// percentiles the build before answered; damaged rings throw instead of trapping.
@Suite struct LatencyRingUpgradeTests {
    /// Built once; each test works on copies.
    static let engine = LatencyLayoutFixtures.engine()

    /// Guards the other tests: the fixture has late events, data in every window, a 0 and
    /// a clamped latency, and rule-metric rings with data.
    @Test func theFixtureReachesEveryPartOfTheRings() {
        let lines = LatencyLayoutFixtures.percentiles(of: Self.engine)
        #expect(lines.filter { $0.contains(" 0 - - - -") }.count < lines.count / 3)
        #expect(lines.contains { $0.hasSuffix(" 3600000.0") })
        #expect(lines.contains { $0.hasPrefix("aiResponseP99Ms") && !$0.hasSuffix("-") })
    }

    /// This build, from the same events, answers what the build before answered.
    @Test func theRingsAnswerWhatWholeHistogramsAnswered() {
        #expect(LatencyLayoutFixtures.percentiles(of: Self.engine) == LatencyLayoutFixtures.layoutTwoPercentiles)
    }

    @Test func aLayoutTwoBodyDecodesIntoTheSameEngine() throws {
        let old = try StateEncoder.encode(Self.engine, userInfo: [.engineLayout: UInt32(2)])
        // The very bytes the build before wrote for these events.
        #expect((CRC32C.checksum(old), old.count) == LatencyLayoutFixtures.layoutTwo)
        let decoded = try FlowStore.decodeEngine(old, layout: 2)
        #expect(LatencyLayoutFixtures.percentiles(of: decoded) == LatencyLayoutFixtures.layoutTwoPercentiles)
        // Every bucket, min and max came across: the same latency windows as built here.
        #expect(try Self.latencyBytes(decoded) == Self.latencyBytes(Self.engine))
        let current = try StateEncoder.encode(Self.engine)
        #expect(current.count < old.count / 5)
        // And a layout says how to read it: layout 2 bytes are not layout 3 ones.
        #expect(throws: (any Error).self) { try FlowStore.decodeEngine(old, layout: 3) }
    }

    /// An upgrade: a data directory whose newest checkpoint is of layout 2 restarts into
    /// the same engine, with the same percentiles.
    @Test func aLayoutTwoCheckpointLoadsWithTheSamePercentiles() throws {
        let old = try StateEncoder.encode(Self.engine, userInfo: [.engineLayout: UInt32(2)])
        let path = NSTemporaryDirectory() + "flowtop-layout2-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let directory = try DataDirectory.open(path)
        try CheckpointFiles(directory: directory.checkpointPath).write(old, position: .zero)
        let file = directory.checkpointPath + "/" + CheckpointFiles.name(for: .zero)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(UInt32(bytes[8]) == FlowStore.engineLayoutVersion)
        bytes[8] = 2   // the header's layout
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        directory.close()

        let (_, restored, report) = try EngineStore.open(try DataDirectory.open(path), configuration: Self.engine.configuration)
        #expect(report.setAside.isEmpty && report.checkpoint != nil)
        #expect(LatencyLayoutFixtures.percentiles(of: restored) == LatencyLayoutFixtures.layoutTwoPercentiles)
        #expect(try Self.latencyBytes(restored) == Self.latencyBytes(Self.engine))
    }

    /// Every SLO's latency windows, encoded. (The SLO series' counters of layouts 1 to 3
    /// are written from today's rings, which keep minutes for 7 hours only: the
    /// fixture's 3 days do not come back minute for minute, `SeriesCountersTests`.)
    static func latencyBytes(_ engine: Engine) throws -> [[UInt8]] {
        try engine.slos.map { try StateEncoder.encode($0.latency) }
    }

    /// `LegacyHistogram` is the library's `Histogram<UInt64>` field for field: the same
    /// bytes for the same values, zeros and clamped ones included.
    @Test func theLegacyHistogramIsTheLibrarysEncoding() throws {
        var rng = SeededGenerator(seed: 21)
        for n in [0, 1, 5, 300] {
            var library = LatencyWindows.makeHistogram()
            var bucket = LatencyRing.Bucket()
            for _ in 0..<n {
                let value = Int.random(in: 0..<10, using: &rng) == 0
                    ? 0 : UInt64.random(in: 1...LatencyWindows.highestTrackableUnits, using: &rng)
                library.record(value)
                bucket.record(value, at: LatencyLayout.index(of: value))
            }
            #expect(try StateEncoder.encode(LegacyHistogram(bucket)) == StateEncoder.encode(library))
            let back = try StateDecoder.decode(LegacyHistogram.self, from: StateEncoder.encode(library))
            #expect(back.minNonZeroValue == bucket.minNonZero && back.maxValue == bucket.max && back.hasTheLayout)
        }
    }

    @Test func aLayoutThreeRingComesBackExactly() throws {
        var rng = SeededGenerator(seed: 8)
        var ring = LatencyRing(bucketMillis: 60_000, spans: [5, 60])
        var t: EpochMillis = TestTime.start
        for _ in 0..<5_000 {
            t += EpochMillis.random(in: 0...30_000, using: &rng)
            let late = Int.random(in: 0..<4, using: &rng) == 0
            ring.record(UInt64.random(in: 0...40_000, using: &rng), at: late ? t - 3_000_000 : t)
        }
        let bytes = try StateEncoder.encode(ring)
        let back = try StateDecoder.decode(LatencyRing.self, from: bytes)
        #expect(try StateEncoder.encode(back) == bytes)
        for now in [t, t + 120_000, t + 7_200_000, t - 600_000] {
            for span: Int64 in [5, 60] {
                #expect(back.distribution(span: span, now: now) == ring.distribution(span: span, now: now))
            }
        }
    }

    /// Damaged rings that still decode as arrays: lengths that disagree, indices out of
    /// order or range, buckets in the wrong slot. Each throws, or decodes into a ring that
    /// records and answers without trapping.
    @Test func randomMutationsOfARingThrowOrDecode() throws {
        var ring = LatencyRing(bucketMillis: 60_000, spans: [2, 4])
        for m in 0..<9 where m != 3 {
            for k in 0..<UInt64(m + 1) { ring.record(100 * k + UInt64(m), at: TestTime.start + Int64(m) * 60_000) }
        }
        ring.record(0, at: TestTime.start + 8 * 60_000)
        let valid = try StateEncoder.encode(ring)
        var rng = SeededGenerator(seed: 17)
        var threw = 0
        for _ in 0..<5_000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &rng) { bytes = StateCodecFuzzTests.mutate(bytes, using: &rng) }
            do {
                var decoded = try StateDecoder.decode(LatencyRing.self, from: bytes)
                for k in 0..<12 { decoded.record(UInt64(k) * 997, at: TestTime.start + Int64(k) * 45_000) }
                _ = decoded.distribution(span: decoded.spans[0], now: TestTime.start + 12 * 45_000)
            } catch {
                threw += 1
            }
        }
        #expect(threw > 1_000)
    }
}
