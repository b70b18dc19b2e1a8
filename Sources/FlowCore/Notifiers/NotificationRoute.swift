/// How alerts are grouped into notifications and how often a group may speak: the four
/// settings of an Alertmanager route, with Alertmanager's defaults. The `route:` section
/// of the notify file (docs/notifiers.md).
///
/// - `groupBy`: alerts with the same values of these labels form one group and one
///   message. `["..."]` groups by every label (one group per alert).
/// - `groupWait`: a new group waits this long before its first message, so alerts that
///   start together arrive together.
/// - `groupInterval`: after a message, a group that changes (new alerts, all resolved)
///   waits at least this long before the next.
/// - `repeatInterval`: a group still firing, unchanged, is sent again after this long.
///
/// ```swift
/// let route = NotificationRoute(groupBy: ["alertname", "slo"], repeatInterval: 2 * 3_600_000)
/// route.groupKey(of: alert.labels)   // "alertname=ErrorBudgetBurn,slo=ai_request_success"
/// ```
public struct NotificationRoute: Sendable, Hashable {
    /// `group_by: ['...']`: every label, as in Alertmanager.
    public static let everyLabel = "..."

    public var groupBy: [String]
    public var groupWait: EpochMillis
    public var groupInterval: EpochMillis
    public var repeatInterval: EpochMillis

    public init(groupBy: [String] = ["alertname", "slo"], groupWait: EpochMillis = 30_000,
                groupInterval: EpochMillis = 300_000, repeatInterval: EpochMillis = 4 * 3_600_000) {
        self.groupBy = groupBy
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
    }

    /// The group an alert with `labels` belongs to: the `groupBy` labels it has, sorted by
    /// name, as `name=value` joined by `,`. Labels it lacks are left out (Alertmanager's
    /// rule), so a threshold alert without `slo` groups by `alertname` alone.
    public func groupKey(of labels: AlertLabels) -> String {
        let pairs = groupBy.contains(Self.everyLabel)
            ? labels.pairs
            : labels.pairs.filter { groupBy.contains($0.name) }
        return pairs.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    }
}
