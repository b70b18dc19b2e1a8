/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast, seedable random generator, so
/// a stream of draws is the same on every run and can be replayed from its seed.
///
/// The one seeded generator of the project: the demo workload (`FlowDemo`) draws its
/// events from it, so `flowtop demo --seed N` writes the same bytes every time, and the
/// tests use it as `FlowTestKit.SeededGenerator`, so a failing property test can be
/// repeated from its seed. It lives here, at the bottom of the module graph, because
/// production code (the demo) cannot depend on the test kit. The engine itself never
/// draws random numbers.
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let n = Int.random(in: 0..<10, using: &rng)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
