import FlowCore
import TerminalUI

/// What `s` on an alert group asks before silencing it: for how long (Prometheus syntax,
/// `1h` when left empty) and why (`silenced from flowtop` when left empty), with the
/// matchers shown before Enter confirms them. The silence mutes the group, every series
/// and tier in it, not one tier of one series (`matchers(for:grouping:)`). A value the key
/// handler edits; the app turns the `SilenceRequest` it gives on Enter into a `Silence`
/// and answers with `DashboardState.finish(_:_:)`: a refusal (a duration that does not
/// parse, a silence the engine refuses) comes back into `error`, and the prompt stays.
///
/// ```swift
/// var prompt = SilencePrompt(group: group, grouping: .default, among: snapshot.alerting.alerts)
/// prompt.matchers   // slo="ai_request_success", severity="page"
/// prompt.handle(.char("3")); prompt.handle(.char("0")); prompt.handle(.char("m"))
/// prompt.handle(.enter)     // .submit: prompt.request.duration == "30m"
/// ```
public struct SilencePrompt: Sendable, Hashable {
    public enum Field: Sendable, Hashable {
        case duration, comment
    }

    /// What a key did to the prompt.
    public enum Action: Sendable, Hashable {
        case none, edited, submit, cancel
    }

    public static let defaultDuration = "1h"
    public static let defaultComment = "silenced from flowtop"
    static let maxLength = 200

    /// What is silenced, in words (`ai_request_success page`, or one alert's name).
    public var subject: String
    /// How many pending or firing alerts the matchers mute now (inhibited tiers too).
    public var alertCount: Int
    /// `=` matchers that mute exactly the group (`matchers(for:grouping:)`), or exactly
    /// one alert (`matchers(for:among:)`).
    public var matchers: [LabelMatcher]
    /// As typed; empty means `defaultDuration`.
    public var duration = ""
    /// As typed; empty means `defaultComment`.
    public var comment = ""
    public var field = Field.duration
    /// Why the last Enter was refused; cleared by the next edit.
    public var error: String?

    /// A prompt for exactly one alert.
    public init(alert: TrackedAlert, among alerts: [ListedAlert]) {
        self.init(subject: AlertText.name(alert, dot: "·"), alertCount: 1,
                  matchers: Self.matchers(for: alert, among: alerts))
    }

    /// A prompt for the whole group; grouped by every label, for its one alert.
    public init(group: AlertGroup, grouping: AlertGrouping, among alerts: [ListedAlert]) {
        if grouping.labels.contains(AlertGrouping.everyLabel) {
            self.init(alert: group.lead.alert, among: alerts)
        } else {
            let matchers = Self.matchers(for: group, grouping: grouping)
            // What the silence will mute now, inhibited tiers and muted alerts included.
            let count = alerts.filter { listed in
                listed.alert.state != .resolved
                    && matchers.allSatisfy { (listed.alert.labels[$0.name] ?? "") == $0.value }
            }.count
            self.init(subject: AlertGroupText.name(group, dot: "·"), alertCount: count, matchers: matchers)
        }
    }

    private init(subject: String, alertCount: Int, matchers: [LabelMatcher]) {
        self.subject = subject
        self.alertCount = alertCount
        self.matchers = matchers
    }

    /// What Enter asks for, defaults filled in.
    public var request: SilenceRequest {
        SilenceRequest(alert: subject, matchers: matchers,
                       duration: duration.isEmpty ? Self.defaultDuration : duration,
                       comment: comment.isEmpty ? Self.defaultComment : comment)
    }

    /// Typing edits the field in focus, Backspace deletes its last character, Ctrl-U the
    /// whole field and Ctrl-W its last word (as in a shell), Tab and the arrows move between
    /// the two fields, Enter submits from either, Esc cancels.
    @discardableResult
    public mutating func handle(_ key: Key) -> Action {
        switch key {
        case .enter:
            return .submit
        case .escape:
            return .cancel
        case .tab, .backTab, .up, .down:
            field = field == .duration ? .comment : .duration
            return .edited
        default:
            // Backspace, Ctrl-U, Ctrl-W and printable characters, as every prompt edits.
            var line = LineEditor(text)
            guard line.apply(key), line.text != text, line.text.count <= Self.maxLength else { return .none }
            text = line.text
        }
        error = nil
        return .edited
    }

