/// Reads btop-style theme files:
///
///     # comments and blank lines are skipped
///     theme[main_bg]=""            # "" = the terminal's own colour
///     theme[main_fg]="#cccccc"
///     theme[crit]="255 95 95"      # btop's decimal form works too
///
/// Each key starts from `base` (the built-in default), so missing keys fall back to it.
/// Unknown keys are ignored; a line that is not of this shape, or a colour that does not
/// parse, is an error naming the file, the line and the key, never quoting the line or
/// the value (see `ThemeError`).
public enum ThemeParser {
    public static func parse(_ text: String, name: String, file: String,
                             base: Theme = .builtInDefault) throws(ThemeError) -> Theme {
        var theme = base
        theme.name = name
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fail = { (reason: String) in ThemeError.malformedLine(file: file, line: lineNumber, reason: reason) }
            guard let (keyName, value) = splitSetting(line) else {
                throw fail("expected theme[key]=\"#RRGGBB\"")
            }
            guard let key = ThemeKey(name: keyName) else { continue }
            switch key {
            case .mono:
                switch value.lowercased() {
                case "true", "1", "yes": theme.isMono = true
                case "false", "0", "no", "": theme.isMono = false
                default: throw fail("theme[mono] must be \"true\" or \"false\"")
                }
            default:
                var color: RGB?
                if !value.isEmpty {
                    guard let parsed = RGB(themeValue: value) else {
                        throw fail("theme[\(keyName)] is not a colour"
                            + " (use \"#RRGGBB\", \"#GG\", \"R G B\", or \"\" for the terminal's own)")
                    }
                    color = parsed
                }
                apply(color, to: key, in: &theme)
            }
        }
        return theme
    }

    private static func apply(_ color: RGB?, to key: ThemeKey, in theme: inout Theme) {
        switch key {
        case .foreground(let role): theme.setForeground(color, for: role)
        case .mainBackground: theme.mainBackground = color
        case .selectedBackground: theme.setBackground(color, for: .selected)
        case .mono: break
        }
    }

    /// `theme[key]="value"` (quotes optional for a value without spaces, an end-of-line
    /// `# comment` allowed after it) -> (key, value); nil if the line has another shape.
    private static func splitSetting(_ line: Substring) -> (String, String)? {
        guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else { return nil }
        let key = line[line.index(line.startIndex, offsetBy: 6)..<close]
        guard !key.isEmpty, !key.contains(where: { $0.isWhitespace || $0 == "[" }) else { return nil }
        var rest = line[line.index(after: close)...].trimmingWhitespace()
        guard rest.hasPrefix("=") else { return nil }
        rest = rest.dropFirst().trimmingWhitespace()
        let value: Substring
        var trailing: Substring
        if rest.hasPrefix("\"") {
            let body = rest.dropFirst()
            guard let end = body.firstIndex(of: "\"") else { return nil }
            value = body[..<end]
            trailing = body[body.index(after: end)...]
        } else {
            let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
            value = rest[..<end]
            trailing = rest[end...]
            if value.isEmpty { return nil }
        }
        trailing = trailing.trimmingWhitespace()
        guard trailing.isEmpty || trailing.hasPrefix("#") else { return nil }
        return (String(key), String(value))
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
