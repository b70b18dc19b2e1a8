import ArgumentParser
import FlowApp
import FlowReports
import FlowCore
import FlowReplay

/// Replays an NDJSON file through the engine (event time as the clock) and prints a report:
/// one subcommand per kind (`report slo`, `report funnel`, `report attribution`,
/// `report alerts`), each with the options that apply to it, the replay's and `--format`
/// shared (`ReportOptions`).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay an NDJSON file through the engine and print a report (deterministic, no socket).",
        discussion: """
            `flowtop report KIND --help` says what each kind reports and which options it takes.

            Exit status: 0 on success, 1 when the input cannot be read or --name or --series \
            names nothing in it (the message lists what does exist), 64 on a usage error.
            """,
        subcommands: [SLO.self, Funnel.self, Attribution.self, Alerts.self])

    /// `flowtop report` without a kind is a usage error (64), as it was before the kinds
    /// were subcommands, rather than help and success; the message shows `report`'s usage.
    func run() throws {
        printErrorLines("""
            Error: say which report: slo, funnel, attribution or alerts
            Usage: \(Flowtop.usageString(for: Report.self))
              See 'flowtop report --help' for more information.
            """)
        throw ExitCode.validationFailure
    }
}

/// What every report takes: the replay (input, time, tenant, SLO, lead and alert files)
/// and the output format.
struct ReportOptions: ParsableArguments {
    @OptionGroup var replay: ReplayOptions

    @Option(help: "Output format.")
    var format: ReportFormat = .text

    /// Replays the input for `query` and prints `kind`; an input or file it cannot read,
    /// or a `--name`/`--series` the replay does not know (`target`), stops it with exit 1.
    func printReport(_ kind: ReportKind, target: SLOReportTarget? = nil,
                     query: () throws -> SnapshotQuery) throws {
        let snapshot: EngineSnapshot
        do {
            snapshot = try replay.replayed(try query())
            try target?.check(snapshot)
        } catch let error as UserFacingError {
            printError("flowtop report: \(error.description)")
            throw ExitCode(1)
        }
        print(renderReport(kind, snapshot: snapshot, format: format), terminator: "")
        ReplayOptions.noteRejections(in: snapshot, command: "report")
    }
}

extension ReportOptions {
    /// `report slo --prometheus`: the fleet's SLO report at `--now` (Prometheus' now when
    /// absent), for `--tenant` when given, one SLO in depth with `--name`; a query API that
    /// cannot be read, or an SLO or series it does not know, stops it with exit 1.
    func printFleetReport(_ source: FleetSource, target: SLOReportTarget?) async throws {
        let at = replay.now.flatMap(parseTimestamp)
        let definitions = try replay.sloOptions.definitions(failingWith: ExitCode(1))
        let snapshot: EngineSnapshot
        do {
            let query = SnapshotQuery(tenant: replay.tenant, detail: try target?.query(tenant: replay.tenant))
            snapshot = try await fleetSnapshot(source, definitions: definitions, query: query, at: at)
            try target?.check(snapshot)
        } catch {
            printError("flowtop report: \(error)")
            throw ExitCode(1)
        }
        print(renderReport(.slo, snapshot: snapshot, format: format), terminator: "")
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension AttributionModel: ExpressibleByArgument {}
extension FunnelBreakdown: ExpressibleByArgument {}
