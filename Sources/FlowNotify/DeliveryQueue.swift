import FlowCore
import Logging
import Synchronization

/// Something that delivers a notifier's messages: `HTTPTransport`, `SMTPClient`, or a fake
/// in tests. It never throws: every end, good or bad, is a `DeliveryOutcome`.
public protocol MessageTransport: Sendable {
    func send(_ message: OutboundMessage) async -> DeliveryOutcome
}

/// One notifier's outbox: a bounded queue with a single worker that delivers in order and
/// retries by a `RetryPolicy`, so a slow or broken receiver never holds up ingest or drawing.
///
/// `enqueue` only takes a lock and returns. When the queue is full the oldest waiting message
/// is dropped and counted: for alerts, the newest state of a group matters more than an old
/// one. The worker is `run()`, meant to be a service's `run()`; `stop(flushWithin:)` asks it
/// to deliver what is queued for at most that long and then return, and cancelling `run()`
/// stops it at once. Messages left behind count as dropped.
///
/// Logs carry the notifier's name and the outcome's summary only, never a URL or a body.
///
/// A message enqueued with an `id` is reported to `onSettled` once its fate is known
/// (`DeliverySettlement`), so that a notifier log on disk can forget it once delivered and
/// send it again after a restart when it was not.
///
/// ```swift
/// let queue = DeliveryQueue(notifier: "slack", transport: http, clock: WallClock(), logger: logger)
/// // in a Service: try await withGracefulShutdownHandler { await queue.run() }
/// //                   onGracefulShutdown: { queue.stop(flushWithin: .seconds(5)) }
/// queue.enqueue(.http(request))
/// ```
public final class DeliveryQueue: Sendable {
    public let notifier: String
    public let capacity: Int
    public let policy: RetryPolicy
    private let transport: any MessageTransport
    private let clock: any EngineClock
    private let logger: Logger
    private let state: Mutex<State>
    private let onSettled: (@Sendable (UInt64, DeliverySettlement) -> Void)?

    public init(
        notifier: String, transport: some MessageTransport, capacity: Int = 100, policy: RetryPolicy = RetryPolicy(),
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        clock: any EngineClock, logger: Logger = Logger(label: "flowtop.notify", factory: { _ in SwiftLogNoOpLogHandler() }),
        onSettled: (@Sendable (UInt64, DeliverySettlement) -> Void)? = nil
    ) {
        self.onSettled = onSettled
        self.notifier = notifier
        self.transport = transport
        self.capacity = max(1, capacity)
        self.policy = policy
        self.clock = clock
        var logger = logger
        logger[metadataKey: "notifier"] = .string(notifier)
        self.logger = logger
        state = Mutex(State(random: random))
    }

    /// Queues a message and returns at once; a full queue drops its oldest waiting message.
    /// After the queue has stopped the message itself is dropped. `id`: reported to
    /// `onSettled` when the message is delivered, given up on or dropped.
    public func enqueue(_ message: OutboundMessage, id: UInt64? = nil) {
        let (wake, dropped) = state.withLock { state -> (CheckedContinuation<Void, Never>?, (UInt64?, DeliverySettlement)?) in
            guard !state.finished else {
                state.dropped += 1
                return (nil, (id, .abandoned))
            }
            var dropped: (UInt64?, DeliverySettlement)?
            if state.waiting.count >= capacity {
                dropped = (state.waiting.removeFirst().id, .superseded)
                state.dropped += 1
            }
            state.waiting.append(Entry(message: message, id: id, queuedAt: .now))
            return (state.workerWake.take(), dropped)
        }
        if let dropped {
            logger.warning("notification queue full or stopped; dropped a message")
            settle(dropped.0, dropped.1)
        }
        wake?.resume()
    }

    private func settle(_ id: UInt64?, _ settlement: DeliverySettlement) {
        if let id { onSettled?(id, settlement) }
    }

    /// The counts and last outcomes, for the header and the notifier-status view.
    public var status: NotifierStatus {
        state.withLock { state in
            NotifierStatus(
                name: notifier, queued: state.waiting.count + (state.inFlight ? 1 : 0), sent: state.sent,
                failed: state.failed, retries: state.retries, dropped: state.dropped, lastError: state.lastError,
                lastErrorAt: state.lastErrorAt, lastSuccessAt: state.lastSuccessAt, isRetrying: state.isRetrying)
        }
    }

