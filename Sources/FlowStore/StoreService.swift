import FlowCore
import Foundation
import Logging
import ServiceLifecycle
import Threading

extension EngineStore {
    /// Opens the engine kept in the data directory at `path` (nil: the XDG default, its
    /// parents created), checkpoint plus journal, and logs what the opening found (how long
    /// it took, a checkpoint set aside, a corrupt journal, a changed configuration).
    /// Errors say what to do (a locked, foreign or newer directory).
    ///
    /// ```swift
    /// let (engine, store) = try EngineStore.open(dataDirectory: nil, fsyncIntervalMillis: 1_000,
    ///                                            configuration: configuration, logger: logger)
    /// ```
    public static func open(dataDirectory path: String?, fsyncIntervalMillis fsyncMillis: Int64,
                            configuration: EngineConfiguration,
                            logger: Logger) throws(UserFacingError) -> (Engine, EngineStore) {
        do {
            let directory = try path.map { path throws(DataDirectoryError) in try DataDirectory.open(path) }
                ?? DataDirectory.open(try DataDirectory.defaultPath(), createParents: true)
            var options = JournalOptions()
            options.fsyncInterval = .milliseconds(fsyncMillis)
            let (store, engine, report) = try EngineStore.open(directory, configuration: configuration, options: options)
            var metadata: Logger.Metadata = [
                "data_dir": "\(directory.path)", "took_ms": "\(report.took.components.seconds * 1000 + report.took.components.attoseconds / 1_000_000_000_000_000)",
                "checkpoint": "\(report.checkpoint.map { "at journal position \($0.position)" } ?? "none")",
                "replayed_entries": "\(report.replayed?.entries ?? 0)",
            ]
            if report.journal.tornRecords > 0 {
                metadata["torn_records_dropped"] = "\(report.journal.tornRecords)"
            }
            logger.info("engine restored", metadata: metadata)
            for aside in report.setAside { logger.warning("checkpoint set aside", metadata: ["why": "\(aside)"]) }
            if let corruption = report.journal.corruption ?? report.replayed?.corruption {
                logger.error("journal corrupt; replay stopped there", metadata: ["where": "\(corruption)"])
            }
            if report.reconfigured {
                logger.notice("the configuration changed since the last run: SLOs whose definition changed start empty")
            }
            return (engine, store)
        } catch let error as DataDirectoryError {
            throw UserFacingError(error.description)
        } catch let error as StoreError {
            throw UserFacingError(error.description)
        } catch {
            throw UserFacingError("\(error)")
        }
    }
}

/// The store as a service: runs the journal's writer, checkpoints every
/// `checkpointInterval` (5 minutes; `FLOWTOP_CHECKPOINT_INTERVAL_MS` for tests and the
/// torture script), and at shutdown, once everything that feeds the engine has stopped
/// (it is the group's first service, so the last to stop), a final checkpoint and a last
/// group commit.
public final class StoreService: Service {
    public let store: EngineStore
    let host: EngineHost
    let clock: any EngineClock
    let logger: Logger
    let checkpointInterval: Duration

    /// The checkpoint interval of this process: `FLOWTOP_CHECKPOINT_INTERVAL_MS` (at least
    /// 100) when set, else 5 minutes.
    public static func interval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration {
        if let text = environment["FLOWTOP_CHECKPOINT_INTERVAL_MS"], let millis = Int64(text), millis >= 100 {
            return .milliseconds(millis)
        }
        return .seconds(300)
    }

    public init(store: EngineStore, host: EngineHost, clock: any EngineClock, logger: Logger,
         checkpointInterval: Duration = StoreService.interval()) {
        self.store = store
        self.host = host
        self.clock = clock
        self.logger = logger
        self.checkpointInterval = checkpointInterval
    }

    /// `checkpointInterval` in milliseconds, as `EngineStore.status` takes it.
    public var intervalMillis: EpochMillis {
        checkpointInterval.components.seconds * 1000 + checkpointInterval.components.attoseconds / 1_000_000_000_000_000
    }

    public func run() async throws {
        let journal = store.journal
        let writer = Task { try await journal.run() }
        try? await cancelWhenGracefulShutdown {
            var lastCheckpoint = ContinuousClock.now
            var problem: String?
            while true {
                try await Task.sleep(for: min(self.checkpointInterval, .seconds(1)))
                problem = self.logChange(of: problem)
                if ContinuousClock.now - lastCheckpoint >= self.checkpointInterval {
                    await self.checkpoint()
                    lastCheckpoint = .now
                }
            }
        }
        await checkpoint()
        writer.cancel()
        _ = await writer.result
        store.directory.close()
    }

    /// Logs when the journal starts failing (a full disk: syncs now answer `durable:
    /// false`) and when it recovers, once each; returns the problem now.
    private func logChange(of previous: String?) -> String? {
        let now = store.journal.problem
        if let now, now != previous {
            logger.error("the store cannot write; syncs answer durable:false and the engine goes on from memory",
                         metadata: ["why": "\(now)"])
        } else if now == nil, previous != nil {
            logger.notice("the store writes again")
        }
        return now
    }

    /// One checkpoint, off the cooperative threads (encoding tens of MB takes a while).
    private func checkpoint() async {
        let (store, host, clock, logger) = (self.store, self.host, self.clock, self.logger)
        do {
            let record = try await runOnThread { try store.checkpoint(host, now: clock.now()) }
            logger.debug("checkpoint written", metadata: ["bytes": "\(record.bytes)", "position": "\(record.position)"])
        } catch {
            logger.error("checkpoint failed", metadata: ["error": "\(error)"])
        }
    }
}

/// `flowtop store info`: what the data directory at `path` (nil: the default) holds, read
/// without its lock, so it works beside the flowtop using it.
public func storeInfoText(dataDir path: String?, now: EpochMillis) throws(UserFacingError) -> String {
    do {
        let path = try path ?? DataDirectory.defaultPath()
        return try StoreInfo.read(path).text(now: now)
    } catch {
        throw UserFacingError("\(error)")
    }
}
