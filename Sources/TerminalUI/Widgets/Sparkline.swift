/// A one-row chart of a series with the eight block heights ▁▂▃▄▅▆▇█.
///
/// Gaps (nil: no events in that bucket) stay visible as `missing` instead of reading as
/// zero. A series longer than the width is averaged into buckets so the whole time span
/// stays on screen; a shorter one is right-aligned, newest value at the right edge.
///
/// ```swift
/// Sparkline.text([1, 2, nil, 8], width: 4)   // "▁▂ █"
/// ```
public enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", ",", "-", "~", "=", "*", "#"]

    /// The sparkline as text of exactly `width` columns.
    /// - Parameters:
    ///   - range: the values drawn as lowest and highest; the series' own min and max if nil.
    ///   - missing: drawn for nil buckets (and to the left of a short series: a space).
    public static func text(_ values: [Double?], width: Int, range: ClosedRange<Double>? = nil,
                            missing: Character = " ", ascii: Bool = false) -> String {
        guard width > 0 else { return "" }
        let buckets = resample(values, to: width)
        let present = buckets.compactMap { $0 }
        let glyphs = ascii ? asciiLevels : levels
        let lo = range?.lowerBound ?? (present.min() ?? 0)
        let hi = range?.upperBound ?? (present.max() ?? 0)
        var out = String(repeating: " ", count: width - buckets.count)
        for value in buckets {
            guard let v = value, v.isFinite else {
                out.append(missing)
                continue
            }
            let level: Int
            if hi - lo <= 0 {
                level = v > 0 || range == nil ? glyphs.count - 1 : 0
            } else {
                let f = min(1, max(0, (v - lo) / (hi - lo)))
                level = Int((f * Double(glyphs.count - 1)).rounded())
            }
            out.append(glyphs[level])
        }
        return out
    }

    /// At most `width` buckets: the mean of the present values in each, nil where none is.
    static func resample(_ values: [Double?], to width: Int) -> [Double?] {
        guard values.count > width else { return values }
        var out: [Double?] = []
        out.reserveCapacity(width)
        for i in 0..<width {
            let start = i * values.count / width
            let end = (i + 1) * values.count / width
            let present = values[start..<end].compactMap { $0 }
            out.append(present.isEmpty ? nil : present.reduce(0, +) / Double(present.count))
        }
        return out
    }
}
