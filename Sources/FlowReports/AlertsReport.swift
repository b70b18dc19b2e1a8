import FlowCore
import FlowFormats

/// The alerts report: every alert's lifecycle as it stands at the snapshot's time
/// (burn-rate tiers and threshold rules), grouped as the dashboard shows them: active
/// (pending, firing), muted (silenced or acknowledged), recently resolved; then the
/// silences and the statistics of the last day. Keys: docs/alerts.md.
public enum AlertsReport {
    public static func document(_ snapshot: EngineSnapshot) -> ReportDocument {
        let a = snapshot.alerting
        let active = a.alerts.filter { !$0.isMuted && $0.alert.state != .resolved }
        let muted = a.alerts.filter { $0.isMuted && $0.alert.state != .resolved }
        let resolved = a.alerts.filter { $0.alert.state == .resolved }
        var fields: [(String, JSONValue)] = [
            ("alerts", .array(a.alerts.map(alertJSON))),
            ("silences", .array(a.silences.map(silenceJSON))),
        ]
        if let stats = a.statistics { fields.append(("statistics", statisticsJSON(stats))) }
        if a.droppedAlerts > 0 { fields.append(("dropped_alerts", .number(Double(a.droppedAlerts)))) }
        var sections = [
            ReportSection(title: "Active", table: alertTable(active), emptyNote: "no alert pending or firing"),
            ReportSection(title: "Silenced or acknowledged", table: alertTable(muted), emptyNote: "none"),
            ReportSection(title: "Resolved in the last hour", table: alertTable(resolved), emptyNote: "none"),
            ReportSection(title: "Silences", table: silenceTable(a.silences), emptyNote: "no silences"),
        ]
        if let stats = a.statistics { sections.append(statisticsSection(stats)) }
        return ReportDocument(title: "Alerts report", fields: fields, sections: sections)
    }

    public static func time(_ t: EpochMillis?) -> JSONValue { t.map { .string(ReportFormatting.rfc3339($0)) } ?? .null }

    public static func alertJSON(_ listed: ListedAlert) -> JSONValue {
        let alert = listed.alert
        return .object([
            ("fingerprint", .string(alert.fingerprint)),
            ("alertname", alert.labels["alertname"].map(JSONValue.string) ?? .null),
            ("state", .string(alert.state.rawValue)),
            ("severity", alert.severity.map(JSONValue.string) ?? .null),
            ("labels", .object(alert.labels.pairs.map { ($0.name, .string($0.value)) })),
            ("annotations", .object(alert.annotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("active_at", time(alert.activeAt)),
            ("fired_at", time(alert.firedAt)),
            ("resolved_at", time(alert.resolvedAt)),
            ("value", .number(alert.lastValue)),
            ("flap_count", .number(Double(alert.flapCount))),
            ("inhibited", .bool(listed.inhibited)),
            ("silenced_by", .array(listed.silencedBy.map(JSONValue.string))),
            ("acknowledged_by", alert.acknowledgedBy.map(JSONValue.string) ?? .null),
            ("acknowledged_at", time(alert.acknowledgedAt)),
        ])
    }

    public static func silenceJSON(_ listed: ListedSilence) -> JSONValue {
        let s = listed.silence
        return .object([
            ("id", .string(s.id)),
            ("state", .string(listed.state.rawValue)),
            ("matchers", .array(s.matchers.map { .string(matcherText($0)) })),
            ("starts_at", time(s.start)),
            ("ends_at", time(s.end)),
            ("created_by", .string(s.author)),
            ("comment", .string(s.comment)),
        ])
    }

    public static func statisticsJSON(_ s: AlertStatistics) -> JSONValue {
        func counts(_ d: [String: Int]) -> JSONValue {
            .object(d.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) })
        }
        return .object([
            ("period_hours", .number(Double(s.period) / 3_600_000)),
            ("by_state", .object(AlertLifecycleState.allCases.map { ($0.rawValue, .number(Double(s.byState[$0] ?? 0))) })),
            ("by_severity", counts(s.bySeverity)),
            ("silenced", .number(Double(s.silenced))),
            ("acknowledged", .number(Double(s.acknowledged))),
            ("fired", .number(Double(s.fired))),
            ("fired_by_severity", counts(s.firedBySeverity)),
            ("fired_per_slo", counts(s.firedPerSLO)),
            ("mean_time_to_acknowledge_seconds", .number(s.meanTimeToAcknowledgeMillis.map { $0 / 1000 })),
            ("mean_time_to_resolve_seconds", .number(s.meanTimeToResolveMillis.map { $0 / 1000 })),
            ("top_flapping", .array(s.topFlapping.map {
                .object([("fingerprint", .string($0.fingerprint)), ("alertname", .string($0.alertname)),
                         ("labels", .object($0.labels.pairs.map { ($0.name, .string($0.value)) })),
                         ("firings", .number(Double($0.firings)))])
            })),
        ])
    }

