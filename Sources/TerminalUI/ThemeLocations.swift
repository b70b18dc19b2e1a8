/// Where flowtop looks for `<name>.theme` files, in order; the first match wins.
///
/// Pure: the caller passes the executable path, working directory and environment, so tests
/// and `flowtop --help` can show the list without touching the disk.
public enum ThemeLocations {
    /// 1. `$XDG_CONFIG_HOME/flowtop/themes` (or `~/.config/flowtop/themes`): the user's own;
    /// 2. `<cwd>/themes`: a checkout of the repository;
    /// 3. `<exe dir>/themes` and `<exe dir>/../share/flowtop/themes`: next to a build or an
    ///    install prefix;
    /// 4. `/usr/local/share/flowtop/themes`, `/usr/share/flowtop/themes`.
    public static func searchDirectories(executablePath: String?, currentDirectory: String?,
                                         environment: [String: String]) -> [String] {
        var directories: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            directories.append(config + "/flowtop/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.config/flowtop/themes")
        }
        if let currentDirectory, !currentDirectory.isEmpty {
            directories.append(join(currentDirectory, "themes"))
        }
        if let executablePath, let slash = executablePath.lastIndex(of: "/") {
            let directory = String(executablePath[..<slash])
            let base = directory.isEmpty ? "/" : directory
            directories.append(join(base, "themes"))
            directories.append(join(base, "../share/flowtop/themes"))
        }
        directories.append("/usr/local/share/flowtop/themes")
        directories.append("/usr/share/flowtop/themes")
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }

    private static func join(_ directory: String, _ child: String) -> String {
        directory.hasSuffix("/") ? directory + child : directory + "/" + child
    }
}
