import FlowCore
import FlowNotify

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
    /// A message and the notifier (`NotifierConfiguration.notifierNames`) whose queue takes it.
    typealias Addressed = (notifier: String, message: OutboundMessage)

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
        var out: [Addressed] = []
        if let payload = alertmanager?.payload, let postings = alertmanager?.resender.plan(alerts, at: now) {
            out += payload.messages(for: postings).map { ("alertmanager", $0) }
        }
        if let payload = slack?.payload, let plan = slack?.planner.plan(alerts, at: now) {
            out += plan.batches.map { ("slack", payload.message(for: $0)) }
        }
        if let payload = pagerDuty?.payload, let plan = pagerDuty?.planner.plan(alerts, at: now) {
            out += plan.batches.map { ("pagerduty", payload.message(for: $0)) }
            out += plan.acknowledgements.map { ("pagerduty", payload.message(for: $0)) }
        }
        if let payload = email?.payload, let plan = email?.planner.plan(alerts, at: now) {
            out += plan.batches.map { ("email", payload.message(for: $0)) }
        }
        return out
    }
}
