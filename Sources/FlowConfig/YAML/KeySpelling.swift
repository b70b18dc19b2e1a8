/// Finds the known field a misspelt key was probably meant to be, so an SLO file with
/// `objective:` instead of `objectives:` fails with "did you mean `objectives`?" rather
/// than being read without its objective.
///
/// ```swift
/// KeySpelling.closest(to: "budgetingMetod", among: ["budgetingMethod", "timeWindow"])  // "budgetingMethod"
/// KeySpelling.closest(to: "labels", among: ["objectives"])                              // nil
/// ```
enum KeySpelling {
    /// The known key within a small edit distance of `key` (ignoring case): 1 for keys of
    /// up to 3 letters, 2 for longer ones.
    static func closest(to key: String, among known: [String]) -> String? {
        let lowered = Array(key.lowercased())
        var best: (key: String, distance: Int)?
        for candidate in known {
            let allowed = candidate.count <= 3 ? 1 : 2
            let distance = editDistance(lowered, Array(candidate.lowercased()))
            if distance <= allowed, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.key
    }

    /// Levenshtein distance: insertions, deletions and substitutions; a swap of two
    /// neighbouring letters counts as one edit too (`fro` is one from `for`), the typo
    /// fingers make most.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var beforePrevious: [Int] = []
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                var distance = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
                if i > 0, j > 0, ca == b[j - 1], a[i - 1] == cb {
                    distance = min(distance, beforePrevious[j - 1] + 1)
                }
                current.append(distance)
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}
