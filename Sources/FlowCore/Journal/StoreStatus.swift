/// How the engine's data directory is doing, as plain values: what the `store` health
/// check judges, `/metrics` exports and `flowtop store info` prints. The app reads it from
/// FlowStore's `EngineStore`; the health checks and the exposition need not know that.
///
/// ```swift
/// StoreStatus(path: "/home/ann/.local/state/flowtop", problem: "write ... failed: No space left on device")
/// ```
public struct StoreStatus: Sendable, Equatable {
    public var path: String
    /// Why changes are not becoming durable now (the disk fails, entries were dropped);
    /// nil when all is well.
    public var problem: String?
    /// Journal segments and checkpoints together.
    public var bytesOnDisk: Int64 = 0
    public var journalSegments = 0
    /// Journal bytes after the newest checkpoint: what a restart replays.
    public var journalBytesSinceCheckpoint: Int64 = 0
    public var lastCheckpointAt: EpochMillis?
    public var lastCheckpointBytes: Int64?
    /// A checkpoint that failed since the last that worked: why.
    public var checkpointProblem: String?
    public var checkpointIntervalMillis: EpochMillis = 300_000
    public var fsyncs: UInt64 = 0
    public var lastFsyncSeconds: Double?
    public var maxFsyncSeconds: Double = 0
    public var droppedEntries: UInt64 = 0

    public init(path: String, problem: String? = nil) {
        self.path = path
        self.problem = problem
    }
}

extension StoreStatus {
    /// "512 B", "3.4 KiB", "12.0 MiB", "1.2 GiB": sizes as the store check and `store info` say them.
    public static func byteText(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        var value = Double(bytes)
        for unit in ["KiB", "MiB", "GiB", "TiB"] {
            value /= 1024
            if value < 1024 || unit == "TiB" { return "\((value * 10).rounded() / 10) \(unit)" }
        }
        return "\(bytes) B"
    }
}
