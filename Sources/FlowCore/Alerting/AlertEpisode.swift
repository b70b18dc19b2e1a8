/// One time an alert fired, from `firedAt` until `resolvedAt`, with its acknowledgement:
/// the record statistics (mean time to acknowledge, to resolve, flapping) are computed
/// from. Episodes that stayed pending never fired and are not recorded.
///
/// ```swift
/// let fired = book.episodes.filter { $0.firedAt >= now - 86_400_000 }
/// let acked = fired.compactMap { e in e.acknowledgedAt.map { $0 - e.firedAt } }
/// ```
public struct AlertEpisode: Sendable, Hashable, Codable {
    public var fingerprint: String
    public var labels: AlertLabels
    public var firedAt: EpochMillis
    /// Acknowledged while pending counts as at `firedAt` for the time to acknowledge.
    public var acknowledgedAt: EpochMillis?
    public var acknowledgedBy: String?
    /// `nil` while the episode still fires.
    public var resolvedAt: EpochMillis?

    public init(fingerprint: String, labels: AlertLabels, firedAt: EpochMillis, acknowledgedAt: EpochMillis? = nil,
                acknowledgedBy: String? = nil, resolvedAt: EpochMillis? = nil) {
        self.fingerprint = fingerprint
        self.labels = labels
        self.firedAt = firedAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.resolvedAt = resolvedAt
    }
}

/// The last `capacity` episodes, oldest first, addressed by a serial number that stays
/// valid while the episode is kept, so a tracked alert can update its own episode.
struct AlertEpisodeLog: Sendable, Hashable, Codable {
    let capacity: Int
    private(set) var episodes: [AlertEpisode] = []
    /// The serial of `episodes[0]`; grows as old episodes are dropped.
    private var firstSerial = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends and returns the new episode's serial, dropping the oldest past capacity.
    /// Firing is rare next to evaluation, so the shift `removeFirst` costs is fine.
    mutating func append(_ episode: AlertEpisode) -> Int {
        let serial = firstSerial + episodes.count
        episodes.append(episode)
        if episodes.count > capacity {
            let excess = episodes.count - capacity
            episodes.removeFirst(excess)
            firstSerial += excess
        }
        return serial
    }

    /// Changes the episode with this serial, if it is still kept.
    mutating func update(_ serial: Int, _ change: (inout AlertEpisode) -> Void) {
        let index = serial - firstSerial
        guard episodes.indices.contains(index) else { return }
        change(&episodes[index])
    }
}
