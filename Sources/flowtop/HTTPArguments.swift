import ArgumentParser
import FlowApp

/// `--http ADDR` and `--http-token-file FILE`: the HTTP API (docs/http-api.md), shared by
/// `watch` (off unless `--http` is given) and `serve` (on, at 127.0.0.1:8000 unless given).
struct HTTPArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Serve the HTTP API (docs/http-api.md) on HOST:PORT, e.g. 127.0.0.1:8000 or [::1]:8000 (serve: default 127.0.0.1:8000). "
            + "An address other machines can reach needs --http-token-file.",
        valueName: "host:port"))
    var http: String?

    @Option(help: ArgumentHelp(
        "File holding the bearer token every HTTP request must bring (Authorization: Bearer TOKEN), readable by its owner only "
            + "(chmod 600); the Kubernetes probes stay open.",
        valueName: "file"))
    var httpTokenFile: String?

    @Option(help: ArgumentHelp("HTTP connections open at once; past it new ones wait until one closes (docs/reliability.md).",
                               valueName: "n"))
    var httpMaxConnections: Int = HTTPOptions.defaultMaxConnections

    mutating func validate() throws {
        guard httpMaxConnections > 0 else { throw ValidationError("--http-max-connections must be a positive number") }
    }

    /// `serve`: always an API, on `--http` or the default address.
    var serveOptions: HTTPOptions {
        var options = HTTPOptions(address: http ?? HTTPOptions.defaultServeAddress, tokenFile: httpTokenFile)
        options.maxConnections = httpMaxConnections
        return options
    }

    /// `watch`: an API only when `--http` is given.
    var watchOptions: HTTPOptions? {
        http.map {
            var options = HTTPOptions(address: $0, tokenFile: httpTokenFile)
            options.maxConnections = httpMaxConnections
            return options
        }
    }

    /// For `watch`, where a token without an address would be silently unused.
    func validateForWatch() throws {
        if http == nil, httpTokenFile != nil { throw ValidationError("--http-token-file needs --http HOST:PORT") }
    }
}
