/// Why a theme could not be used, worded so the user can fix it.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    /// A line of a theme file that is not a comment, blank, or `theme[key]="value"` with a
    /// value the key accepts. `line` counts from 1.
    case malformedLine(file: String, line: Int, reason: String)
    /// `--theme NAME` matched no file in the searched directories and no built-in theme.
    case unknownTheme(name: String, available: [String], searched: [String])
    /// A theme file named by path that could not be read.
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .malformedLine(file, line, reason):
            return "\(file):\(line): \(reason)"
        case let .unknownTheme(name, available, searched):
            let places = searched.isEmpty ? "" : " (looked for \(name).theme in \(searched.joined(separator: ", ")))"
            return "unknown theme '\(name)'\(places); available themes: \(available.joined(separator: ", "))"
        case let .unreadableFile(path, reason):
            return "cannot read theme file \(path): \(reason)"
        }
    }
}