    /// The field in focus.
    private var text: String {
        get { field == .duration ? duration : comment }
        set { if field == .duration { duration = newValue } else { comment = newValue } }
    }

    /// Matchers for exactly `alert`: each of its labels with `=`, and `name=""` for each
    /// label its namesakes in `alerts` carry and it does not (for a burn-rate alert also
    /// `tenant` and `model`). Why: matchers only constrain the labels they name, so the
    /// total series' `{alertname, slo, severity, windows}` would also mute every tenant's
    /// and model's alert of that tier.
    public static func matchers(for alert: TrackedAlert, among alerts: [ListedAlert]) -> [LabelMatcher] {
        let name = alert.labels["alertname"]
        var absent = Set(alerts.filter { $0.alert.labels["alertname"] == name }.flatMap { $0.alert.labels.pairs.map(\.name) })
        if AlertText.isBurnRate(alert) { absent.formUnion(["tenant", "model"]) }
        absent.subtract(alert.labels.pairs.map(\.name))
        return alert.labels.pairs.map { LabelMatcher($0.name, .equal, $0.value) }
            + absent.sorted().map { LabelMatcher($0, .equal, "") }
    }

    /// Matchers for exactly `group`: its key labels with `=`, and `name=""` for each
    /// grouping label its key lacks, so a rule's group (`alertname="AICostHigh"`) does not
    /// also mute an SLO's alerts of that name and severity.
    ///
    /// ```swift
    /// SilencePrompt.matchers(for: group, grouping: .default)   // slo="ai_request_success", severity="page"
    /// ```
    public static func matchers(for group: AlertGroup, grouping: AlertGrouping) -> [LabelMatcher] {
        let absent = grouping.labels.filter { $0 != AlertGrouping.everyLabel && group.key[$0] == nil }
        return group.key.pairs.map { LabelMatcher($0.name, .equal, $0.value) }
            + absent.sorted().map { LabelMatcher($0, .equal, "") }
    }

    /// Whether `silence` is the one `s` makes for `group`: its matchers, no more, no fewer.
    public static func isMade(_ silence: Silence, for group: AlertGroup, grouping: AlertGrouping) -> Bool {
        if grouping.labels.contains(AlertGrouping.everyLabel) { return isMade(silence, for: group.lead.alert) }
        let made = matchers(for: group, grouping: grouping)
        return silence.matchers.count == made.count && Set(silence.matchers) == Set(made)
    }

    /// Whether `silence` is one this prompt would make for `alert`: only `=` matchers, one
    /// for each of its labels with its value, the others `name=""` for labels it lacks.
    /// Why: `x` in the alerts pane expires such silences at once, as they mute this alert
    /// alone; a broader one (`severity="ticket"` from a silences file) mutes others as well,
    /// so it is expired on its own, in the silences view.
    ///
    /// ```swift
    /// SilencePrompt.isMade(Silence(id: "", matchers: prompt.matchers, ...), for: alert)   // true
    /// ```
    public static func isMade(_ silence: Silence, for alert: TrackedAlert) -> Bool {
        let named = Set(silence.matchers.map(\.name))
        return silence.matchers.allSatisfy { $0.op == .equal && (alert.labels[$0.name] ?? "") == $0.value }
            && alert.labels.pairs.allSatisfy { named.contains($0.name) }
    }
}

/// A silence the user asked for, before the app gives it a time: the engine's clock says
/// when "now" is, and the duration is parsed where the silences file's durations are.
public struct SilenceRequest: Sendable, Hashable {
    /// The alert, for the notice.
    public var alert: String
    public var matchers: [LabelMatcher]
    /// Prometheus syntax: `30m`, `2h`, `1d`.
    public var duration: String
    public var comment: String

    public init(alert: String, matchers: [LabelMatcher], duration: String, comment: String) {
        self.alert = alert
        self.matchers = matchers
        self.duration = duration
        self.comment = comment
    }

    /// The silence from `now` for `durationMillis` (a duration past the end of time ends
    /// never); the engine names it (`silence-N`).
    public func silence(now: EpochMillis, durationMillis: EpochMillis, author: String) -> Silence {
        let (end, overflow) = now.addingReportingOverflow(durationMillis)
        return Silence(id: "", matchers: matchers, start: now, end: overflow ? .max : end, author: author,
                       comment: comment)
    }
}
