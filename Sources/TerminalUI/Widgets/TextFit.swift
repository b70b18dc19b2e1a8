/// Fitting text into a number of terminal columns: truncating with "…" and padding,
/// always by display width (a CJK character or an emoji takes two columns).
///
/// ```swift
/// TextFit.truncate("ai_response_latency", to: 10)   // "ai_respon…"
/// TextFit.pad("42", to: 5, alignment: .right)        // "   42"
/// ```
public enum TextFit {
    /// Where text sits in a wider column.
    public enum Alignment: Sendable, Hashable {
        case left, right, center
    }

    /// `text` cut to at most `width` columns, ending in "…" (or `ellipsis`) when cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard ellipsisWidth <= width else { return "" }
        let room = width - ellipsisWidth
        var out = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.of(ch)
            if used + w > room { break }
            out.append(ch)
            used += w
        }
        return out + ellipsis
    }

    /// `text` truncated to `width` columns and padded with spaces to exactly `width`.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left,
                           ellipsis: String = "…") -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let gap = max(0, width - DisplayWidth.of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }
}
