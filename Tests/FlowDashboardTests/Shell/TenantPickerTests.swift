import FlowCore
import FlowDashboard
import Testing
import TerminalUI

/// `t` opens a picker of the tenants the snapshot has seen, after "all tenants": typing
/// filters it, ↑↓ choose, Enter applies, Esc leaves the tenant as it was.
@Suite("The tenant picker")
struct TenantPickerTests {
    let snapshot: EngineSnapshot = {
        var snapshot = Fixture.snapshot()
        snapshot.tenants = ["acme", "globex", "initech", "umbrella"]
        return snapshot
    }()

    func press(_ keys: [Key], _ state: inout DashboardState) -> DashboardCommand {
        var last = DashboardCommand.none
        for key in keys { last = state.handle(key, snapshot: snapshot) }
        return last
    }

    @Test func tListsAllTenantsThenEachWithTheCurrentOneHighlighted() {
        var state = DashboardState(tenant: "globex")
        _ = press([.char("t")], &state)
        #expect(state.tenantPicker?.highlighted == 2)
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.text.contains("SLOs › tenant"))
        for name in ["all tenants", "acme", "globex", "initech", "umbrella"] { #expect(grid.text.contains(name)) }
        #expect(grid.style(of: "› globex")?.role == .selected)
        #expect(grid.row(39).contains("enter choose"))
    }

    @Test func typingFiltersAndEnterChoosesTheFirstMatch() {
        var state = DashboardState()
        #expect(press([.char("t"), .char("i"), .char("n")], &state) == .redraw)
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.text.contains("filter: in_"))
        #expect(grid.text.contains("initech"))
        #expect(!grid.text.contains("umbrella"))
        #expect(grid.lines(containing: "all tenants").count == 1)   // the header's, not the picker's
        #expect(press([.enter], &state) == .refresh)
        #expect(state.tenant == "initech")
    }

    @Test func arrowsMoveAndLettersLikeJKType() {
        var state = DashboardState()
        _ = press([.char("t"), .down, .down, .down, .up], &state)
        #expect(state.tenantPicker?.highlighted == 2)
        _ = press([.char("k")], &state)   // a letter, not "up": types, and no tenant has it
        #expect(state.tenantPicker?.line.text == "k")
        #expect(Fixture.rendered(snapshot, state: state).text.contains("no tenant matches"))
        #expect(press([.enter], &state) == .redraw)   // nothing to choose: closes, tenant unchanged
        #expect(state.tenant == nil && state.tenantPicker == nil)
    }

    @Test func allTenantsClearsTheFilterAndEscChangesNothing() {
        var state = DashboardState(tenant: "acme")
        #expect(press([.char("t"), .home, .enter], &state) == .refresh)
        #expect(state.tenant == nil)
        state = DashboardState(tenant: "acme")
        #expect(press([.char("t"), .down, .escape], &state) == .redraw)
        #expect(state.tenant == "acme" && state.tenantPicker == nil)
    }

    @Test func qTypesInThePickerAndCtrlCStillQuits() {
        var state = DashboardState()
        _ = press([.char("t"), .char("q")], &state)
        #expect(state.tenantPicker?.line.text == "q")
        #expect(state.handle(.interrupt, snapshot: snapshot) == .quit)
    }
}
