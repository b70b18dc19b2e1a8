import FlowTestKit
import Foundation
import Testing

/// Replays the fuzzer's committed inputs through the same harness libFuzzer drives
/// (`HotPathFuzzing.run`): every seed in `FuzzSeeds/` and every crasher saved in
/// `FuzzCrashers/`. A crasher is fixed when this passes, and stays fixed.
/// Seeds named `known-overflow-*` are the two lines that trapped the engine (issue 12);
/// they pass since the token sums saturate and the wire bounds tokens.
@Suite struct FuzzCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// The input files of one corpus folder, by name; notes and dotfiles are not inputs.
    static func inputs(in folder: String) -> [String] {
        let url = directory.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }
            .sorted()
            .map { "\(folder)/\($0)" }
    }

    static let seeds = inputs(in: "FuzzSeeds")
    static let crashers = inputs(in: "FuzzCrashers")

    func run(_ file: String) throws -> HotPathFuzzing.Outcome {
        let bytes = try Data(contentsOf: Self.directory.appendingPathComponent(file))
        return bytes.withUnsafeBytes { HotPathFuzzing.run($0) }
    }

    @Test func seedCorpusIsThere() {
        #expect(Self.seeds.count >= 30)
    }

    @Test(arguments: seeds)
    func seedRunsThroughTheHotPath(file: String) throws {
        let outcome = try run(file)
        #expect(outcome.lines > 0)
        #expect(outcome.snapshotSLOs == 3 && outcome.exportedSLOs == 3)
    }

    /// Every line gets an answer, whatever cuts, clocks and line limit the input's hash
    /// picks (a tiny line limit or a clock hours behind may refuse them all).
    @Test func docsExamplesAreAllAnswered() throws {
        let outcome = try run("FuzzSeeds/docs-examples.ndjson")
        #expect(outcome.lines == 7 && outcome.accepted + outcome.rejected == 7)
    }

    /// The seeds as a whole reach the engine, not just the parser: a harness that rejected
    /// everything (a clock far behind the events, say) would fuzz the engine not at all.
    /// Only the seeds of valid traffic count here: the attack seeds (`ts-*`, `known-*`,
    /// out-of-range values) are refused on purpose.
    @Test func seedsMostlyReachTheEngine() throws {
        let valid = Self.seeds.filter { name in
            ["type-", "docs-example", "journey-", "tenants-"].contains { name.contains("FuzzSeeds/" + $0) }
        }
        #expect(valid.count >= 15)
        let outcomes = try valid.map(run)
        let accepted = outcomes.map(\.accepted).reduce(0, +)
        let lines = outcomes.map(\.lines).reduce(0, +)
        #expect(accepted * 2 > lines, "\(accepted) of \(lines) lines accepted")
    }

    @Test(arguments: crashers)
    func savedCrasherNoLongerCrashes(file: String) throws {
        _ = try run(file)
    }
}
