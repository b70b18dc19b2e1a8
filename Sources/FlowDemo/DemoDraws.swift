import FlowCore

/// The draws the demo workload makes from its generator: uniform, coin flips, log-normal
/// latencies, exponential gaps and weighted picks. Fixed formulas over `next()`, so a seed
/// gives the same workload byte for byte on every run and platform.
extension SplitMix64 {
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Log-normally spread around `median` (sigma in log space), for latencies.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        let u1 = max(unit(), 1e-12), u2 = unit()
        let z = (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
        return median * _exp(sigma * z)
    }

    /// An exponential draw with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -_log(max(1 - unit(), 1e-12)) * mean
    }

    mutating func pick<T>(_ items: [T], weights: [Double]) -> T {
        let total = weights.reduce(0, +)
        var r = unit() * total
        for (i, w) in weights.enumerated() {
            r -= w
            if r < 0 { return items[i] }
        }
        return items[items.count - 1]
    }
}

// Plain libm calls without importing Foundation into the generator's hot loop.
#if canImport(Glibc)
import Glibc
@inline(__always) private func _log(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Glibc.cos(x) }
@inline(__always) private func _exp(_ x: Double) -> Double { Glibc.exp(x) }
#else
import Darwin
@inline(__always) private func _log(_ x: Double) -> Double { Darwin.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Darwin.cos(x) }
@inline(__always) private func _exp(_ x: Double) -> Double { Darwin.exp(x) }
#endif
