import FlowCore
import Logging
import ServiceLifecycle
import Synchronization

/// The notifiers of `--notify FILE` as one service: every `interval` (2 s) it reads the
/// engine's alerts (`EngineHost.alerting()`, all tenants), plans what each notifier says
/// (`NotificationDispatch`) and enqueues the messages, one `DeliveryQueue` per notifier.
///
/// Why this shape: enqueueing only takes a lock, and the engine's lock is held just for
/// the cheap alert listing, so a slow or dead receiver never holds up ingest or drawing;
/// each queue retries on its own. On a graceful shutdown (SIGTERM, `q`) the queues get
/// three seconds to flush what they hold. With a data directory, the `NotifierLog` keeps
/// the planners' memory and what is still queued over a restart.
///
/// ```swift
/// let notify = try NotificationService.live(configuration, host: host, logger: logger)
/// services.append(.init(service: notify))
/// snapshot.notifiers = notify.statuses.current()   // for the header and the notifier-status view
/// ```
public final class NotificationService: Service {
    /// The queues' counts, for the dashboard.
    public let statuses: NotifierStatusProvider
    private let host: EngineHost
    private let configuration: NotifierConfiguration
    private let queues: [String: DeliveryQueue]
    private let interval: Duration
    /// The planners, with the memory the log kept.
    private let restored: NotificationDispatch
    private let log: NotifierLog
    private let finish: @Sendable () async -> Void

    /// `http` carries Slack, PagerDuty and Alertmanager; `email` e-mail (nil without it).
    /// `maxGroups` caps the groups each planning notifier follows (`NotificationPlanner`).
    /// `finish` runs once the queues stopped (shutting the transports down).
    /// `log`: where the planners' memory and undelivered messages are kept (none by
    /// default); what it kept is queued again at once.
    init(configuration: NotifierConfiguration, host: EngineHost, http: some MessageTransport,
         email: (any MessageTransport)?, interval: Duration = .seconds(2), maxGroups: Int = 1_000, logger: Logger,
         log: NotifierLog = .ephemeral(), finish: @escaping @Sendable () async -> Void = {}) {
        self.configuration = configuration
        self.host = host
        self.interval = interval
        self.log = log
        self.finish = finish
        var queues: [String: DeliveryQueue] = [:]
        let settled: @Sendable (UInt64, DeliverySettlement) -> Void = { [log] in log.settled($0, $1) }
        for name in configuration.notifierNames {
            let transport: any MessageTransport
            if name == "email" {
                guard let email else { continue }
                transport = email
            } else {
                transport = http
            }
            queues[name] = DeliveryQueue(notifier: name, transport: transport, clock: host.clock, logger: logger,
                                         onSettled: settled)
        }
        self.queues = queues
        statuses = NotifierStatusProvider(configuration.notifierNames.compactMap { queues[$0] })
        var dispatch = NotificationDispatch(configuration, maxGroups: maxGroups)
        dispatch.memory = log.kept.memory
        restored = dispatch
        var unsendable: Set<UInt64> = []
        for kept in log.kept.pending.sorted(by: { $0.id < $1.id }) {
            let messages = dispatch.render(kept.planned, for: kept.notifier)
            guard let queue = queues[kept.notifier], kept.part < messages.count else {
                unsendable.insert(kept.id)
                continue
            }
            queue.enqueue(messages[kept.part], id: kept.id)
        }
        if !log.kept.pending.isEmpty {
            logger.notice("notifications kept from the last run queued again",
                          metadata: ["count": "\(log.kept.pending.count - unsendable.count)",
                                     "dropped_for_unconfigured_notifiers": "\(unsendable.count)"])
        }
        if !unsendable.isEmpty { log.forget(unsendable) }
    }

    /// With the real transports: one `HTTPTransport` for every HTTP notifier and an
    /// `SMTPClient` when e-mail is configured.
    public static func live(_ configuration: NotifierConfiguration, host: EngineHost, log: NotifierLog = .ephemeral(),
                     logger: Logger) throws(UserFacingError) -> NotificationService {
        var smtp: SMTPClient?
        if let email = configuration.email {
            do { smtp = try SMTPClient(configuration: email.smtpConfiguration) } catch {
                throw UserFacingError("--notify: email: \(error)")
            }
        }
        let http = HTTPTransport()
        return NotificationService(configuration: configuration, host: host, http: http, email: smtp,
                                   logger: logger, log: log, finish: { try? await http.shutdown() })
    }

    public func run() async throws {
        let queues = Array(self.queues.values)
        await withTaskGroup(of: Void.self) { group in
            for queue in queues {
                group.addTask {
                    await withGracefulShutdownHandler {
                        await queue.run()
                    } onGracefulShutdown: {
                        queue.stop(flushWithin: .seconds(3))
                    }
                }
            }
            group.addTask { try? await cancelWhenGracefulShutdown { try await self.poll() } }
            await group.waitForAll()
        }
        await finish()
    }

    /// Plans and enqueues every `interval` until cancelled; publishes the groups each
    /// planner refused, for the notifier-status view. What a planning decided is in the
    /// log before its messages are queued.
    private func poll() async throws {
        var dispatch = restored
        while true {
            let alerts = host.alerting().alerts
            let planned = dispatch.messages(for: alerts, at: host.clock.now())
            let ids = log.record(dispatch.memory, planned: planned)
            var unqueued: Set<UInt64> = []
            for (message, id) in zip(planned, ids) {
                guard let queue = queues[message.notifier] else {
                    unqueued.insert(id)   // a notifier without a transport: nothing will settle it
                    continue
                }
                queue.enqueue(message.message, id: id)
            }
            if !unqueued.isEmpty { log.forget(unqueued) }
            statuses.record(refusedGroups: dispatch.refusedGroups)
            try await Task.sleep(for: interval)
        }
    }
}

/// The notifiers' `NotifierStatus` list, each with the groups its planner refused, readable
/// from any thread (the snapshot pump's, the health monitor's): each read asks the queues,
/// which answer under their own locks; the refused groups, which live in the poll loop's
/// planners, are published here after every planning, under a lock of their own.
///
/// ```swift
/// let failures = provider.current().reduce(0) { $0 + $1.failures }
/// provider.refusedGroups(of: "slack")   // groups over the cap at the last planning
/// ```
public final class NotifierStatusProvider: Sendable {
    private let queues: [DeliveryQueue]
    private let refused = Mutex<[String: Int]>([:])

    init(_ queues: [DeliveryQueue]) { self.queues = queues }

    /// One status per notifier, in `NotifierConfiguration.notifierNames` order, with the
    /// groups its planner refused at the last planning (`refusedGroups`).
    public func current() -> [NotifierStatus] {
        let refused = refused.withLock { $0 }
        return queues.map { queue in
            var status = queue.status
            status.refusedGroups = refused[status.name] ?? 0
            return status
        }
    }

    /// Messages that will never arrive, over every notifier: the header's count.
    var failures: Int { queues.reduce(0) { $0 + $1.status.failures } }

    /// Groups `notifier` did not follow at its last planning because its group cap was
    /// reached; 0 for Alertmanager, which groups on its own.
    func refusedGroups(of notifier: String) -> Int { refused.withLock { $0[notifier] ?? 0 } }

    /// The poll loop's report after each planning (`NotificationDispatch.refusedGroups`).
    func record(refusedGroups: [String: Int]) { refused.withLock { $0 = refusedGroups } }
}
