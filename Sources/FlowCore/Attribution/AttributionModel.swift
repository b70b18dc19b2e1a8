/// The attribution models: six rules over each converted path's touches, and two
/// data-driven models learnt from all paths. Raw values are the names on the command
/// line, in the API and in JSON (the original framework's `?model=`). Formulas:
/// docs/attribution.md.
public enum AttributionModel: String, Sendable, CaseIterable, Hashable, Codable, CodingKeyRepresentable {
    case firstTouch = "first_touch"
    case lastTouch = "last_touch"
    case linear = "linear"
    case positionBased = "position_based"
    case wShaped = "w_shaped"
    case timeDecay = "time_decay"
    /// First-order (or higher) Markov chain removal effects, exact.
    case markov = "markov"
    /// Shapley value of the "conversions within a channel set" game (Zhao et al. 2018).
    case shapley = "shapley"

    /// The per-path rule behind this model; nil for the data-driven ones.
    public var pathRule: PathRule? { PathRule(rawValue: rawValue) }

    /// The model after this one, wrapping around (`m` on the dashboard).
    public var next: AttributionModel {
        let all = AttributionModel.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// The models that weigh the touches of one path on their own, with no other path in view.
public enum PathRule: String, Sendable, CaseIterable, Hashable, Codable {
    case firstTouch = "first_touch"
    case lastTouch = "last_touch"
    case linear = "linear"
    case positionBased = "position_based"
    case wShaped = "w_shaped"
    case timeDecay = "time_decay"
}

/// The knobs of attribution, with the defaults the dashboard uses.
///
/// ```swift
/// var parameters = AttributionParameters()
/// parameters.lookbackDays = 30
/// parameters.halfLifeDays = 3
/// ```
public struct AttributionParameters: Sendable, Equatable, Hashable, Codable {
    /// Only touches at most this many days before a path's end earn credit; nil: all.
    public var lookbackDays: Double?
    /// Time decay's half-life: a touch this much older than another weighs half as much.
    public var halfLifeDays: Double
    /// Markov chain order: each state is the last `markovOrder` channels.
    public var markovOrder: Int
    /// Channels kept by name, most touched first; the rest are summed as `other`.
    /// Bounds the Markov chain (its cost grows with the cube of the states).
    public var maxChannels: Int
    /// Above this many chain states a higher-order chain falls back one order at a time
    /// (order 1 always fits: its states are the at most `maxChannels + 2` channels).
    public var maxMarkovStates: Int

    public init(lookbackDays: Double? = 90, halfLifeDays: Double = 7, markovOrder: Int = 1,
                maxChannels: Int = 50, maxMarkovStates: Int = 400) {
        self.lookbackDays = lookbackDays
        self.halfLifeDays = halfLifeDays
        self.markovOrder = markovOrder
        self.maxChannels = maxChannels
        self.maxMarkovStates = maxMarkovStates
    }

    var halfLifeMillis: Double {
        let h = halfLifeDays * LookbackWindow.millisPerDay
        return h.isFinite && h > 0 ? h : 7 * LookbackWindow.millisPerDay
    }
}

/// What one channel earned under one model, next to what it was touched and spent.
///
/// Revenue and conversions are credit (fractional under every model but first and last
/// touch); across channels they add up to the converted paths' revenue and count.
/// `touches`, `aiAssistedTouches` and `touchCost` count every touch of every path given,
/// converted or not, inside the lookback or not: spend is spend.
public struct ChannelCredit: Sendable, Equatable, Hashable {
    public var channel: String
    public var revenue: Double
    public var conversions: Double
    public var touches: Int
    public var aiAssistedTouches: Int
    public var touchCost: Double

    public init(channel: String, revenue: Double, conversions: Double, touches: Int, aiAssistedTouches: Int = 0,
                touchCost: Double) {
        self.channel = channel
        self.revenue = revenue
        self.conversions = conversions
        self.touches = touches
        self.aiAssistedTouches = aiAssistedTouches
        self.touchCost = touchCost
    }
}
