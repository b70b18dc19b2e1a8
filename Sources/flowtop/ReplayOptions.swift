#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import FlowApp
import FlowCore
import FlowReplay

/// Input, time and scope of a replay: shared by `report` and `snapshot`.
struct ReplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("NDJSON events to replay (- for standard input); required, except by report slo --prometheus.",
                               valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("Report as of this time (RFC 3339 or Unix seconds); default: the last event's time.", valueName: "ts"))
    var now: String?

    @Option(help: ArgumentHelp("Only this tenant (default: all tenants).", valueName: "name"))
    var tenant: String?

    @OptionGroup var sloOptions: SLOOptions

    @OptionGroup var leadOptions: LeadOptions

    @OptionGroup var alertOptions: AlertOptions

    func validate() throws {
        if let now, parseTimestamp(now) == nil { throw ValidationError(Self.badNow(now)) }
    }

    /// Says on standard error how many lines the replay left out, and why, so a report of
    /// a file with bad lines never looks complete when it is not (`import` prints the same
    /// counts; `emit` gives each line's reason).
    static func noteRejections(in snapshot: EngineSnapshot, command: String) {
        let rejected = snapshot.ingest.rejected
        guard rejected.total > 0 else { return }
        fflush(nil)  // the report first, then the note
        let lines = rejected.total == 1 ? "1 line" : "\(rejected.total) lines"
        printError("flowtop \(command): left out \(lines) of the input (\(rejected.summary)); docs/events.md lists the reasons")
    }

    /// `--input`, which every replay needs: checked by each command that replays, since
    /// `report slo --prometheus` reads the fleet instead.
    func requireInput() throws {
        if input == nil { throw ValidationError(Self.inputRequired) }
    }

    static let inputRequired = "--input FILE is required: the NDJSON events to replay (- for standard input)"

    private static func badNow(_ now: String) -> String {
        "--now must be an RFC 3339 time (2026-11-24T10:15:00Z) or Unix seconds, not '\(now)'"
    }

    /// The replay for `flowtop snapshot`; an input or file it cannot read stops it with
    /// exit 1, as `report` does, not as a usage error.
    func snapshot(model: AttributionModel) throws -> EngineSnapshot {
        do {
            let snapshot = try replayed(SnapshotQuery(tenant: tenant, model: model))
            Self.noteRejections(in: snapshot, command: "snapshot")
            return snapshot
        } catch let error as UserFacingError {
            printError("flowtop snapshot: \(error.description)")
            throw ExitCode.startupFailure
        }
    }

    /// The replay answered for `query` (whose tenant should be `tenant`); a bad `--now` or
    /// an unreadable input is a `UserFacingError`.
    func replayed(_ query: SnapshotQuery) throws -> EngineSnapshot {
        var at: EpochMillis?
        if let now {
            guard let t = parseTimestamp(now) else {
                throw UserFacingError(Self.badNow(now))
            }
            at = t
        }
        let configuration = try alertOptions.applied(to: leadOptions.applied(
            to: try sloOptions.configuration(), periodDays: max(query.funnel.periodDays, query.attributionPeriodDays)))
        guard let input else { throw UserFacingError(Self.inputRequired) }
        return try replaySnapshot(input: input, now: at, realTime: WallClock().now(), query: query, configuration: configuration,
                                  silencesFile: alertOptions.silencesFile)
    }
}
