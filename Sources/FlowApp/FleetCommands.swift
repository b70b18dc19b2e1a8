import FlowCore
import FlowFleet
import FlowViewer
import TerminalUI

/// Where a fleet view reads from: `--prometheus URL`, `--token-file F`, `--org-id ID`
/// (docs/fleet.md).
public struct FleetSource: Sendable {
    public var url: String
    public var tokenFile: String?
    public var orgID: String?

    public init(url: String, tokenFile: String?, orgID: String?) {
        self.url = url
        self.tokenFile = tokenFile
        self.orgID = orgID
    }

    /// The reader: the URL checked first, then the token file read.
    func reader() throws(UserFacingError) -> FleetReader {
        let token = try tokenFile.map { file throws(UserFacingError) in try readBearerToken(file: file) }
        let endpoint = try PrometheusEndpoint(url: url, token: token, orgID: orgID)
        return FleetReader(client: PrometheusClient(endpoint: endpoint))
    }
}

/// `report slo --prometheus`: the fleet's snapshot for the SLO report, at `at` (now when nil).
public func fleetSnapshot(_ source: FleetSource, definitions: [SLODefinition], query: SnapshotQuery,
                          at: EpochMillis?) async throws(UserFacingError) -> EngineSnapshot {
    let counts = try await source.reader().read(at: at, now: WallClock().now(), detail: query.detail)
    return FleetSnapshot.make(counts, definitions: definitions, query: query)
}

/// `status --prometheus`: the tmux line for the fleet. The worst burn and the pages and
/// tickets come from the fleet's own tier judgement of every series (`FleetAlerts`), one
/// group per SLO and severity as for one engine; nothing is muted, since silences of a
/// fleet live in Alertmanager. Exit status as for one engine: 3 under `--format json`
/// when Prometheus does not answer, else 0 (the line says `fleet down`).
public func runFleetStatus(_ source: FleetSource, definitions: [SLODefinition], format: StatusCommand.Format,
                           themeName: String?) async throws(UserFacingError) -> Int32 {
    let theme = try look(TerminalOptions(theme: themeName)).0
    let reader = try source.reader()
    let line: EngineStatusLine?
    do {
        let counts = try await reader.read(at: nil, now: WallClock().now())
        line = EngineStatusLine(FleetSnapshot.make(counts, definitions: definitions, query: SnapshotQuery()))
    } catch {
        printError("flowtop status: \(error.description)")
        line = nil
    }
    print(StatusCommand.line(line.map { ($0, nil) }, format: format, theme: theme, source: "fleet"))
    return line == nil && format == .json ? 3 : 0
}
