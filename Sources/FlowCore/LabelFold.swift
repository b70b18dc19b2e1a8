/// Caps the distinct values of a label that comes from the wire (a touchpoint's channel
/// or feature): the first `capacity` values seen are kept, later new ones become `other`.
///
/// Why: attribution's cost grows with the number of channels (Markov's transition matrix
/// is channels squared; Shapley's coalitions likewise), and a client can invent a channel
/// per line. With 60,000 channels one `/attribution/report` took 40 s and 75 MB; capped,
/// a flood of names costs one `other` row. SLO series (`SLOTracker`) and metric labels
/// (`MetricLabelCaps`) are capped the same way.
///
/// ```swift
/// var channels = LabelFold(capacity: 2)
/// channels.fold("email")     // "email"
/// channels.fold("ads")       // "ads"
/// channels.fold("sms")       // "other"
/// ```
struct LabelFold: Sendable, Codable {
    static let other = "other"

    let capacity: Int
    private var known: Set<String> = []
    /// Values turned into `other` because the cap was reached.
    private(set) var foldedCount: Int64 = 0
    /// Known values by their string's bits: a touchpoint's channel and feature are
    /// usually the same few strings (inline, or the one a connection's label cache hands
    /// out), found here without hashing their bytes into `known`. Only known values are
    /// kept (a value once known stays known), so a hit answers exactly as `known` would.
    /// Not part of the state: checkpoints write what they wrote before.
    private var recentlyKnown = StringIdentityCache<Bool>()

    private enum CodingKeys: String, CodingKey {
        case capacity, known, foldedCount
    }

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// `value` itself if it is known or there is room for it, else `other`.
    mutating func fold(_ value: String) -> String {
        if recentlyKnown.value(for: value) != nil { return value }
        if !known.contains(value) {
            guard known.count < capacity else {
                foldedCount += 1
                return Self.other
            }
            known.insert(value)
        }
        recentlyKnown.store(true, for: value)
        return value
    }
}
