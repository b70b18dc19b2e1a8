/// The durable engine's parts: see docs/storage.md.
public enum FlowStore {
    /// The on-disk format this build writes and reads; a directory of a newer one is refused.
    public static let formatVersion = 1

    /// The layout of an encoded `Engine` (`StateEncoder` is positional: adding, removing or
    /// reordering a stored field, or a reject reason, changes it). Written in every
    /// checkpoint's header; a checkpoint of another layout is set aside, not misread.
    /// `CheckpointLayoutTests` fails when the layout changes without this changing.
    public static let engineLayoutVersion: UInt32 = 1
}
