/// Where one alert tier of one series stands.
public enum TierState: String, Sendable, Hashable, Codable {
    /// The condition does not hold (or the long window has too few events to judge).
    case ok
    /// Both windows burn above the factor: this tier alerts.
    case firing
    /// The condition holds, but a faster tier (shorter long window) of the same series
    /// fires, so this one is shown and not sent (the Workbook's inhibition).
    case inhibited
    /// Switched off in the SLO's configuration; never fires.
    case disabled
}

/// One tier of one SLO series as judged at the snapshot's instant: its state and the burn
/// rates over both windows that decided it. A row of the SLO's alert table
/// (`SLOStatus.alerts`).
public struct AlertTierStatus: Sendable, Equatable, Codable {
    public var tier: AlertTier
    public var state: TierState
    public var longBurn: Double?
    public var shortBurn: Double?
    /// Events in the long window, against the SLO's `minEvents` guard.
    public var longEvents: Int64
    /// The burn condition holds but the long window has fewer than `minEvents` events.
    public var belowMinEvents: Bool

    public init(tier: AlertTier, state: TierState, longBurn: Double?, shortBurn: Double?,
                longEvents: Int64 = 0, belowMinEvents: Bool = false) {
        self.tier = tier
        self.state = state
        self.longBurn = longBurn
        self.shortBurn = shortBurn
        self.longEvents = longEvents
        self.belowMinEvents = belowMinEvents
    }

    /// Firing and not inhibited.
    public var firing: Bool { state == .firing }
}
