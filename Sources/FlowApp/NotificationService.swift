import FlowCore
import FlowNotify
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
/// three seconds to flush what they hold.
///
/// ```swift
/// let notify = try NotificationService.live(configuration, host: host, logger: logger)
/// services.append(.init(service: notify))
/// snapshot.notifiers = notify.statuses.current()   // for the header and the notifier-status view
/// ```
final class NotificationService: Service {
    /// The queues' counts, for the dashboard.
    let statuses: NotifierStatusProvider
    private let host: EngineHost
    private let configuration: NotifierConfiguration
    private let queues: [String: DeliveryQueue]
    private let interval: Duration
    private let maxGroups: Int
    private let finish: @Sendable () async -> Void

    /// `http` carries Slack, PagerDuty and Alertmanager; `email` e-mail (nil without it).
    /// `maxGroups` caps the groups each planning notifier follows (`NotificationPlanner`).
    /// `finish` runs once the queues stopped (shutting the transports down).
    init(configuration: NotifierConfiguration, host: EngineHost, http: some MessageTransport,
         email: (any MessageTransport)?, interval: Duration = .seconds(2), maxGroups: Int = 1_000, logger: Logger,
         finish: @escaping @Sendable () async -> Void = {}) {
        self.configuration = configuration
        self.host = host
        self.interval = interval
        self.maxGroups = maxGroups
        self.finish = finish
        var queues: [String: DeliveryQueue] = [:]
        for name in configuration.notifierNames {
            if name == "email" {
                guard let email else { continue }
                queues[name] = DeliveryQueue(notifier: name, transport: email, clock: host.clock, logger: logger)
            } else {
                queues[name] = DeliveryQueue(notifier: name, transport: http, clock: host.clock, logger: logger)
            }
        }
        self.queues = queues
        statuses = NotifierStatusProvider(configuration.notifierNames.compactMap { queues[$0] })
    }

    /// With the real transports: one `HTTPTransport` for every HTTP notifier and an
    /// `SMTPClient` when e-mail is configured.
    static func live(_ configuration: NotifierConfiguration, host: EngineHost,
                     logger: Logger) throws(UserFacingError) -> NotificationService {
        var smtp: SMTPClient?
        if let email = configuration.email {
            do { smtp = try SMTPClient(configuration: email.smtpConfiguration) } catch {
                throw UserFacingError("--notify: email: \(error)")
            }
        }
        let http = HTTPTransport()
        return NotificationService(configuration: configuration, host: host, http: http, email: smtp,
                                   logger: logger, finish: { try? await http.shutdown() })
    }

    func run() async throws {
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
    /// planner refused, for the notifier-status view.
    private func poll() async throws {
        var dispatch = NotificationDispatch(configuration, maxGroups: maxGroups)
        while true {
            let alerts = host.alerting().alerts
            for (notifier, message) in dispatch.messages(for: alerts, at: host.clock.now()) {
                queues[notifier]?.enqueue(message)
            }
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
final class NotifierStatusProvider: Sendable {
    private let queues: [DeliveryQueue]
    private let refused = Mutex<[String: Int]>([:])

    init(_ queues: [DeliveryQueue]) { self.queues = queues }

    /// One status per notifier, in `NotifierConfiguration.notifierNames` order, with the
    /// groups its planner refused at the last planning (`refusedGroups`).
    func current() -> [NotifierStatus] {
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
