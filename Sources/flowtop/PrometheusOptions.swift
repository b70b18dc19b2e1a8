import ArgumentParser
import FlowApp

/// `--prometheus URL`, `--token-file F`, `--org-id ID`: a fleet read from a
/// Prometheus-compatible query API (docs/fleet.md). Shared by `report slo` and `status`.
struct PrometheusOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Read the fleet's SLO counts from this Prometheus, Mimir or VictoriaMetrics query API (docs/fleet.md).",
        valueName: "url"))
    var prometheus: String?

    @Option(help: ArgumentHelp("With --prometheus: a file holding a bearer token for the query API.", valueName: "file"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("With --prometheus: the tenant of a Mimir or Cortex (X-Scope-OrgID).", valueName: "id"))
    var orgId: String?

    func validate() throws {
        if prometheus == nil, tokenFile != nil || orgId != nil {
            throw ValidationError("--token-file and --org-id go with --prometheus URL")
        }
    }

    /// The fleet source, when --prometheus is given.
    var source: FleetSource? {
        prometheus.map { FleetSource(url: $0, tokenFile: tokenFile, orgID: orgId) }
    }
}
