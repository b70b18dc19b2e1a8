import FlowCore
import FlowFormats
import FlowIngest
import FlowViewer
import Foundation
import TerminalUI

/// `flowtop status`: one line about the engine on the socket, for a tmux `status-right`
/// or a script, in well under 100 ms: the worst SLO and its burn, firing pages and
/// tickets, the ingest rate; `engine down` when none answers.
public enum StatusCommand {
    public enum Format: String, Sendable, CaseIterable {
        case tmux, text, json
    }

    /// What the engine said, or nil when none answered within `timeoutMillis`.
    public static func ask(socketPath: String, timeoutMillis: Int = 500) -> (EngineStatusLine, EngineIdentity?)? {
        guard let connection = try? SocketViewerConnection(path: socketPath, timeoutMillis: timeoutMillis) else { return nil }
        defer { connection.close() }
        let hello = ViewerMessage.hello(user: "status", want: .status, view: nil)
        guard let line = try? hello.line(), (try? connection.send(line)) != nil,
              let answer = try? connection.receive(), let message = try? ViewerMessage.parse(answer),
              message.type == .status, let status = message.status else { return nil }
        return (status, message.engine)
    }

    /// The line to print; `theme` colours the tmux format. `source` names what did not
    /// answer: `engine`, or `fleet` for `status --prometheus`.
    public static func line(_ answer: (EngineStatusLine, EngineIdentity?)?, format: Format, theme: Theme,
                            source: String = "engine") -> String {
        guard let (status, engine) = answer else {
            switch format {
            case .json: return JSONValue.object([(source, .string("down"))]).rendered(.compact)
            case .text: return "flowtop: \(source) down"
            case .tmux: return "\(tmux(.crit, theme))flowtop \(source) down#[default]"
            }
        }
        let burn = status.worstBurn.map { String(format: "%.1fx", $0) }
        let alerts = [status.pages > 0 ? "\(status.pages) page\(status.pages == 1 ? "" : "s")" : nil,
                      status.tickets > 0 ? "\(status.tickets) ticket\(status.tickets == 1 ? "" : "s")" : nil]
            .compactMap { $0 }
        let rate = NumberFormat.compact(status.eventsPerSecond) + " ev/s"
        switch format {
        case .json:
            // Keys in alphabetical order (`fleet` sorts after `events_total`), written by the
            // project's one JSON writer.
            var members: [(String, JSONValue)] = [
                (source, .string("up")), ("events_per_second", .number(status.eventsPerSecond)),
                ("events_total", .int(status.eventsTotal)), ("muted", .int(Int64(status.muted))),
                ("now", .int(status.now)), ("pages", .int(Int64(status.pages))),
            ]
            if let engine { members += [("pid", .int(Int64(engine.pid))), ("role", .string(engine.role))] }
            members.append(("tickets", .int(Int64(status.tickets))))
            if let slo = status.worstSLO, let burn = status.worstBurn {
                members += [("worst_burn", .number(burn)), ("worst_slo", .string(slo))]
            }
            return JSONValue.object(members.sorted { $0.0 < $1.0 }).rendered(.compact)
        case .text:
            let worst = status.worstSLO.map { slo in "\(slo) burn \(burn ?? "-")" } ?? "no SLO traffic"
            return "flowtop: " + ([worst, alerts.isEmpty ? "no alerts" : alerts.joined(separator: " ")] + [rate])
                .joined(separator: " · ")
        case .tmux:
            let burnRole: StyleRole = (status.worstBurn ?? 0) >= 14.4 ? .crit : (status.worstBurn ?? 0) >= 1 ? .warn : .ok
            var parts: [String] = []
            if let slo = status.worstSLO, let burn {
                parts.append("\(tmux(burnRole, theme))\(slo) \(burn)#[default]")
            } else {
                parts.append("\(tmux(.dim, theme))no SLO traffic#[default]")
            }
            if status.pages > 0 { parts.append("\(tmux(.crit, theme))\(alerts[0])#[default]") }
            if status.tickets > 0 { parts.append("\(tmux(.warn, theme))\(alerts.last ?? "")#[default]") }
            if alerts.isEmpty { parts.append("\(tmux(.ok, theme))no alerts#[default]") }
            parts.append("\(tmux(.dim, theme))\(rate)#[default]")
            return parts.joined(separator: " ")
        }
    }

    /// tmux's colour for a role of the theme: `#[fg=#rrggbb]`, or nothing in mono.
    static func tmux(_ role: StyleRole, _ theme: Theme) -> String {
        guard !theme.isMono, let color = theme.foreground(for: role) else { return "" }
        return "#[fg=\(color)]"
    }

    /// Prints the line; the exit status is 3 for `engine down` under `--format json`, else 0.
    /// A `--theme` that cannot be used is an error, as for the dashboard (exit 1): a status
    /// bar showing the error says more than one quietly drawn in other colours.
    public static func run(socketPath: String, format: Format, themeName: String?) throws(UserFacingError) -> Int32 {
        let theme = try look(TerminalOptions(theme: themeName)).0
        let answer = ask(socketPath: socketPath)
        print(line(answer, format: format, theme: theme))
        return answer == nil && format == .json ? 3 : 0
    }
}
