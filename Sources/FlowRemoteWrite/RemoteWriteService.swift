import FlowCore
import FlowNotify
import FlowStore
import Logging
import ServiceLifecycle
import Synchronization
import Threading

/// remote_write as a service (docs/fleet.md): every interval it takes the samples of
/// `/metrics` (through `sample`, which reads the engine the way a scrape does: its lock
/// once, off the ingest path) and appends them to the durable queue; beside that, it sends
/// the queue oldest first in batches of at most `maxSamplesPerSend`, moving the queue's
/// persisted position only when the receiver answered. 2xx: sent. 5xx, 429, no connection:
/// the same batch again after a backoff (`RemoteWriteBackoff`), for as long as it is within
/// the retention (past it, the batch is read again from the queue, which drops and counts
/// what aged out). Other 4xx: the batch is dropped, counted as failed, and logged, since
/// sending it again would fail the same way.
///
/// ```swift
/// let service = RemoteWriteService(configuration: config, queue: queue, clock: WallClock(), logger: logger) {
///     try await runOnThread { PrometheusExposition.samples(host.metrics(), context: context()) }
/// }
/// services.append(.init(service: service))
/// ```
public final class RemoteWriteService: Service {
    public let configuration: RemoteWriteConfiguration
    private let queue: SampleQueue
    private let clock: any EngineClock
    private let logger: Logger
    private let sample: @Sendable () async throws -> [MetricSample]
    private let counters: Mutex<RemoteWriteStatus>

    public init(configuration: RemoteWriteConfiguration, queue: SampleQueue, clock: any EngineClock, logger: Logger,
                sample: @escaping @Sendable () async throws -> [MetricSample]) {
        self.configuration = configuration
        self.queue = queue
        self.clock = clock
        self.logger = logger
        self.sample = sample
        counters = Mutex(RemoteWriteStatus(endpoint: configuration.endpoint))
    }

    /// How sending goes now, with the queue's backlog.
    public var status: RemoteWriteStatus {
        var status = counters.withLock { $0 }
        let backlog = queue.backlog
        status.pending = backlog.pending
        status.oldestPendingAt = backlog.pending > 0 ? backlog.oldest : nil
        status.queueBytes = backlog.bytes
        return status
    }

