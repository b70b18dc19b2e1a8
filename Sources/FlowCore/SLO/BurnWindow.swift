/// The burn-rate windows shown everywhere, shortest first.
public enum BurnWindow: String, Sendable, CaseIterable, Hashable, Codable, CodingKeyRepresentable {
    case m5 = "5m", m30 = "30m", h1 = "1h", h2 = "2h", h6 = "6h", d1 = "1d", d3 = "3d"

    public var millis: EpochMillis {
        switch self {
        case .m5: 5 * 60_000
        case .m30: 30 * 60_000
        case .h1: 3_600_000
        case .h2: 2 * 3_600_000
        case .h6: 6 * 3_600_000
        case .d1: 86_400_000
        case .d3: 3 * 86_400_000
        }
    }
}
