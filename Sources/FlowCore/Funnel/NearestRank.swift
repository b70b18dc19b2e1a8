/// Exact nearest-rank percentiles by selection, not by sorting.
///
/// Why: a funnel snapshot takes medians and p90s of up to ten lists of 100,000 durations;
/// quickselect finds a rank in O(n) where a sort pays O(n log n). The partition is
/// three-way, so lists full of equal values (jumps give many zero durations) stay
/// linear, and a selection that keeps choosing poor pivots falls back to sorting the
/// range it has left, so the worst case is O(n log n).
///
/// ```swift
/// var d: [Int64] = [5, 1, 4, 2, 3]
/// NearestRank.stats(&d)   // samples 5, median 3 (rank 3), p90 5 (rank ceil(4.5) = 5)
/// ```
enum NearestRank {
    /// The 1-based rank of the `percent`-th percentile among `count` values:
    /// ceil(percent x count / 100), at least 1.
    static func rank(percent: Int, count: Int) -> Int {
        max(1, (percent * count + 99) / 100)
    }

    /// Median and p90 of `values`, which it reorders; nil when empty.
    static func stats(_ values: inout [Int64]) -> FunnelDurationStats? {
        guard !values.isEmpty else { return nil }
        let n = values.count
        let k90 = rank(percent: 90, count: n) - 1
        let k50 = rank(percent: 50, count: n) - 1
        return values.withUnsafeMutableBufferPointer { buffer in
            let p90 = select(buffer, k90, in: 0, n - 1)
            // Selection leaves everything before k90 no larger than it.
            let median = k50 == k90 ? p90 : select(buffer, k50, in: 0, k90 - 1)
            return FunnelDurationStats(samples: n, median: median, p90: p90)
        }
    }

    /// The value that would sit at index `k` of `buffer[low...high]` sorted; moves it there.
    static func select(_ buffer: UnsafeMutableBufferPointer<Int64>, _ k: Int, in low: Int, _ high: Int) -> Int64 {
        var low = low
        var high = high
        var budget = 2 * (Int.bitWidth - (high - low + 1).leadingZeroBitCount) + 8
        while low < high {
            if budget == 0 {
                var rest = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
                rest.sort()
                return buffer[k]
            }
            budget -= 1
            let pivot = medianOfThree(buffer[low], buffer[low + (high - low) / 2], buffer[high])
            // [low, less) < pivot, [less, i) == pivot, (greater, high] > pivot.
            var less = low
            var i = low
            var greater = high
            while i <= greater {
                let v = buffer[i]
                if v < pivot {
                    buffer.swapAt(less, i)
                    less += 1
                    i += 1
                } else if v > pivot {
                    buffer.swapAt(i, greater)
                    greater -= 1
                } else {
                    i += 1
                }
            }
            if k < less {
                high = less - 1
            } else if k > greater {
                low = greater + 1
            } else {
                return pivot
            }
        }
        return buffer[k]
    }

    private static func medianOfThree(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        max(min(a, b), min(max(a, b), c))
    }
}
