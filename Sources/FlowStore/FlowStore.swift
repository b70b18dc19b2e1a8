import FlowCore

/// The durable engine's parts: see docs/storage.md.
public enum FlowStore {
    /// The on-disk format this build writes and reads; a directory of a newer one is refused.
    public static let formatVersion = 1

    /// The layout of an encoded `Engine` (`StateEncoder` is positional: adding, removing or
    /// reordering a stored field, or a reject reason, changes it). Written in every
    /// checkpoint's header; a checkpoint of another layout is set aside, not misread.
    /// `CheckpointLayoutTests` fails when the layout changes without this changing.
    ///
    /// 4: SLO series counters as 32-bit counts in three rings (minutes, quarter hours,
    /// hours: `SeriesCounters`), where 1 to 3 kept running totals of minutes and hours.
    /// 3: latency rings as sparse counts per bucket, sums not stored (`LatencyRing`).
    /// 2: the lead table column by column (`LeadColumns`); latency rings as whole
    /// histograms. 1: each lead whole. 1 to 3 are still read (`decodeEngine`), so an
    /// upgrade keeps the state its checkpoint holds.
    public static let engineLayoutVersion: UInt32 = 4

    /// The layouts a checkpoint may have and still be read: this build's, 3, 2 and 1.
    static let readableEngineLayouts: Set<UInt32> = [1, 2, 3, engineLayoutVersion]

    /// The engine in a checkpoint body of `layout` (one of `readableEngineLayouts`).
    /// The decoded types see the layout as `userInfo[.engineLayout]` and read their own
    /// older shapes by it (`LatencyRing` before 3, `SeriesCounters` before 4); the lead table still takes its own
    /// flag for layout 1.
    static func decodeEngine(_ bytes: [UInt8], layout: UInt32) throws -> Engine {
        var userInfo: [CodingUserInfoKey: any Sendable] = [.engineLayout: layout]
        if layout == 1 { userInfo[.leadsRowByRow] = true }
        return try StateDecoder.decode(Engine.self, from: bytes[...], userInfo: userInfo)
    }
}
