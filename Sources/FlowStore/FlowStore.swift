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
    /// 2: the lead table column by column (`LeadColumns`). 1: each lead whole; still read
    /// (`decodeEngine`), so an upgrade keeps the state its checkpoint holds.
    public static let engineLayoutVersion: UInt32 = 2

    /// The layouts a checkpoint may have and still be read: this build's and layout 1.
    static let readableEngineLayouts: Set<UInt32> = [1, engineLayoutVersion]

    /// The engine in a checkpoint body of `layout` (one of `readableEngineLayouts`).
    static func decodeEngine(_ bytes: [UInt8], layout: UInt32) throws -> Engine {
        // Layout 1 differs only in how the lead table wrote its leads.
        let userInfo: [CodingUserInfoKey: any Sendable] = layout == 1 ? [.leadsRowByRow: true] : [:]
        return try StateDecoder.decode(Engine.self, from: bytes[...], userInfo: userInfo)
    }
}