    /// `slo="ai_request_success"`, as Alertmanager writes a matcher.
    public static func matcherText(_ m: LabelMatcher) -> String { "\(m.name)\(m.op.rawValue)\"\(m.value)\"" }

    /// The labels that say what an alert is about, without the ones in their own columns.
    public static func subject(_ alert: TrackedAlert) -> String {
        alert.labels.pairs.filter { !["alertname", "severity"].contains($0.name) }
            .map { "\($0.name)=\($0.value)" }.joined(separator: " ")
    }

    public static func alertTable(_ alerts: [ListedAlert]) -> ReportTable {
        var table = ReportTable(columns: [
            .init("state"), .init("severity"), .init("alert"), .init("labels"), .init("value", alignment: .right),
            .init("since"), .init("note"),
        ])
        for listed in alerts {
            let a = listed.alert
            let since = a.resolvedAt ?? a.firedAt ?? a.activeAt
            var notes: [String] = []
            if listed.inhibited { notes.append("inhibited") }
            if listed.isSilenced { notes.append("silenced by " + listed.silencedBy.joined(separator: ",")) }
            if let who = a.acknowledgedBy { notes.append("acked by \(who)") }
            if a.flapCount > 1 { notes.append("fired \(a.flapCount)x in 1h") }
            table.rows.append([
                a.state.rawValue, a.severity ?? "-", a.labels["alertname"] ?? "-", subject(a),
                a.lastValue.map { ReportFormatting.fixed($0, 2) } ?? "-", ReportFormatting.rfc3339(since),
                notes.joined(separator: "; "),
            ])
        }
        return table
    }

    public static func silenceTable(_ silences: [ListedSilence]) -> ReportTable {
        var table = ReportTable(columns: [
            .init("id"), .init("state"), .init("matchers"), .init("until"), .init("by"), .init("comment"),
        ])
        for listed in silences {
            let s = listed.silence
            table.rows.append([s.id, listed.state.rawValue, s.matchers.map(matcherText).joined(separator: ", "),
                               ReportFormatting.rfc3339(s.end), s.author, s.comment])
        }
        return table
    }

    public static func statisticsSection(_ s: AlertStatistics) -> ReportSection {
        var table = ReportTable(columns: [.init("statistic"), .init("value", alignment: .right)])
        let hours = Int(s.period / 3_600_000)
        for state in AlertLifecycleState.allCases where state != .inactive {
            table.rows.append(["\(state.rawValue) now", String(s.byState[state] ?? 0)])
        }
        table.rows.append(["silenced now", String(s.silenced)])
        table.rows.append(["acknowledged now", String(s.acknowledged)])
        table.rows.append(["fired in the last \(hours)h", String(s.fired)])
        for (severity, n) in s.firedBySeverity.sorted(by: { $0.key < $1.key }) {
            table.rows.append(["  \(severity)", String(n)])
        }
        for (slo, n) in s.firedPerSLO.sorted(by: { $0.key < $1.key }) {
            table.rows.append(["  slo \(slo)", String(n)])
        }
        table.rows.append(["mean time to acknowledge", ReportFormatting.duration(s.meanTimeToAcknowledgeMillis.map { $0 / 1000 })])
        table.rows.append(["mean time to resolve", ReportFormatting.duration(s.meanTimeToResolveMillis.map { $0 / 1000 })])
        for flap in s.topFlapping {
            table.rows.append(["flapping: \(flap.alertname) \(flap.labels.pairs.filter { $0.name != "alertname" }.map { "\($0.name)=\($0.value)" }.joined(separator: " "))",
                               "\(flap.firings)x"])
        }
        return ReportSection(title: "Statistics (last \(hours)h)", table: table, emptyNote: "none")
    }
}
