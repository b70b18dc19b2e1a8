import ArgumentParser
import FlowApp
import FlowCore

/// Replays an NDJSON file through the engine (event time as the clock) and prints a report.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay an NDJSON file through the engine and print a report (deterministic, no socket).")

    @Argument(help: ArgumentHelp("What to report.", valueName: "slo|funnel|attribution|alerts"))
    var kind: ReportKind

    @OptionGroup var replay: ReplayOptions

    @Option(help: "Output format.")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Attribution model: first_touch, last_touch or linear.", valueName: "model"))
    var model: AttributionModel = .linear

    func run() throws {
        let snapshot = try replay.snapshot(model: model)
        print(renderReport(kind, snapshot: snapshot, format: format), terminator: "")
    }
}

/// Input, time and scope of a replay: shared by `report` and `snapshot`.
struct ReplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("NDJSON events to replay (- for standard input).", valueName: "file"))
    var input: String

    @Option(help: ArgumentHelp("Report as of this time (RFC 3339 or Unix seconds); default: the last event's time.", valueName: "ts"))
    var now: String?

    @Option(help: ArgumentHelp("Only this tenant (default: all tenants).", valueName: "name"))
    var tenant: String?

    func snapshot(model: AttributionModel) throws -> EngineSnapshot {
        var at: EpochMillis?
        if let now {
            guard let t = parseTimestamp(now) else {
                throw ValidationError("--now must be an RFC 3339 time (2026-11-24T10:15:00Z) or Unix seconds, not '\(now)'")
            }
            at = t
        }
        do {
            return try replaySnapshot(input: input, now: at, query: SnapshotQuery(tenant: tenant, model: model))
        } catch let error as UserFacingError {
            throw ValidationError(error.description)
        }
    }
}

extension ReportKind: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension AttributionModel: ExpressibleByArgument {}
