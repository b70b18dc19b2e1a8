import FlowCore

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

extension NotificationBatch {
    /// The group's labels, read back from `groupKey` (`alertname=ErrorBudgetBurn,slo=x`).
    /// Values are matched against the alerts' own labels, so a value holding `,` or `=`
    /// still comes back whole.
    public var groupLabels: [AlertLabels.Pair] {
        GroupKeyReading.pairs(of: groupKey, alerts: alerts)
    }
}

/// Reads a group key back into label pairs (see `NotificationRoute.groupKey(of:)`).
enum GroupKeyReading {
    static func pairs(of key: String, alerts: [TrackedAlert]) -> [AlertLabels.Pair] {
        var pairs: [AlertLabels.Pair] = []
        var rest = Substring(key)
        while let equals = rest.firstIndex(of: "=") {
            let name = String(rest[..<equals])
            rest = rest[rest.index(after: equals)...]
            let value: Substring
            if let known = alerts.first?.labels[name], rest.hasPrefix(known),
               rest.dropFirst(known.count).isEmpty || rest.dropFirst(known.count).first == "," {
                value = rest.prefix(known.count)
            } else {
                value = rest.prefix { $0 != "," }
            }
            pairs.append(AlertLabels.Pair(name, String(value)))
            rest = rest.dropFirst(value.count)
            if rest.first == "," { rest = rest.dropFirst() }
        }
        return pairs
    }

    /// The group's fingerprint: 16 hex digits, the same on every run and machine (the
    /// labels' FNV-1a of `AlertLabels.fingerprint`, over the key as one value).
    /// PagerDuty's `dedup_key` and e-mail `Message-ID`s use it.
    static func fingerprint(of key: String) -> String {
        AlertLabels(["group": key]).fingerprint
    }
}
