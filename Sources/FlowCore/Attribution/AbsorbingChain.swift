/// An absorbing Markov chain: transient states `0 ..< n` (0 is `start`) and two
/// absorbing states, conversion and null. Answers "from start, how likely is conversion"
/// exactly, by Gaussian elimination, not by simulating journeys.
///
/// With `Q` the transitions among transient states and `r` each state's step into
/// conversion, the conversion probabilities `x` solve `(I - Q) x = r`. Removing a set `R`
/// of states (every step into them goes to null instead) leaves the system on the other
/// states; its `x'[start]` follows from the full inverse `N = (I - Q)^-1` without a new
/// elimination: `x[start] - x'[start] = N[start, R] * N[R, R]^-1 * x[R]` (a Schur
/// complement; docs/attribution.md derives it).
struct AbsorbingChain: Sendable {
    /// Transient states, `start` included.
    let n: Int
    /// Row-major `n x n`: `q[i * n + j]` = P(i -> j).
    private(set) var q: [Double]
    /// `r[i]` = P(i -> conversion).
    private(set) var r: [Double]

    /// From transition counts, row-major `n x (n + 2)`: columns `0 ..< n` the transient
    /// states, `n` conversion, `n + 1` null. A row with no count stays put at 0.
    init(counts: [Double], transient n: Int) {
        precondition(counts.count == n * (n + 2))
        self.n = n
        q = [Double](repeating: 0, count: n * n)
        r = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let row = counts[(i * (n + 2))..<((i + 1) * (n + 2))]
            let total = row.reduce(0, +)
            guard total > 0 else { continue }
            for j in 0..<n { q[i * n + j] = row[row.startIndex + j] / total }
            r[i] = row[row.startIndex + n] / total
        }
    }

    /// P(conversion | start) with the states flagged in `removed` turned into dead ends:
    /// solves the reduced system directly. The definition; `removalEffects` is the fast
    /// way to get it for many removals.
    func conversionProbability(removing removed: [Bool] = []) -> Double {
        let kept = (0..<n).filter { $0 == 0 || !($0 < removed.count && removed[$0]) }
        let m = kept.count
        var a = [Double](repeating: 0, count: m * m)
        var b = [Double](repeating: 0, count: m)
        for (row, i) in kept.enumerated() {
            for (column, j) in kept.enumerated() {
                a[row * m + column] = (i == j ? 1 : 0) - q[i * n + j]
            }
            b[row] = r[i]
        }
        DenseLinearAlgebra.solve(&a, &b, n: m, columns: 1)
        return b[0]
    }

    /// P(conversion | start) and, for each set of states, the removal effect
    /// `1 - P(without the set) / P`, in [0, 1] (all 0 when P is 0).
    func removalEffects(of sets: [[Int]]) -> (conversion: Double, effects: [Double]) {
        var inverse = [Double](repeating: 0, count: n * n)
        for i in 0..<n { inverse[i * n + i] = 1 }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n { a[i * n + j] = (i == j ? 1 : 0) - q[i * n + j] }
        }
        DenseLinearAlgebra.solve(&a, &inverse, n: n, columns: n)
        var x = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = 0.0
            for j in 0..<n where r[j] != 0 { sum += inverse[i * n + j] * r[j] }
            x[i] = sum
        }
        let p = x[0]
        guard p > 0 else { return (0, [Double](repeating: 0, count: sets.count)) }
        let effects = sets.map { set -> Double in
            let states = set.filter { $0 != 0 }
            let m = states.count
            guard m > 0 else { return 0 }
            var nrr = [Double](repeating: 0, count: m * m)
            var z = [Double](repeating: 0, count: m)
            for (row, i) in states.enumerated() {
                for (column, j) in states.enumerated() { nrr[row * m + column] = inverse[i * n + j] }
                z[row] = x[i]
            }
            DenseLinearAlgebra.solve(&nrr, &z, n: m, columns: 1)
            var lost = 0.0
            for (row, j) in states.enumerated() { lost += inverse[j] * z[row] }
            return min(1, max(0, lost / p))
        }
        return (p, effects)
    }
}

/// Dense Gaussian elimination, row-major, in place: small systems (a few hundred
/// unknowns at most) that must be exact and allocation-light.
enum DenseLinearAlgebra {
    /// Solves `A X = B` for an `n x n` matrix `a` and an `n x columns` matrix `b` with
    /// partial pivoting; `b` becomes `X`, `a` is destroyed. A column with no non-zero
    /// pivot (a singular system) leaves that unknown at 0.
    static func solve(_ a: inout [Double], _ b: inout [Double], n: Int, columns: Int) {
        precondition(a.count == n * n && b.count == n * columns)
        a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeMutableBufferPointer { b in
                var singular = [Bool](repeating: false, count: n)
                for k in 0..<n {
                    var pivot = k
                    var best = abs(a[k * n + k])
                    for i in (k + 1)..<n where abs(a[i * n + k]) > best {
                        pivot = i
                        best = abs(a[i * n + k])
                    }
                    if best == 0 {
                        singular[k] = true
                        continue
                    }
                    if pivot != k {
                        for j in 0..<n { a.swapAt(k * n + j, pivot * n + j) }
                        for j in 0..<columns { b.swapAt(k * columns + j, pivot * columns + j) }
                    }
                    let diagonal = a[k * n + k]
                    for i in (k + 1)..<n {
                        let factor = a[i * n + k] / diagonal
                        if factor == 0 { continue }
                        a[i * n + k] = 0
                        for j in (k + 1)..<n { a[i * n + j] -= factor * a[k * n + j] }
                        for j in 0..<columns { b[i * columns + j] -= factor * b[k * columns + j] }
                    }
                }
                for k in stride(from: n - 1, through: 0, by: -1) {
                    if singular[k] {
                        for j in 0..<columns { b[k * columns + j] = 0 }
                        continue
                    }
                    for i in (k + 1)..<n {
                        let factor = a[k * n + i]
                        if factor == 0 { continue }
                        for j in 0..<columns { b[k * columns + j] -= factor * b[i * columns + j] }
                    }
                    let diagonal = a[k * n + k]
                    for j in 0..<columns { b[k * columns + j] /= diagonal }
                }
            }
        }
    }
}