    /// Asks `run()` to deliver what is queued, for at most `flushWithin`, and then return.
    public func stop(flushWithin: Duration = .seconds(5)) {
        let wakes = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if state.stopRequest == nil { state.stopRequest = flushWithin }
            return [state.workerWake.take(), state.stopWake.take()].compactMap { $0 }
        }
        for wake in wakes { wake.resume() }
    }

    /// Delivers queued messages in order until stopped or cancelled. Call it once.
    public func run() async {
        let first = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        guard first else {
            logger.error("DeliveryQueue.run() called twice; the second call returns at once")
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.deliverUntilStopped() }
            group.addTask {
                // The flush deadline: once it passes, the worker is cancelled mid-message.
                await self.wait(.stopRequested)
                guard let window = self.state.withLock({ $0.stopRequest }) else { return }
                try? await Task.sleep(for: window)
            }
            await group.next()
            group.cancelAll()
        }
        let abandoned = state.withLock { state in
            state.finished = true
            let left = state.waiting
            state.dropped += left.count
            state.waiting.removeAll()
            return left
        }
        if !abandoned.isEmpty {
            logger.warning("notification queue stopped; dropped \(abandoned.count) undelivered message(s)")
        }
        for entry in abandoned { settle(entry.id, .abandoned) }
    }

    private func deliverUntilStopped() async {
        while let entry = await next() {
            await deliver(entry)
            state.withLock { state in
                state.inFlight = false
                state.isRetrying = false
            }
        }
    }

    /// The next message, waiting for one if need be; nil once stopped with nothing queued,
    /// or cancelled.
    private func next() async -> Entry? {
        while true {
            let step = state.withLock { state -> Entry?? in
                if Task.isCancelled { return .some(nil) }
                if !state.waiting.isEmpty {
                    state.inFlight = true
                    return .some(state.waiting.removeFirst())
                }
                return state.stopRequest != nil ? .some(nil) : nil
            }
            if let step { return step }
            await wait(.work)
        }
    }

    /// Sends one message until it is delivered, given up on, or the worker is cancelled.
    private func deliver(_ entry: Entry) async {
        var attempt = 1
        while true {
            let outcome = await transport.send(entry.message)
            if case .retryable = outcome, Task.isCancelled {
                // Stopped mid-attempt: not a failure of the receiver's, and no retry is coming.
                state.withLock { $0.dropped += 1 }
                settle(entry.id, .abandoned)
                return
            }
            let age = ContinuousClock.now - entry.queuedAt
            let now = clock.now()
            let decision = state.withLock { state in
                let decision = policy.decision(after: outcome, attempt: attempt, age: age, using: &state.random)
                switch decision {
                case .done:
                    state.sent += 1
                    state.lastSuccessAt = now
                case .retry:
                    state.retries += 1
                    state.isRetrying = true
                case .giveUp:
                    state.failed += 1
                }
                if let failure = outcome.failure {
                    state.lastError = failure.summary
                    state.lastErrorAt = now
                }
                if case .giveUp(let failure) = decision { state.lastError = failure.summary }
                return decision
            }
            switch decision {
            case .done:
                logger.debug("delivered", metadata: ["attempt": "\(attempt)"])
                settle(entry.id, .delivered)
                return
            case .giveUp(let failure):
                logger.error("delivery failed", metadata: ["attempt": "\(attempt)", "error": "\(failure.summary)"])
                settle(entry.id, .failed)
                return
            case .retry(let wait):
                logger.notice(
                    "delivery failed; will retry",
                    metadata: ["attempt": "\(attempt)", "retry_in": "\(wait)", "error": "\(outcome.failure?.summary ?? "")"])
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    state.withLock { $0.dropped += 1 }
                    settle(entry.id, .abandoned)
                    return
                }
                attempt += 1
            }
        }
    }

    private enum Waiter { case work, stopRequested }

    /// Suspends until there is work (or a stop request), or until a stop is requested; also
    /// returns when the task is cancelled.
    private func wait(_ waiter: Waiter) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    let ready = switch waiter {
                    case .work: !state.waiting.isEmpty || state.stopRequest != nil
                    case .stopRequested: state.stopRequest != nil
                    }
                    if ready || Task.isCancelled { return true }
                    switch waiter {
                    case .work: state.workerWake = continuation
                    case .stopRequested: state.stopWake = continuation
                    }
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { state in
                switch waiter {
                case .work: state.workerWake.take()
                case .stopRequested: state.stopWake.take()
                }
            }
            continuation?.resume()
        }
    }

    private struct Entry: Sendable {
        var message: OutboundMessage
        var id: UInt64?
        var queuedAt: ContinuousClock.Instant
    }

    private struct State: Sendable {
        var waiting: [Entry] = []
        var inFlight = false
        var isRetrying = false
        var sent = 0
        var failed = 0
        var retries = 0
        var dropped = 0
        var lastError: String?
        var lastErrorAt: EpochMillis?
        var lastSuccessAt: EpochMillis?
        var random: any RandomNumberGenerator & Sendable
        var started = false
        var finished = false
        var stopRequest: Duration?
        var workerWake: CheckedContinuation<Void, Never>?
        var stopWake: CheckedContinuation<Void, Never>?

        init(random: some RandomNumberGenerator & Sendable) { self.random = random }
    }
}

/// What became of a message enqueued with an id.
public enum DeliverySettlement: Sendable, Equatable {
    /// The receiver took it.
    case delivered
    /// Given up on (refused, or retried past the policy's limits): it will never arrive.
    case failed
    /// Dropped from a full queue for a newer message.
    case superseded
    /// Not delivered because the queue stopped (shutdown): worth sending after a restart.
    case abandoned
}
