/// A horizontal reference line across a chart: the 14.4x page threshold on a burn-rate
/// chart, the objective on an SLI chart, zero budget on a burn-down.
///
/// It is drawn dotted, and only in cells the data leaves empty, so the series always reads
/// first; its role gives it its own colour (and `label`, when set, names it in the y-axis
/// gutter on its row). A value outside the chart's range is not drawn.
///
/// ```swift
/// ChartThreshold(value: 14.4, role: .crit, label: "14.4x")
/// ChartThreshold(value: 0.999, role: .warn, label: "99.9%")
/// ```
public struct ChartThreshold: Sendable, Hashable {
    public var value: Double
    public var role: StyleRole
    /// Shown right-aligned in the gutter on the threshold's row; empty for none.
    public var label: String

    public init(value: Double, role: StyleRole = .warn, label: String = "") {
        self.value = value
        self.role = role
        self.label = label
    }

    /// The style threshold cells are drawn in.
    public var style: CellStyle { CellStyle(role) }
}
