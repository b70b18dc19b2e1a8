#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SmallFiles

/// Finding and reading theme files: the only place in TerminalUI that touches the file system.
extension Theme {
    /// Loads a theme by name or by path.
    ///
    /// - A value containing `/` or ending in `.theme` is a path: that file is read.
    /// - Otherwise it is a name: the first `<dir>/<name>.theme` in `searchDirectories` wins
    ///   (so a user's own `light.theme` overrides the shipped one); failing that, the shipped
    ///   theme of that name compiled into the binary (`default`, `light`, `mono`:
    ///   `shippedTexts`), so those work wherever the binary is copied.
    ///
    ///     let theme = try Theme.load(nameOrPath: "light", searchDirectories: ["./themes"])
    ///
    /// Throws `ThemeError.unknownTheme` listing the themes that do exist, or
    /// `malformedLine` naming the file and line of the first bad line.
    public static func load(nameOrPath: String, searchDirectories: [String]) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            return try loadFile(atPath: nameOrPath)
        }
        for directory in searchDirectories {
            let path = directory + "/" + nameOrPath + ".theme"
            if FileManager.default.fileExists(atPath: path) { return try loadFile(atPath: path) }
        }
        if let text = shippedTexts[nameOrPath] {
            return try ThemeParser.parse(text, name: nameOrPath, file: "(built-in \(nameOrPath).theme)")
        }
        if let builtIn = builtIns.first(where: { $0.name == nameOrPath }) { return builtIn }
        throw .unknownTheme(name: nameOrPath, available: availableNames(searchDirectories: searchDirectories),
                            searched: searchDirectories)
    }

    /// The theme to start with: the one asked for by name or path if any (an explicit choice
    /// beats `NO_COLOR`, as no-color.org asks), else `mono` when `NO_COLOR` is set, else
    /// `default`.
    public static func select(nameOrPath: String?, searchDirectories: [String],
                              environment: [String: String]) throws(ThemeError) -> Theme {
        if let nameOrPath { return try load(nameOrPath: nameOrPath, searchDirectories: searchDirectories) }
        if isColorDisabled(environment: environment) { return mono }
        return try load(nameOrPath: "default", searchDirectories: searchDirectories)
    }

    /// Names of every theme found in `searchDirectories` plus the built-ins, sorted, once each.
    public static func availableNames(searchDirectories: [String]) -> [String] {
        var names = Set(builtIns.map(\.name)).union(shippedTexts.keys)
        for directory in searchDirectories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".theme") {
                names.insert(String(file.dropLast(".theme".count)))
            }
        }
        return names.sorted()
    }

    /// Reads and parses one file; the theme is named after the file (`/x/solar.theme` ->
    /// `solar`). A file that is not a regular file, is larger than 1 MiB or is not UTF-8 is
    /// refused before it is parsed (`--theme /dev/zero` must not hang or fill memory).
    public static func loadFile(atPath path: String) throws(ThemeError) -> Theme {
        let text: String
        do throws(SmallFileError) {
            text = try SmallFile.read(atPath: path, limit: SmallFile.configLimit).text()
        } catch {
            throw .unreadableFile(path: path, reason: error.description)
        }
        var name = String(path.split(separator: "/").last ?? Substring(path))
        if name.hasSuffix(".theme") { name.removeLast(".theme".count) }
        return try ThemeParser.parse(text, name: name, file: path)
    }
}
