import FlowCore

/// The pure step between the engine's alerts and the notifiers' queues: fed every alert
/// the engine lists, it plans what each notifier says now (a `NotificationPlanner` per
/// Slack, PagerDuty and e-mail notifier, the `AlertmanagerResender` for Alertmanager) and
/// turns the plans into messages with the payload builders. No clock and no I/O, so tests
/// drive it along a hand-written timeline; `NotificationService` runs it every few seconds.
///
/// ```swift
/// var dispatch = NotificationDispatch(configuration)
/// for (notifier, message) in dispatch.messages(for: host.alerting().alerts, at: now) {
///     queues[notifier]?.enqueue(message)
/// }
/// ```
struct NotificationDispatch: Sendable {
    /// A message, the notifier (`NotifierConfiguration.notifierNames`) whose queue takes it,
    /// and what it was rendered from (`part`: its place among the messages `render` makes
    /// of `planned`), which the notifier log keeps instead of the message, so no
    /// credential goes to disk.
    typealias Addressed = (notifier: String, message: OutboundMessage, planned: PlannedNotification, part: Int)

    private var alertmanager: (resender: AlertmanagerResender, payload: AlertmanagerAlerts)?
    private var slack: (planner: NotificationPlanner, payload: SlackPayload)?
    private var pagerDuty: (planner: NotificationPlanner, payload: PagerDutyEvents)?
    private var email: (planner: NotificationPlanner, payload: EmailMessage)?

    /// `maxGroups`: the most groups each planner follows (`NotificationPlanner.maxGroups`).
    init(_ configuration: NotifierConfiguration, maxGroups: Int = 1_000) {
        let route = configuration.route
        func planner(_ severities: Set<String>?) -> NotificationPlanner {
            NotificationPlanner(route: route, severities: severities, maxGroups: maxGroups)
        }
        alertmanager = configuration.alertmanager.map {
            (AlertmanagerResender(resendInterval: $0.resendInterval), AlertmanagerAlerts($0))
        }
        slack = configuration.slack.map { (planner($0.severities), SlackPayload($0)) }
        pagerDuty = configuration.pagerDuty.map { (planner($0.severities), PagerDutyEvents($0)) }
        email = configuration.email.map { (planner($0.severities), EmailMessage($0)) }
    }

    /// Per planning notifier, the groups its planner did not follow at the last
    /// `messages(for:at:)` because it followed `maxGroups` already; their alerts went
    /// unsent. Alertmanager has no entry: it groups on its own.
    var refusedGroups: [String: Int] {
        var refused: [String: Int] = [:]
        refused["slack"] = slack?.planner.refusedGroups
        refused["pagerduty"] = pagerDuty?.planner.refusedGroups
        refused["email"] = email?.planner.refusedGroups
        return refused
    }

    /// What every notifier sends at `now`, given every alert the engine lists
    /// (`AlertingSnapshot.alerts`, all tenants). `now` must not go back in time.
    mutating func messages(for alerts: [ListedAlert], at now: EpochMillis) -> [Addressed] {
        var planned: [(String, PlannedNotification)] = []
        if let postings = alertmanager?.resender.plan(alerts, at: now), !postings.isEmpty {
            planned.append(("alertmanager", .postings(postings)))
        }
        if let plan = slack?.planner.plan(alerts, at: now) {
            planned += plan.batches.map { ("slack", .batch($0)) }
        }
        if let plan = pagerDuty?.planner.plan(alerts, at: now) {
            planned += plan.batches.map { ("pagerduty", .batch($0)) }
            planned += plan.acknowledgements.map { ("pagerduty", .acknowledgement($0)) }
        }
        if let plan = email?.planner.plan(alerts, at: now) {
            planned += plan.batches.map { ("email", .batch($0)) }
        }
        return planned.flatMap { notifier, planned in
            render(planned, for: notifier).enumerated().map { (notifier, $1, planned, $0) }
        }
    }

    /// The messages `notifier` sends for `planned`, with today's configuration (a
    /// notification kept over a restart goes to the receivers configured now); none for a
    /// notifier no longer configured.
    func render(_ planned: PlannedNotification, for notifier: String) -> [OutboundMessage] {
        switch (notifier, planned) {
        case ("alertmanager", .postings(let postings)): alertmanager?.payload.messages(for: postings) ?? []
        case ("slack", .batch(let batch)): slack.map { [$0.payload.message(for: batch)] } ?? []
        case ("pagerduty", .batch(let batch)): pagerDuty.map { [$0.payload.message(for: batch)] } ?? []
        case ("pagerduty", .acknowledgement(let ack)): pagerDuty.map { [$0.payload.message(for: ack)] } ?? []
        case ("email", .batch(let batch)): email.map { [$0.payload.message(for: batch)] } ?? []
        default: []
        }
    }

    /// The planners' memory (`NotificationPlanner.Memory`, `AlertmanagerResender.Memory`),
    /// kept in the notifier log; setting it restores the notifiers configured now and
    /// ignores the rest.
    var memory: Memory {
        get {
            Memory(alertmanager: alertmanager?.resender.memory, slack: slack?.planner.memory,
                   pagerDuty: pagerDuty?.planner.memory, email: email?.planner.memory)
        }
        set {
            if let kept = newValue.alertmanager { alertmanager?.resender.memory = kept }
            if let kept = newValue.slack { slack?.planner.memory = kept }
            if let kept = newValue.pagerDuty { pagerDuty?.planner.memory = kept }
            if let kept = newValue.email { email?.planner.memory = kept }
        }
    }

    struct Memory: Sendable, Equatable, Codable {
        var alertmanager: AlertmanagerResender.Memory?
        var slack: NotificationPlanner.Memory?
        var pagerDuty: NotificationPlanner.Memory?
        var email: NotificationPlanner.Memory?
    }
}

/// A notification as a planner decided it, before a payload builder made a message of it.
enum PlannedNotification: Sendable, Equatable, Codable {
    case batch(NotificationBatch)
    case acknowledgement(GroupAcknowledgement)
    case postings([AlertmanagerPosting])
}
