/// How a funnel breakdown splits the leads.
public enum FunnelBreakdown: String, Sendable, Hashable, CaseIterable, Codable {
    case none, source, tenant
}

/// Which leads a funnel analysis looks at, and how.
///
/// Why each knob: `periodDays` picks a cohort by creation date (the question a revenue
/// team asks is "of the leads we got this month, how many became deals?"), the conversion
/// window stops an old lead that converts a year later from flattering this month, and
/// `stalledAfterDays` says when an open lead needs a nudge. See docs/funnel.md.
///
/// ```swift
/// // Leads created in the last 7 days, counted in a stage only if they got there within
/// // 3 days of creation, split by source.
/// let query = FunnelQuery(periodDays: 7, conversionWindowDays: 3, breakdown: .source)
/// ```
public struct FunnelQuery: Sendable, Hashable, Codable {
    /// Leads created in `[now - periodDays, now]` (whole days of 86,400,000 ms) are
    /// analysed. Values below 1 count as 1.
    public var periodDays: Int
    /// When set, a lead counts in a stage only if it reached it at most this many days
    /// after its creation. Negative values count as 0. Nil: no limit.
    public var conversionWindowDays: Int?
    /// An open lead (not won, not lost) whose last stage change is more than this many days
    /// before `now` is stalled. Negative values count as 0.
    public var stalledAfterDays: Int
    public var breakdown: FunnelBreakdown
    /// At most this many breakdown rows (and stalled-by-source rows per stage), the largest
    /// first; the rest are summed into one `other` row. Values below 1 count as 1.
    public var breakdownLimit: Int
    /// Only this tenant's leads; nil: all tenants.
    public var tenant: String?

    public init(periodDays: Int = 30, conversionWindowDays: Int? = nil, stalledAfterDays: Int = 14,
                breakdown: FunnelBreakdown = .none, breakdownLimit: Int = 20, tenant: String? = nil) {
        self.periodDays = periodDays
        self.conversionWindowDays = conversionWindowDays
        self.stalledAfterDays = stalledAfterDays
        self.breakdown = breakdown
        self.breakdownLimit = breakdownLimit
        self.tenant = tenant
    }
}
