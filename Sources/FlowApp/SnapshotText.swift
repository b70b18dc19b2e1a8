import FlowCore
import FlowDashboard
import TerminalUI

/// The dashboard drawn once into a grid of `width` x `height` and returned as plain text.
public func dashboardText(_ snapshot: EngineSnapshot, socketPath: String, width: Int, height: Int) -> String {
    var grid = CellGrid(width: width, height: height)
    render(snapshot, state: DashboardState(model: snapshot.query.model, tenant: snapshot.query.tenant),
           context: DashboardContext(socketPath: socketPath, socketIsDefault: socketPath == defaultSocketPath()), into: &grid)
    return grid.text
}
