import FlowDashboard
import FlowStore
import SmallFiles
#if canImport(Glibc)
import Glibc
#endif

/// Where the dashboard keeps `SavedUIState` between runs: `$XDG_STATE_HOME/flowtop/ui.json`,
/// else `~/.local/state/flowtop/ui.json` (the folder the data directory defaults to).
///
/// Nothing here may stop the dashboard: a missing, unreadable, oversized, corrupt or newer
/// file loads as nil, and the caller ignores a failed save. A save is whole or absent: the
/// bytes go to a temporary file of this process (two viewers quitting at once leave one's
/// choices, never a mix), 0600, renamed over `ui.json`, in a folder created 0700 when
/// missing. A file from a newer flowtop is left as it is.
///
/// ```swift
/// let environment = ProcessInfo.processInfo.environment
/// let state = UIStateFile.load(environment: environment)?.applied(to: DashboardState()) ?? DashboardState()
/// try UIStateFile.save(state, environment: environment)
/// ```
enum UIStateFile {
    static let fileName = "ui.json"
    /// Far above the few hundred bytes it holds; anything bigger is not ours.
    static let sizeLimit = 64 * 1024

    /// nil when neither `XDG_STATE_HOME` nor `HOME` is an absolute path.
    static func path(environment: [String: String]) -> String? {
        (try? DataDirectory.defaultPath(environment: environment)).map { $0 + "/" + fileName }
    }

    /// The choices kept, or nil (no file, or one to ignore).
    static func load(environment: [String: String]) -> SavedUIState? {
        guard case .saved(let saved)? = read(environment: environment) else { return nil }
        return saved
    }

    /// What the file holds; nil when there is none that can be read.
    static func read(environment: [String: String]) -> SavedUIState.Reading? {
        guard let path = path(environment: environment),
              let file = try? SmallFile.read(atPath: path, limit: sizeLimit)
        else { return nil }
        return SavedUIState.decode(file.bytes)
    }

    /// Keeps what `state` chose (see `SavedUIState.init(_:previous:)`). Returns false when
    /// a newer flowtop's file was left alone or there is no state folder to put it in.
    @discardableResult
    static func save(_ state: DashboardState, environment: [String: String]) throws(StoreError) -> Bool {
        guard let path = path(environment: environment) else { return false }
        let previous = read(environment: environment)
        if case .newer? = previous { return false }
        var kept: SavedUIState?
        if case .saved(let saved)? = previous { kept = saved }
        let directory = String(path.dropLast(fileName.count + 1))
        try makeDirectory(directory)
        try DurableFile.replace(path, in: directory, with: [Array(SavedUIState(state, previous: kept).json.utf8)],
                                temporary: path + ".\(getpid()).tmp")
        return true
    }

    /// Creates `path` and its missing parents, each 0700 whatever the umask, as the XDG
    /// base directory spec asks of the state folder.
    private static func makeDirectory(_ path: String) throws(StoreError) {
        var info = stat()
        guard stat(path, &info) != 0 else { return }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectory(String(path[..<slash]))
        }
        guard mkdir(path, 0o700) == 0 else {
            if errno == EEXIST { return }
            throw .io(path: path, operation: "create", errno: errno)
        }
        chmod(path, 0o700)
    }
}

extension DashboardLoop {
    /// The dashboard's state at start: the choices the last run kept (unless `--fresh`),
    /// then `--pane`, which wins over the saved pane and shows that pane alone. Any
    /// dashboard loop (this terminal's, a remote viewer's) starts from it.
    static func initialState(terminal: TerminalOptions, environment: [String: String]) -> DashboardState {
        var state = DashboardState()
        if !terminal.fresh, let saved = UIStateFile.load(environment: environment) { state = saved.applied(to: state) }
        if let pane = terminal.pane.flatMap(DashboardPane.init(name:)) {
            state.focus = pane
            state.arrangement = .single
        }
        // Checked before the terminal is touched (`look`); a bad value cannot reach here.
        if let grouping = try? TerminalOptions.alertGrouping(terminal.alertGroupBy) { state.alertGrouping = grouping }
        return state
    }

    /// Keeps the choices of the dashboard that is ending for the next start (after
    /// `--fresh` too). A failure is not reported: the terminal is being handed back, and a
    /// forgotten sort order is not worth a message on it.
    static func saveState(_ state: DashboardState, environment: [String: String]) {
        _ = try? UIStateFile.save(state, environment: environment)
    }
}
