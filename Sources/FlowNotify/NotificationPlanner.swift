import FlowCore

/// Decides which notifications to send, as Alertmanager's dispatcher does: fed the
/// engine's alerts at each evaluation, it groups them (`NotificationRoute.groupBy`) and
/// returns a batch per group that has something to say, so one incident of fifty
/// series-level alerts is one message, not fifty, and a long one repeats every
/// `repeatInterval` rather than every minute. A value with no clock: every call takes
/// `at`, so tests drive it along a hand-written timeline. One planner per notifier (each
/// may keep its own `severities`).
///
/// What is sent:
/// - only firing alerts that are neither muted (silenced or acknowledged) nor inhibited;
///   pending alerts never;
/// - a new group's first batch (`.firing`) after `groupWait`, with every such alert the
///   group has by then; a group whose alerts all went away before that sends nothing;
/// - once a group has spoken, it speaks again no sooner than `groupInterval` after its
///   last batch: `.firing` when an alert joined it, `.repeating` when nothing changed for
///   `repeatInterval`;
/// - when none of its alerts fires any more (muted ones included), one `.resolved` batch
///   with the alerts it had announced, then the group is forgotten. Alerts that resolve
///   while others of the group still fire are not announced on their own; the group's
///   next batch simply lists what still fires.
///
/// A group whose firing alerts are all muted stays quiet (no repeats) but is remembered:
/// its `.resolved` batch still comes, since whoever got the first message wants to know
/// it is over. When every firing alert of an announced group is acknowledged, the plan
/// carries a `GroupAcknowledgement` once (PagerDuty acknowledges the incident); it can
/// come again after a `.firing` batch brings in a new alert.
///
/// At most `maxGroups` groups are followed (1,000 by default; with the default
/// `groupBy` there is one per alert rule and SLO, so that is far more than real use). An
/// alert whose group would be one more is not sent; `refusedGroups` counts such groups
/// at the last call, for the notifier's status.
///
/// ```swift
/// var planner = NotificationPlanner(route: NotificationRoute())
/// let plan = planner.plan(snapshot.alerts, at: now)   // each evaluation (or more often)
/// for batch in plan.batches { queue.enqueue(slack.message(for: batch)) }
/// ```
///
/// Calling `plan` more often than the engine evaluates (say every few seconds, with the
/// last snapshot) is fine and makes `groupWait` and `groupInterval` end on time instead of
/// at the next evaluation. `at` must not go back in time.
public struct NotificationPlanner: Sendable {
    public let route: NotificationRoute
    /// Only alerts with one of these `severity` labels are planned; nil: every alert.
    public let severities: Set<String>?
    public let maxGroups: Int
    /// Groups not followed at the last call because `maxGroups` were.
    public private(set) var refusedGroups = 0

    private var groups: [String: Group] = [:]

    /// What the planner remembers of the groups it follows: when each began, when it last
    /// spoke and what it announced. Kept across restarts (the notifier log), so a restarted
    /// flowtop neither announces an incident again nor forgets to resolve it.
    public struct Memory: Sendable, Equatable, Codable {
        fileprivate var groups: [String: Group]
    }

    /// The planner's memory, to keep; setting it resumes where the kept one left off.
    public var memory: Memory {
        get { Memory(groups: groups) }
        set { groups = newValue.groups }
    }

    /// One group's memory.
    fileprivate struct Group: Sendable, Equatable, Codable {
        let createdAt: EpochMillis
        var lastSentAt: EpochMillis?
        /// The alerts it has announced, by fingerprint; the copies are refreshed while the
        /// alerts are listed (so `.resolved` shows them resolved) and dropped once the
        /// engine no longer lists them, unless none of them is listed any more.
        var announced: [String: TrackedAlert] = [:]
        var acknowledgementSent = false
    }

    public init(route: NotificationRoute = NotificationRoute(), severities: Set<String>? = nil, maxGroups: Int = 1_000) {
        self.route = route
        self.severities = severities
        self.maxGroups = max(1, maxGroups)
    }

    /// Groups followed now: waiting for their first batch, announced, or muted.
    public var groupCount: Int { groups.count }

    /// The batches (and acknowledgements) due at `at`, given every alert the engine lists
    /// now (`AlertingSnapshot.alerts`). Batches come in group-key order; within a batch,
    /// alerts in the engine's order (page before ticket, oldest first).
    public mutating func plan(_ alerts: [ListedAlert], at now: EpochMillis) -> NotificationPlan {
        var members: [String: [ListedAlert]] = [:]
        for listed in alerts where severities.map({ $0.contains(listed.alert.severity ?? "") }) ?? true {
            members[route.groupKey(of: listed.alert.labels), default: []].append(listed)
        }
        refusedGroups = 0
        for key in members.keys.sorted() where groups[key] == nil {
            guard members[key, default: []].contains(where: Self.isSendable) else { continue }
            guard groups.count < maxGroups else {
                refusedGroups += 1
                continue
            }
            groups[key] = Group(createdAt: now)
        }
        var plan = NotificationPlan()
        for key in groups.keys.sorted() {
            guard let group = groups[key] else { continue }
            groups[key] = step(group, key: key, members: members[key] ?? [], at: now, into: &plan)
        }
        return plan
    }

