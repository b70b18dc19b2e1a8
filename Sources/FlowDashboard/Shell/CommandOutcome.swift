import FlowCore
import TerminalUI

/// How the app's attempt at a `DashboardCommand` that changes the engine went (a silence,
/// an acknowledgement or taking one back, expiring silences), for `DashboardState.finish(_:_:)`.
public enum CommandOutcome: Sendable, Hashable {
    /// Done as asked.
    case done
    /// The silence was added: the id the engine gave it and when it ends.
    case silenced(id: String, until: EpochMillis)
    /// Not done, and why, in words the user can act on.
    case refused(String)
}

/// One line the footer shows instead of the keys until the next key press: what the
/// last command did, or why it did not.
///
/// Its text names alerts, silences and values the user typed; their control characters
/// are shown as escapes (`\x1b`), not dropped, so what the user sees is what was there.
public struct DashboardNotice: Sendable, Hashable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text.escapingControlCharacters
        self.isError = isError
    }
}

extension DashboardState {
    /// Takes the app's answer to `command`: a silence added closes the prompt and says
    /// until when; a refused one stays in the prompt with the reason; the others become a
    /// notice.
    ///
    /// ```swift
    /// case .silence(let request):
    ///     state.finish(command, .refused("unknown unit `x` in `1x`"))   // the prompt shows it
    /// ```
    public mutating func finish(_ command: DashboardCommand, _ outcome: CommandOutcome) {
        if case .refused(let reason) = outcome {
            if case .silence = command, var prompt = silencePrompt {
                prompt.error = reason.escapingControlCharacters
                overlays[overlays.count - 1] = .silence(prompt)
            } else {
                notice = DashboardNotice(reason, isError: true)
            }
            return
        }
        switch command {
        case .silence(let request):
            if silencePrompt != nil { overlays.removeLast() }
            var text = "silenced \(request.alert)"
            if case .silenced(let id, let until) = outcome {
                text += until == .max ? " for good" : " until \(DurationFormat.clockUTC(epochMillis: until)) UTC"
                text += " (\(id))"
            }
            notice = DashboardNotice(text)
        case .acknowledge(_, let alert):
            notice = DashboardNotice("acknowledged \(alert)")
        case .unacknowledge(_, let alert, let who):
            notice = DashboardNotice("took back \(who)'s acknowledgement of \(alert)")
        case .expireSilences(let ids, let alert, let broader):
            let expired = "expired " + ids.joined(separator: ", ")
            if let alert, broader.isEmpty {
                notice = DashboardNotice("\(expired): \(alert) is no longer silenced")
            } else if alert != nil {
                notice = DashboardNotice("\(expired); \(AlertText.broaderSilences(broader, still: true))")
            } else {
                notice = DashboardNotice(expired)
            }
        case .none, .redraw, .refresh, .quit:
            break
        }
    }
}
