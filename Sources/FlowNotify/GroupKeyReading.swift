import FlowCore

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