    /// One group at `now`: what it sends, and its memory afterwards (nil: forget it).
    private func step(_ group: Group, key: String, members: [ListedAlert], at now: EpochMillis,
                      into plan: inout NotificationPlan) -> Group? {
        var group = group
        group.announced = Self.refreshed(group.announced, from: members)
        let sendable = members.filter(Self.isSendable).map(\.alert)
        guard let lastSentAt = group.lastSentAt else {
            guard now - group.createdAt >= route.groupWait else { return group }
            guard !sendable.isEmpty else { return nil }
            send(.firing, sendable, &group, key: key, at: now, into: &plan)
            return group
        }
        let firing = members.filter { $0.alert.state == .firing }
        let unhandled = firing.filter { !$0.inhibited }
        if !group.acknowledgementSent, !unhandled.isEmpty, unhandled.allSatisfy(\.alert.isAcknowledged) {
            plan.acknowledgements.append(GroupAcknowledgement(groupKey: key, alerts: unhandled.map(\.alert), at: now))
            group.acknowledgementSent = true
        }
        guard now - lastSentAt >= route.groupInterval else { return group }
        if firing.isEmpty {
            let position = Dictionary(members.enumerated().map { ($1.alert.fingerprint, $0) }, uniquingKeysWith: min)
            let resolved = group.announced.values.sorted {
                (position[$0.fingerprint] ?? .max, $0.fingerprint) < (position[$1.fingerprint] ?? .max, $1.fingerprint)
            }
            plan.batches.append(NotificationBatch(groupKey: key, alerts: resolved, reason: .resolved, at: now))
            return nil
        }
        if sendable.contains(where: { group.announced[$0.fingerprint] == nil }) {
            send(.firing, sendable, &group, key: key, at: now, into: &plan)
        } else if !sendable.isEmpty, now - lastSentAt >= route.repeatInterval {
            send(.repeating, sendable, &group, key: key, at: now, into: &plan)
        }
        return group
    }

    private func send(_ reason: NotificationBatch.Reason, _ alerts: [TrackedAlert], _ group: inout Group, key: String,
                      at now: EpochMillis, into plan: inout NotificationPlan) {
        plan.batches.append(NotificationBatch(groupKey: key, alerts: alerts, reason: reason, at: now))
        group.lastSentAt = now
        // Alerts announced before and still firing but muted stay, so the group's
        // resolution still lists them.
        for alert in alerts { group.announced[alert.fingerprint] = alert }
        if reason == .firing { group.acknowledgementSent = false }
    }

    /// The announced alerts' latest copies (a new episode, pending, keeps the old copy);
    /// those no longer listed are dropped, unless none is listed any more.
    private static func refreshed(_ announced: [String: TrackedAlert], from members: [ListedAlert])
        -> [String: TrackedAlert] {
        var refreshed: [String: TrackedAlert] = [:]
        for listed in members {
            let fingerprint = listed.alert.fingerprint
            guard let old = announced[fingerprint] else { continue }
            refreshed[fingerprint] = listed.alert.state == .pending ? old : listed.alert
        }
        return refreshed.isEmpty ? announced : refreshed
    }

    /// Firing, and neither muted (silenced, acknowledged) nor inhibited.
    static func isSendable(_ listed: ListedAlert) -> Bool {
        listed.alert.state == .firing && !listed.isMuted && !listed.inhibited
    }
}

/// What one `NotificationPlanner.plan` call decided.
public struct NotificationPlan: Sendable, Equatable {
    /// Messages to send, one per group.
    public var batches: [NotificationBatch] = []
    /// Announced groups whose firing alerts are now all acknowledged in flowtop. Only
    /// PagerDuty does something with these (`PagerDutyEvents.message(for:)`); chat and
    /// mail need no message for an acknowledgement.
    public var acknowledgements: [GroupAcknowledgement] = []

    public init(batches: [NotificationBatch] = [], acknowledgements: [GroupAcknowledgement] = []) {
        self.batches = batches
        self.acknowledgements = acknowledgements
    }
}

/// Every firing alert of an announced group has been acknowledged (by `acknowledgedBy`
/// at `acknowledgedAt` each), as of `at`.
public struct GroupAcknowledgement: Sendable, Equatable, Codable {
    public var groupKey: String
    /// The group's firing alerts, all acknowledged.
    public var alerts: [TrackedAlert]
    public var at: EpochMillis

    public init(groupKey: String, alerts: [TrackedAlert], at: EpochMillis) {
        self.groupKey = groupKey
        self.alerts = alerts
        self.at = at
    }
}
