import FlowCore

/// One level of the SLO detail: which SLO, which series, and the selected breakdown row.
///
/// The selection is a series, not a row number: the breakdown is re-sorted by burn as
/// data arrives, and the highlight must stay on the tenant the user picked.
///
/// Enter on an SLO opens its SLO level (`series` nil: the tenant filter's series, else the
/// total); Enter on a breakdown row opens a series level on top, so Esc goes back from the
/// series to the SLO and from the SLO to the main view, and the breadcrumb reads
/// `SLOs › ai_request_success › tenant:acme`.
///
/// ```swift
/// state.overlays = [.sloDetail(SLODetailLevel(slo: "ai_request_success")),
///                   .sloDetail(SLODetailLevel(slo: "ai_request_success", series: .tenant("acme")))]
/// state.query.detail   // SLODetailQuery(slo: "ai_request_success", series: .tenant("acme"), range: .h6)
/// ```
public struct SLODetailLevel: Sendable, Hashable {
    public var slo: String
    /// The series drilled into; nil at the SLO level.
    public var series: SLOSeriesID?
    /// The breakdown row selected; nil for the first row.
    public var selected: SLOSeriesID?

    public init(slo: String, series: SLOSeriesID? = nil, selected: SLOSeriesID? = nil) {
        self.slo = slo
        self.series = series
        self.selected = selected
    }

    /// The index of the selected row in `rows` (the first when it is gone); nil for no rows.
    public func selectedIndex(in rows: [SLOStatus]) -> Int? {
        guard !rows.isEmpty else { return nil }
        return selected.flatMap { id in rows.firstIndex { $0.series == id } } ?? 0
    }

    /// The series shown: the one drilled into, else the tenant filter's, else the total.
    public func shownSeries(tenant: String?) -> SLOSeriesID {
        series ?? tenant.map { .tenant($0) } ?? .total
    }

    /// The breadcrumb part: the SLO's name at the SLO level, the series' label below it.
    var crumb: String { series?.label ?? slo }
}
