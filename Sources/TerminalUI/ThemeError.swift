/// Why a theme could not be used, worded so the user can fix it.
///
/// No message quotes the file's content: `--theme` may be given any path (`/etc/shadow`,
/// a key file), and the error would print its lines. A message names the file, the line
/// and what is wrong, which is enough to find the mistake in one's own theme.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    /// A line of a theme file that is not a comment, blank, or `theme[key]="value"` with a
    /// value the key accepts. `line` counts from 1.
    case malformedLine(file: String, line: Int, reason: String)
    /// `--theme NAME` matched no file in the searched directories and no built-in theme.
    case unknownTheme(name: String, available: [String], searched: [String])
    /// A theme file that could not be read; `reason` follows the path ("does not exist",
    /// "is larger than 1 MiB; is it the right file?").
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .malformedLine(file, line, reason):
            return "\(file):\(line): \(reason)"
        case let .unknownTheme(name, available, searched):
            let places = searched.isEmpty ? "" : " (looked for \(name).theme in \(searched.joined(separator: ", ")))"
            return "unknown theme '\(name)'\(places); available themes: \(available.joined(separator: ", "))"
        case let .unreadableFile(path, reason):
            return "theme file \(path) \(reason)"
        }
    }
}
