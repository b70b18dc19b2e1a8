/// The Markov chain of an attribution, with each channel's removal effect.
public struct MarkovAttributionResult: Sendable, Equatable {
    /// The order used: the one asked for, or lower when it needed more than
    /// `maxMarkovStates` states.
    public var order: Int
    /// Channel states of the chain (`start`, conversion and null not counted).
    public var stateCount: Int
    /// P(conversion) from `start`.
    public var conversionProbability: Double
    /// Channel labels (after folding into `other`), with their removal effect
    /// `1 - P(without the channel) / P` and share `RE / sum of RE`, in the same order.
    public var channels: [String]
    public var removalEffects: [Double]
    public var shares: [Double]
}

/// Data-driven attribution by removal effects in a Markov chain of journeys (Anderl et
/// al. 2014; the R package ChannelAttribution's `markov_model`), solved exactly.
///
/// Every path with at least one credited touch is a walk `start -> s1 -> ... -> sk ->
/// conversion | null`, where with order 1 each state is a channel and with order k the
/// last k channels (a sliding window; a path shorter than k is one state). A state
/// repeated back to back is one visit, as ChannelAttribution's `markov_model` does
/// (`A > A > B` is `A > B`): the chain has no self-loops. Transition probabilities are
/// counts over all paths divided by the counts out of each state. Removing channel c sends
/// every step into a state that holds c to null; the drop in P(conversion) is its removal
/// effect. Credit: `share(c) = RE(c) / sum RE`, times the converted paths' revenue and
/// count. docs/attribution.md has a worked example.
///
/// ```swift
/// let result = MarkovAttribution.analyze(paths)
/// zip(result.channels, result.removalEffects)   // [("A", 1.0), ("B", 0.6), ...]
/// ```
public enum MarkovAttribution {
    public static func analyze(_ paths: [AttributionPath],
                               parameters: AttributionParameters = AttributionParameters()) -> MarkovAttributionResult {
        analyze(PreparedPaths(paths, parameters: parameters))
    }

    static func analyze(_ prepared: PreparedPaths) -> MarkovAttributionResult {
        let requested = max(1, prepared.parameters.markovOrder)
        var fitting: StateWalks?
        for order in stride(from: requested, to: 1, by: -1) {
            fitting = StateWalks(prepared, order: order, maxStates: prepared.parameters.maxMarkovStates)
            if fitting != nil { break }
        }
        guard let walks = fitting ?? StateWalks(prepared, order: 1, maxStates: .max) else {
            preconditionFailure("order 1 has one state per channel and no limit")
        }
        let chain = AbsorbingChain(counts: walks.transitionCounts(), transient: walks.stateChannels.count + 1)
        var statesOf = [[Int]](repeating: [], count: prepared.channelCount)
        for (s, channels) in walks.stateChannels.enumerated() {
            for c in Set(channels) { statesOf[Int(c)].append(s + 1) }
        }
        let (p, effects) = chain.removalEffects(of: statesOf)
        let total = effects.reduce(0, +)
        return MarkovAttributionResult(
            order: walks.order, stateCount: walks.stateChannels.count, conversionProbability: p,
            channels: prepared.names, removalEffects: effects,
            shares: effects.map { total > 0 ? $0 / total : 0 })
    }
}

/// Every path as a walk of state ids (`1...`; 0 is `start`), repeats collapsed, each
/// walk ended by `conversion` or `null`, in one flat array.
struct StateWalks {
    static let conversion: Int32 = -1
    static let null: Int32 = -2

    let order: Int
    /// The channels of state `s + 1`, oldest first.
    private(set) var stateChannels: [[Int32]] = []
    private(set) var steps: [Int32] = []

    /// Nil when the order needs more than `maxStates` states (or a key wider than 64 bits).
    init?(_ prepared: PreparedPaths, order: Int, maxStates: Int) {
        self.order = order
        let base = Int64(prepared.channelCount + 1)
        var span: Int64 = 1
        for _ in 0..<order {
            let (next, overflow) = span.multipliedReportingOverflow(by: base)
            if overflow { return nil }
            span = next
        }
        steps.reserveCapacity(prepared.channel.count + 2 * prepared.pathCount)
        if order == 1 { stateChannels = (0..<Int32(prepared.channelCount)).map { [$0] } }
        var stateOfKey: [Int64: Int32] = [:]
        let channel = prepared.channel
        for p in 0..<prepared.pathCount {
            let lo = prepared.bounds[p]
            let hi = prepared.bounds[p + 1]
            guard hi > lo else { continue }
            var last: Int32 = 0
            let windows = order == 1 ? hi - lo : max(1, hi - lo - order + 1)
            for w in 0..<windows {
                let state: Int32
                if order == 1 {
                    state = channel[lo + w] + 1
                } else {
                    let window = (lo + w)..<min(hi, lo + w + order)
                    var key: Int64 = 0
                    for i in window { key = key * base + Int64(channel[i]) + 1 }
                    if let known = stateOfKey[key] {
                        state = known
                    } else {
                        if stateChannels.count >= maxStates { return nil }
                        stateChannels.append(Array(channel[window]))
                        state = Int32(stateChannels.count)
                        stateOfKey[key] = state
                    }
                }
                if state != last { steps.append(state) }
                last = state
            }
            steps.append(prepared.converted[p] ? Self.conversion : Self.null)
        }
    }

    /// Row-major `(n) x (n + 2)` counts, n = states + 1 (`start`): columns `n` and
    /// `n + 1` are conversion and null.
    func transitionCounts() -> [Double] {
        let n = stateChannels.count + 1
        let width = n + 2
        var counts = [Double](repeating: 0, count: n * width)
        var from = 0
        for step in steps {
            switch step {
            case Self.conversion:
                counts[from * width + n] += 1
                from = 0
            case Self.null:
                counts[from * width + n + 1] += 1
                from = 0
            default:
                counts[from * width + Int(step)] += 1
                from = Int(step)
            }
        }
        return counts
    }
}