    public func run() async throws {
        logger.info("remote_write sending", metadata: [
            "endpoint": "\(configuration.endpoint)", "interval_ms": "\(configuration.intervalMillis)",
            "pending": "\(queue.backlog.pending)",
        ])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await cancelWhenGracefulShutdown { try await self.sampleForever() } }
            group.addTask { await cancelWhenGracefulShutdown { await self.sendForever() } }
        }
    }

    /// One round of every series each interval, on interval boundaries of the wall clock
    /// (so two engines sample at the same instants).
    private func sampleForever() async throws {
        let interval = configuration.intervalMillis
        while !Task.isCancelled {
            let now = clock.now()
            try await Task.sleep(for: .milliseconds(interval - now % interval))
            await sampleOnce()
        }
    }

    /// A round that cannot be written (a full disk) is lost: counted as dropped and logged.
    func sampleOnce() async {
        let samples: [MetricSample]
        do {
            samples = try await sample()
        } catch {
            return   // cancelled at shutdown: the exposition itself cannot fail
        }
        do {
            let (timestamp, queue) = (clock.now(), self.queue)
            let appended = try await runOnThread { try queue.append(timestamp: timestamp, samples: samples) }
            if appended {
                counters.withLock { $0.sampled += Int64(samples.count) }
            } else {
                logger.warning("remote_write skipped a sampling round: the clock is behind the newest queued sample")
            }
        } catch {
            counters.withLock {
                $0.dropped += Int64(samples.count)
                $0.lastError = "could not queue samples: \(error)"
                $0.lastErrorAt = clock.now()
            }
            logger.error("remote_write could not queue samples; this round is lost", metadata: ["error": "\(error)"])
        }
    }

    private func sendForever() async {
        let transport = HTTPTransport(connectTimeout: .seconds(5), totalTimeout: .seconds(30))
        var random = SystemRandomNumberGenerator()
        var attempt = 0
        // The batch being retried: sent again as it was, unless part of it aged past the
        // retention meanwhile (then read again, which drops and counts that part).
        var retrying: SampleBatch?
        let (queue, maxSamples) = (self.queue, configuration.maxSamplesPerSend)
        while !Task.isCancelled {
            let cutoff = clock.now() - configuration.retentionMillis
            if let held = retrying, (held.oldestTimestamp ?? cutoff) < cutoff { retrying = nil }
            if retrying == nil && queue.backlog.pending == 0 {
                try? await Task.sleep(for: .milliseconds(min(1_000, configuration.intervalMillis)))
                continue
            }
            // Reading a batch may load a segment from disk: on a thread of its own, off the
            // cooperative threads, as the appends are.
            let batch: SampleBatch
            if let held = retrying {
                batch = held
            } else {
                guard let read = try? await runOnThread({ queue.batch(maxSamples: maxSamples, droppingBefore: cutoff) })
                else { break }
                batch = read
            }
            retrying = nil
            if batch.isEmpty {
                try? await Task.sleep(for: .milliseconds(min(1_000, configuration.intervalMillis)))
                continue
            }
            if batch.sampleCount == 0 {
                if await !commit(batch, outcome: nil) { try? await Task.sleep(for: .seconds(1)) }
                continue
            }
            attempt += 1
            let outcome = await send(batch, transport: transport)
            if let wait = RemoteWriteBackoff().wait(after: outcome, attempt: attempt, using: &random) {
                counters.withLock {
                    $0.retries += 1
                    $0.isRetrying = true
                    $0.lastError = outcome.failure?.summary
                    $0.lastErrorAt = clock.now()
                }
                if attempt == 1 || attempt % 20 == 0 {
                    logger.warning("remote_write failed; retrying", metadata: [
                        "error": "\(outcome.failure?.summary ?? "")", "attempt": "\(attempt)", "samples": "\(batch.sampleCount)",
                    ])
                }
                retrying = batch
                try? await Task.sleep(for: wait)
                continue
            }
            if attempt > 1 { logger.info("remote_write recovered", metadata: ["attempts": "\(attempt)"]) }
            attempt = 0
            if await !commit(batch, outcome: outcome) { try? await Task.sleep(for: .seconds(1)) }
        }
        try? await transport.shutdown()
    }

    private func send(_ batch: SampleBatch, transport: HTTPTransport) async -> DeliveryOutcome {
        let body: [UInt8]
        do {
            body = try WriteRequestEncoding.body(batch, labels: configuration.labels)
        } catch {
            return .permanent(DeliveryFailure("could not encode the batch: \(error)"))
        }
        var headers = WriteRequestEncoding.headers(userAgent: configuration.userAgent) + configuration.headers
        if let token = configuration.token { headers.append(("Authorization", "Bearer \(token.revealed)")) }
        let request = OutboundHTTPRequest(url: configuration.url, headers: headers, body: body,
                                          secrets: configuration.token.map { [$0] } ?? [])
        return await transport.send(request)
    }

    /// Moves the queue past `batch` and counts it: sent when delivered, failed when refused
    /// for good, dropped for what was past the retention. False when the position could not
    /// be saved (the batch will be read again: the caller waits before it does). The
    /// position's durable write (an fsync) runs on a thread of its own.
    @discardableResult
    private func commit(_ batch: SampleBatch, outcome: DeliveryOutcome?) async -> Bool {
        do {
            let queue = self.queue
            try await runOnThread { try queue.commit(batch) }
        } catch {
            logger.error("remote_write could not save its send position; these samples will be sent again",
                         metadata: ["error": "\(error)"])
            return false   // counted when sent again
        }
        let now = clock.now()
        counters.withLock { c in
            c.dropped += Int64(batch.dropped)
            c.isRetrying = false
            switch outcome {
            case .delivered?:
                c.sent += Int64(batch.sampleCount)
                c.lastSuccessAt = now
            case .permanent(let failure)?:
                c.failed += Int64(batch.sampleCount)
                c.lastError = failure.summary
                c.lastErrorAt = now
            case .retryable?, nil:
                break
            }
        }
        if case .permanent(let failure)? = outcome {
            logger.error("remote_write receiver refused a batch; dropped, not retried", metadata: [
                "error": "\(failure.summary)", "samples": "\(batch.sampleCount)",
            ])
        }
        if batch.dropped > 0 {
            logger.warning("remote_write dropped samples older than the retention", metadata: [
                "samples": "\(batch.dropped)", "retention_ms": "\(configuration.retentionMillis)",
            ])
        }
        return true
    }
}
