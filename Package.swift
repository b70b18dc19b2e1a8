// swift-tools-version:6.0
import PackageDescription

/// flowtop: a live terminal dashboard for SalesFlow AI (SLO burn rates, alerts, funnel,
/// attribution) over an in-process analytics engine fed by a local event socket.
///
/// Data flows one way: socket bytes -> FlowWire -> FlowCore (engine) -> snapshot ->
/// FlowDashboard (cell grid) -> CursesScreen (terminal). See ../shared/STYLE.md.
let package = Package(
    name: "flowtop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "flowtop", targets: ["flowtop"]),
        .library(name: "FlowCore", targets: ["FlowCore"]),
        .library(name: "FlowWire", targets: ["FlowWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Latency percentiles for display (burn rates come from exact counts, not these).
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        // OpenSLO YAML, with line and column marks for error messages.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Notifier delivery: HTTPS to Slack, PagerDuty and Alertmanager; STARTTLS for SMTP.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The HTTP API (the original framework's endpoints), /metrics and health probes.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // HTTP parts as Hummingbird's pipeline carries them, for the header-deadline handler.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // remote_write (docs/fleet.md): the prompb WriteRequest as protobuf, from code generated
        // once by scripts/generate-prompb.sh and committed (the plugin's build is slow).
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // Property tests of the engine against brute-force recounts.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Reading the small files a user names as configuration (themes, SLO, rules, silences
        // and notify files, secrets, tokens): regular files only, a size cap, no content in
        // errors. No dependencies, so every module that reads such a file can use it.
        .target(name: "SmallFiles"),
        // Blocking work (a terminal loop, socket writes, a snapshot) on a thread of its own,
        // off the few cooperative threads; and the flag that stops such a loop.
        .target(name: "Threading"),
        // The formats every module writes or reads the same way: the one JSON tree (ordered
        // keys, exact numbers) with its one writer, its one strict parser and its Codable
        // bridge, the one RFC 3339 parser and the one duration parser. No dependencies, so
        // every module can use it.
        .target(name: "FlowFormats"),
        // The engine: pure Swift, no I/O, no globals; time is a parameter.
        .target(name: "FlowCore", dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")]),
        // SLO, rule, silence and notify files (YAML) -> definitions and FlowCore's notifier
        // settings, with errors naming file, line and field.
        .target(name: "FlowConfig", dependencies: ["FlowCore", "FlowFormats", "SmallFiles", .product(name: "Yams", package: "Yams")]),
        // The durable engine (docs/storage.md): the data directory and its lock, the journal
        // (segments of checksummed records, group commit), checkpoints of the engine's state;
        // opening it with a log of what was found, and the store's service.
        // CRC-32C with the CPU's instruction where it has one (the journal's checksums).
        .target(name: "CCRC32C"),
        .target(
            name: "FlowStore",
            dependencies: [
                "FlowCore", "Threading", "CCRC32C",
                // What opening a data directory found, and the store's service (journal
                // writer, checkpoints) in the application's service group.
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // Bytes -> typed events (EVENTS.md), with reason codes. The ingest hot path.
        .target(name: "FlowWire", dependencies: ["FlowCore", "FlowFormats"]),
        // The viewer protocol (docs/viewers.md): messages, the engine's hub of attached
        // viewers, a viewer's link to its engine, snapshots as JSON and patches between them.
        .target(name: "FlowViewer", dependencies: ["FlowCore", "FlowFormats", "Threading"]),
        // The Unix socket server (SwiftNIO) and the socket client used by emit/demo.
        .target(
            name: "FlowIngest",
            dependencies: [
                "FlowCore", "FlowFormats", "FlowWire", "FlowViewer", "Threading",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // ncurses, wide-character build, plus C shims for its macros.
        .systemLibrary(
            name: "CNcurses", pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]),
        // Cell grid, themes, widgets, keys, the Screen protocol. No ncurses here.
        .target(name: "TerminalUI", dependencies: ["SmallFiles"]),
        // The one module that imports CNcurses: a Screen on a real terminal.
        .target(name: "CursesScreen", dependencies: ["CNcurses", "TerminalUI"]),
        // Panes, layout, key map, view state: snapshot in, cells out. Threading for the
        // snapshot pump, which takes each snapshot on a thread of its own; FlowFormats for
        // the text of ui.json (the view state kept between runs), by the one JSON writer.
        .target(name: "FlowDashboard", dependencies: ["FlowCore", "FlowFormats", "TerminalUI", "Threading"]),
        // Documents from a snapshot: the reports (text, Markdown, JSON) that `report`, the
        // HTTP API and the health answers print. Snapshot in, text out; no I/O.
        .target(name: "FlowReports", dependencies: ["FlowCore", "FlowFormats"]),
        // The fleet (docs/fleet.md): many engines' SLO counts read back from a
        // Prometheus-compatible query API (Prometheus, Mimir, VictoriaMetrics) and summed,
        // for `report slo --prometheus`, `status --prometheus` and the fleet dashboard.
        .target(
            name: "FlowFleet",
            dependencies: [
                "FlowCore", "FlowFormats",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // Alert notifications: grouping, payloads (Slack, PagerDuty, Alertmanager, e-mail),
        // bounded queues with retries, the HTTP and SMTP transports, and the service that
        // plans and queues them with the notifier log (FlowStore's durable file in the data
        // directory) that keeps what they sent over a restart.
        .target(
            name: "FlowNotify",
            dependencies: [
                "FlowCore", "FlowFormats", "SmallFiles", "FlowStore",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The HTTP API (Hummingbird): routing, parameters, auth, errors, the OpenAPI document
        // and the Prometheus exposition; both ends of the viewer protocol's HTTP transport
        // (the client side on AsyncHTTPClient, for `--connect`). What each endpoint says comes from FlowApp
        // through `AnalyticsSource`, so this target knows HTTP and not reports.
        .target(
            name: "FlowHTTP",
            dependencies: [
                "FlowCore", "FlowFormats", "FlowReports", "FlowViewer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // The health checks (socket, ingest progress, engine lock, notifiers) behind the
        // Kubernetes probes and /health/check: observations in, a `HealthReport` out.
        .target(
            name: "FlowHealth",
            dependencies: ["FlowCore", "FlowIngest", "FlowReports", "TerminalUI"]),
        // The simulated SalesFlow workload behind `--demo` and `flowtop demo`, and the feeder
        // that writes it into an ingest socket (FlowIngest's client). The app only starts it.
        .target(name: "FlowDemo", dependencies: ["FlowCore", "FlowIngest", "Threading"]),
        // Debian's libsnappy, block format, for remote-write bodies (the spec's compression).
        .systemLibrary(
            name: "CSnappy", pkgConfig: "snappy",
            providers: [.apt(["libsnappy-dev"])]),
        // remote_write (docs/fleet.md): the samples of /metrics every interval into the data
        // directory's checksummed queue (FlowStore), sent from there oldest first to a
        // Prometheus-compatible receiver through FlowNotify's HTTP transport and retry policy
        // (one classification of answers, one redaction of secrets).
        .target(
            name: "FlowRemoteWrite",
            dependencies: [
                "FlowCore", "FlowStore", "FlowNotify", "CSnappy", "Threading",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // A file of events through an engine on event time (`report`, `snapshot`) and into a
        // data directory (`flowtop import`): the headless, deterministic path.
        .target(
            name: "FlowReplay",
            dependencies: [
                "FlowCore", "FlowFormats", "FlowWire", "FlowConfig", "FlowReports", "FlowStore", "TerminalUI",
                // The engine's own thread while a file is read (`ReplayApplier`).
                "Threading",
                // The import's warnings about the data directory, on standard error.
                .product(name: "Logging", package: "swift-log"),
            ]),
        // One build function that creates and connects every part.
        .target(
            name: "FlowApp",
            dependencies: [
                "FlowCore", "FlowFormats", "FlowWire", "FlowIngest", "FlowConfig", "TerminalUI", "CursesScreen", "FlowViewer",
                "FlowDashboard", "FlowNotify", "FlowHTTP", "FlowReports", "FlowHealth", "FlowDemo", "FlowStore", "Threading",
                "FlowFleet", "FlowRemoteWrite",
                // The dashboard's ui.json (its text is FlowDashboard's): a regular file of at
                // most 64 KiB, or ignored.
                "SmallFiles",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // Manual clock, event builders, screen-text assertions for the tests.
        .target(name: "FlowTestKit", dependencies: ["FlowCore", "FlowFormats", "FlowWire", "TerminalUI"]),
        .executableTarget(
            name: "flowtop",
            dependencies: [
                "FlowApp", "FlowConfig", "FlowReplay", "FlowReports", "FlowStore", "FlowCore", "FlowFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(
            name: "FlowCoreTests",
            dependencies: [
                "FlowCore", "FlowTestKit", .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "SmallFilesTests", dependencies: ["SmallFiles"]),
        .testTarget(name: "FlowFormatsTests", dependencies: ["FlowFormats", "FlowTestKit"]),
        .testTarget(name: "FlowConfigTests", dependencies: ["FlowConfig", "FlowCore"]),
        .testTarget(
            name: "FlowWireTests", dependencies: ["FlowWire", "FlowCore", "FlowTestKit"],
            exclude: ["FuzzSeeds", "FuzzCrashers"]),
        .testTarget(
            name: "FlowIngestTests",
            dependencies: [
                "FlowIngest", "FlowCore", "FlowFormats", "FlowWire", "FlowTestKit", "Threading",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "FlowTestKit"]),
        .testTarget(name: "CursesScreenTests", dependencies: ["CursesScreen", "CNcurses", "TerminalUI"]),
        .testTarget(
            name: "FlowDashboardTests",
            dependencies: ["FlowDashboard", "FlowCore", "FlowViewer", "TerminalUI", "FlowTestKit"],
            exclude: ["Snapshots"]),
        .testTarget(name: "FlowReportsTests", dependencies: ["FlowReports", "FlowCore", "FlowTestKit"]),
        .testTarget(name: "FlowFleetTests", dependencies: ["FlowFleet", "FlowCore"]),
        .testTarget(
            name: "FlowViewerTests",
            dependencies: [
                "FlowViewer", "FlowCore", "FlowTestKit", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // Messages as an earlier build wrote them, read by the tests through #filePath.
            exclude: ["Fixtures"]),
        // The demo's lines through the socket server's own parser and a fresh engine.
        .testTarget(name: "FlowStoreTests", dependencies: ["FlowStore", "FlowCore", "FlowTestKit"]),
        .testTarget(
            name: "FlowReplayTests", dependencies: ["FlowReplay", "FlowReports", "FlowCore", "FlowStore", "FlowTestKit"]),
        .testTarget(name: "FlowDemoTests", dependencies: ["FlowDemo", "FlowCore", "FlowWire"]),
        .testTarget(
            name: "FlowHealthTests",
            dependencies: ["FlowHealth", "FlowReports", "FlowCore", "FlowIngest", "FlowNotify", "FlowTestKit", "Threading"]),
        .testTarget(
            name: "FlowAppTests",
            dependencies: ["FlowApp", "FlowReports", "FlowHTTP", "FlowCore", "FlowConfig", "FlowDashboard", "FlowFormats", "FlowNotify", "FlowIngest", "FlowStore", "FlowTestKit"]),
        .testTarget(
            name: "FlowNotifyTests",
            dependencies: ["FlowNotify", "FlowCore", "FlowTestKit", .product(name: "Logging", package: "swift-log")],
            exclude: ["Receivers/http_receiver.py", "Receivers/smtp_receiver.py", "Fixtures"]),
        // The HTTP API through HummingbirdTesting's router, over a real socket on 127.0.0.1 where
        // the channel matters, promtool, and a real Prometheus.
        .testTarget(
            name: "FlowHTTPTests",
            dependencies: [
                "FlowHTTP", "FlowReports", "FlowCore", "FlowNotify", "FlowTestKit",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "FlowRemoteWriteTests",
            dependencies: ["FlowRemoteWrite", "FlowCore", "FlowStore", "FlowTestKit",
                           .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        .testTarget(name: "EndToEndTests", dependencies: ["FlowTestKit"]),
        // Package.swift against docs/architecture.md's table of allowed imports.
        .testTarget(name: "ArchitectureTests"),
    ]
)

// The libFuzzer target over the ingest hot path (scripts/fuzz.sh). Only when asked for:
// it links only with `-sanitize=fuzzer` (it calls libFuzzer's driver), so a plain
// `swift build` or `swift test` must not see it. `Extern` declares that driver
// (`@_extern(c)`; see Sources/flowtop-fuzz/FuzzEntry.swift for why).
if Context.environment["FLOWTOP_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "flowtop-fuzz", dependencies: ["FlowTestKit"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"]), .enableExperimentalFeature("Extern")]))
}
