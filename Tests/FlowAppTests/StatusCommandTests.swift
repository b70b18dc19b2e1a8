import FlowCore
import FlowViewer
import Testing
import TerminalUI
@testable import FlowApp

/// `flowtop status`'s line in its three formats, from a status the engine could send.
@Suite struct StatusCommandTests {
    static let burning = EngineStatusLine(worstSLO: "ai_request_success", worstBurn: 14.66, pages: 2, tickets: 1, muted: 1,
                                          eventsPerSecond: 1204.5, eventsTotal: 5_837_731, now: 1_796_585_991_453)
    static let engine = EngineIdentity(role: "serve", pid: 4242, startedAt: 0, socket: "/s")

    @Test func textSaysTheWorstBurnTheAlertsAndTheRate() {
        #expect(StatusCommand.line((Self.burning, Self.engine), format: .text, theme: .builtInDefault)
                == "flowtop: ai_request_success burn 14.7x · 2 pages 1 ticket · 1.2k ev/s")
        let quiet = EngineStatusLine(worstSLO: nil, worstBurn: nil, pages: 0, tickets: 0, muted: 0, eventsPerSecond: 0,
                                     eventsTotal: 0, now: 0)
        #expect(StatusCommand.line((quiet, nil), format: .text, theme: .builtInDefault)
                == "flowtop: no SLO traffic · no alerts · 0 ev/s")
    }

    @Test func tmuxColoursComeFromTheThemeAndMonoHasNone() {
        let theme = Theme.builtInDefault
        let crit = theme.foreground(for: .crit).map { "#[fg=\($0)]" } ?? ""
        let warn = theme.foreground(for: .warn).map { "#[fg=\($0)]" } ?? ""
        let line = StatusCommand.line((Self.burning, Self.engine), format: .tmux, theme: theme)
        #expect(!crit.isEmpty && line.hasPrefix("\(crit)ai_request_success 14.7x#[default]"), "\(line)")
        #expect(line.contains("\(crit)2 pages#[default]") && line.contains("\(warn)1 ticket#[default]"), "\(line)")
        let mono = StatusCommand.line((Self.burning, Self.engine), format: .tmux, theme: .mono)
        #expect(!mono.contains("#[fg="), "\(mono)")
        #expect(StatusCommand.line(nil, format: .tmux, theme: theme) == "\(crit)flowtop engine down#[default]")
    }

    @Test func jsonIsOneObjectAndEngineDownIsSaidPlainly() throws {
        let line = StatusCommand.line((Self.burning, Self.engine), format: .json, theme: .mono)
        #expect(line.hasPrefix(#"{"engine":"up","events_per_second":1204.5,"events_total":5837731,"muted":1"#), "\(line)")
        #expect(line.contains(#""pages":2,"pid":4242,"role":"serve","tickets":1,"worst_burn":14.66,"worst_slo":"ai_request_success"}"#),
                "\(line)")
        #expect(StatusCommand.line(nil, format: .json, theme: .mono) == #"{"engine":"down"}"#)
        #expect(StatusCommand.line(nil, format: .text, theme: .mono) == "flowtop: engine down")
    }

    @Test func noEngineOnTheSocketIsEngineDown() {
        #expect(StatusCommand.ask(socketPath: "/tmp/flowtop-no-such-\(UInt32.random(in: 0...UInt32.max)).sock") == nil)
    }
}
