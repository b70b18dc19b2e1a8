import FlowCore

/// The tests' seeded generator: FlowCore's `SplitMix64`, the same one the demo draws from,
/// so a random test stream is the same on every run and a failure can be replayed from
/// its seed.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let n = Int.random(in: 0..<10, using: &rng)
/// ```
public typealias SeededGenerator = SplitMix64
