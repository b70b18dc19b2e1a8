import FlowCore
@testable import FlowDashboard
import Testing
import TerminalUI

/// The mouse as `DashboardState.handle(mouse:)` maps it: which pane is under the pointer
/// (the layout's rectangles), which row a click is on (the row the line shows), and what
/// the wheel moves.
@Suite("The mouse")
struct MouseMapTests {
    let snapshot = Fixture.snapshot()
    let size = GridSize(width: 120, height: 40)

    /// Where `text` is drawn, its first column; right of `minX` when given.
    func position(of text: String, in grid: CellGrid, minX: Int = 0) -> (x: Int, y: Int)? {
        for y in 0..<grid.height {
            let row = Array(grid.row(y))
            let wanted = Array(text)
            guard row.count >= wanted.count else { continue }
            for x in minX...(row.count - wanted.count) where Array(row[x..<(x + wanted.count)]) == wanted {
                return (x, y)
            }
        }
        return nil
    }

    func press(_ action: MouseEvent.Action, at point: (x: Int, y: Int), _ state: inout DashboardState,
               context: DashboardContext = Fixture.context) -> DashboardCommand {
        state.handle(mouse: MouseEvent(x: point.x, y: point.y, action: action), snapshot: snapshot, size: size,
                     context: context)
    }

    @Test func aClickOnAnSLOSelectsIt() throws {
        var state = DashboardState()
        let grid = Fixture.rendered(snapshot, state: state)
        let point = try #require(position(of: "message_processing_latency", in: grid))
        #expect(press(.press, at: (point.x + 3, point.y), &state) == .redraw)
        #expect(state.focus == .slos)
        #expect(state.selectedSLO == "message_processing_latency")
        #expect(Fixture.rendered(snapshot, state: state).style(of: "message_processing_latency")?.role == .selected)
    }

    @Test func aClickInAnotherPaneFocusesItAndSelectsTheRow() throws {
        var state = DashboardState.perAlert()
        let grid = Fixture.rendered(snapshot, state: state)
        let alerts = try #require(position(of: "Alerts", in: grid, minX: 40))
        let acme = try #require(position(of: "acme", in: grid, minX: alerts.x))
        #expect(press(.press, at: acme, &state) == .redraw)
        #expect(state.focus == .alerts)
        let selected = try #require(state.selectedAlertGroup(in: snapshot))
        #expect(selected.lead.alert.labels["tenant"] == "acme", "\(acme)\n\(grid.text)")
    }

    /// Grouped (the default), a click on a group's row selects that group.
    @Test func aClickOnAnAlertGroupSelectsTheGroup() throws {
        var state = DashboardState()
        let groups = state.alertRows(snapshot)
        let last = try #require(groups.last)
        let grid = Fixture.rendered(snapshot, state: state)
        let alerts = try #require(position(of: "Alerts", in: grid, minX: 40))
        let name = AlertGroupText.fullName(last, dot: Fixture.context.dot)
        let point = try #require(position(of: String(name.prefix(12)), in: grid, minX: alerts.x), "\(grid.text)")
        #expect(press(.press, at: point, &state) == .redraw)
        #expect(state.focus == .alerts)
        #expect(state.selectedAlertGroup(in: snapshot)?.id == last.id)
    }

    @Test func aClickOnAStageOrAChannelSelectsIt() throws {
        var state = DashboardState()
        let grid = Fixture.rendered(snapshot, state: state)
        let meeting = try #require(position(of: "meeting", in: grid))
        _ = press(.press, at: meeting, &state)
        #expect(state.focus == .funnel)
        #expect(state.selectedRow(in: .funnel) == 3)
        let attribution = try #require(position(of: "Attribution", in: grid, minX: 40))
        // The first channel shown past the first row.
        let (row, point) = try #require(snapshot.attribution.rows.indices.dropFirst().lazy.compactMap { i in
            position(of: snapshot.attribution.rows[i].channel, in: grid, minX: attribution.x - 3).map { (i, $0) }
        }.first)
        _ = press(.press, at: point, &state)
        #expect(state.focus == .attribution)
        #expect(state.selectedRow(in: .attribution) == row)
    }

    @Test func theWheelScrollsTheListUnderThePointer() throws {
        var state = DashboardState()
        let grid = Fixture.rendered(snapshot, state: state)
        let funnel = try #require(position(of: "lead_created", in: grid))
        #expect(press(.wheelDown, at: funnel, &state) == .redraw)
        _ = press(.wheelDown, at: funnel, &state)
        #expect(state.focus == .funnel)
        #expect(state.selectedRow(in: .funnel) == 2)
        _ = press(.wheelUp, at: funnel, &state)
        #expect(state.selectedRow(in: .funnel) == 1)
    }

    @Test func theHeaderFooterAndBordersSelectNothing() throws {
        var state = DashboardState()
        #expect(press(.press, at: (5, 0), &state) == .none)
        #expect(press(.press, at: (5, 39), &state) == .none)
        #expect(state == DashboardState())
        // A pane's top border focuses the pane but selects no row.
        let title = try #require(position(of: "Alerts", in: Fixture.rendered(snapshot, state: state), minX: 40))
        _ = press(.press, at: title, &state)
        #expect(state.focus == .alerts && state.selectedAlert == nil)
    }

    @Test func overAViewTheWheelMovesAsTheArrowsDoAndAClickDoesNothing() {
        var state = DashboardState()
        _ = state.handle(.char("t"), snapshot: snapshot)
        #expect(press(.wheelDown, at: (60, 20), &state) == .redraw)
        #expect(state.tenantPicker?.highlighted == 1)
        #expect(press(.press, at: (60, 20), &state) == .none)
        #expect(state.tenantPicker != nil)
    }

    @Test func asciiFramesMapTheSameWay() throws {
        let context = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        var state = DashboardState()
        let grid = Fixture.rendered(snapshot, state: state, context: context)
        let point = try #require(position(of: "ai_response_latency", in: grid))
        _ = press(.press, at: point, &state, context: context)
        #expect(state.selectedSLO == "ai_response_latency")
    }

    @Test func theDecoderReadsTheBackendsMouseReports() {
        #expect(KeyDecoder.decodeMouse(x: 10, y: 4, action: 1) == .mouse(MouseEvent(x: 10, y: 4, action: .press)))
        #expect(KeyDecoder.decodeMouse(x: 1, y: 2, action: 4) == .mouse(MouseEvent(x: 1, y: 2, action: .wheelUp)))
        #expect(KeyDecoder.decodeMouse(x: 1, y: 2, action: 5) == .mouse(MouseEvent(x: 1, y: 2, action: .wheelDown)))
        #expect(KeyDecoder.decodeMouse(x: 1, y: 2, action: 0) == nil)
        #expect(KeyDecoder.decode(code: 26, isFunctionKey: false) == .suspend)
    }
}
