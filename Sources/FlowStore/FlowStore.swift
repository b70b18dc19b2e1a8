/// The durable engine's parts: see docs/storage.md.
public enum FlowStore {
    /// The on-disk format this build writes and reads; a directory of a newer one is refused.
    public static let formatVersion = 1
}
