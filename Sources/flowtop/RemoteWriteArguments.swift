import ArgumentParser
import FlowApp
import FlowFormats

/// `--remote-write URL` and its flags (docs/fleet.md): the series of `/metrics` sent to
/// Prometheus (`--web.enable-remote-write-receiver`), Mimir, VictoriaMetrics or Thanos
/// Receive with the remote-write 1.0 protocol, through a queue in the data directory.
struct RemoteWriteArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Send every series of /metrics to this remote-write URL (Prometheus: http://HOST:9090/api/v1/write), "
            + "queued in the data directory so an outage or a restart loses nothing within the retention (docs/fleet.md).",
        valueName: "url"))
    var remoteWrite: String?

    @Option(help: ArgumentHelp("File holding the bearer token for --remote-write, readable by its owner only (chmod 600).",
                               valueName: "file"))
    var remoteWriteTokenFile: String?

    @Option(help: ArgumentHelp("The instance label of every series sent (default: this machine's host name).",
                               valueName: "name"))
    var remoteWriteInstance: String?

    @Option(name: .customLong("external-label"),
            help: ArgumentHelp("A label added to every series sent, as name=value (repeatable); a series' own labels win.",
                               valueName: "name=value"))
    var externalLabels: [String] = []

    @Option(name: .customLong("remote-write-header"),
            help: ArgumentHelp("A header sent with every request, as Name=Value (repeatable), such as "
                                   + "X-Scope-OrgID=tenant-1 for a multi-tenant Mimir.", valueName: "name=value"))
    var headers: [String] = []

    @Option(help: ArgumentHelp("How often every series is sampled for --remote-write (default 15s; 1s to 1h).",
                               valueName: "duration"),
            transform: { try RemoteWriteArguments.millis($0, "--remote-write-interval") })
    var remoteWriteInterval: Int64?

    @Option(help: ArgumentHelp(
        "Queued samples older than this are dropped unsent, and counted (default 6h; at most 30d).",
        valueName: "duration"),
            transform: { try RemoteWriteArguments.millis($0, "--remote-write-retention") })
    var remoteWriteRetention: Int64?

    static func millis(_ text: String, _ flag: String) throws -> Int64 {
        do { return try PrometheusDuration.millis(text) } catch { throw ValidationError("\(flag): \(error.message)") }
    }

    mutating func validate() throws {
        guard remoteWrite == nil else { return }
        let stray = [remoteWriteTokenFile.map { _ in "--remote-write-token-file" },
                     remoteWriteInstance.map { _ in "--remote-write-instance" },
                     externalLabels.isEmpty ? nil : "--external-label",
                     headers.isEmpty ? nil : "--remote-write-header",
                     remoteWriteInterval.map { _ in "--remote-write-interval" },
                     remoteWriteRetention.map { _ in "--remote-write-retention" }].compactMap { $0 }
        if let first = stray.first { throw ValidationError("\(first) needs --remote-write URL") }
    }

    /// The options when `--remote-write` is given, else nil.
    var options: RemoteWriteOptions? {
        remoteWrite.map { url in
            var options = RemoteWriteOptions(url: url, tokenFile: remoteWriteTokenFile)
            options.instance = remoteWriteInstance
            options.externalLabels = externalLabels
            options.headers = headers
            if let remoteWriteInterval { options.intervalMillis = remoteWriteInterval }
            if let remoteWriteRetention { options.retentionMillis = remoteWriteRetention }
            return options
        }
    }
}
