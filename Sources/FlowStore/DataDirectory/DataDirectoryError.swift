/// Why a data directory cannot be used, as a message that names the path and says what to
/// do. Nothing in a directory is changed on the way to one of these.
public enum DataDirectoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `--data-dir`, no absolute `XDG_STATE_HOME` and no `HOME`.
    case noDefault
    case cannotCreate(path: String, reason: String)
    case notADirectory(path: String)
    case ownedByAnotherUser(path: String, owner: UInt32, uid: UInt32)
    /// Files flowtop did not write, and no format marker: never written into or wiped.
    case foreign(path: String, example: String)
    /// Written by a newer flowtop, in a format this one cannot read.
    case newerFormat(path: String, found: Int, supported: Int)
    /// Another process holds the directory's lock.
    case locked(path: String, holder: Int32?)
    case system(operation: String, path: String, message: String)

    public var description: String {
        switch self {
        case .noDefault:
            "no data directory: neither XDG_STATE_HOME nor HOME is set; give one with --data-dir DIR "
                + "(or run with --ephemeral to keep nothing)"
        case .cannotCreate(let path, let reason):
            "cannot create the data directory \(path): \(reason)"
        case .notADirectory(let path):
            "the data directory \(path) is not a directory; give another with --data-dir"
        case .ownedByAnotherUser(let path, let owner, let uid):
            "the data directory \(path) belongs to user \(owner), not to you (\(uid)); give one of your own with --data-dir"
        case .foreign(let path, let example):
            "\(path) holds files flowtop did not write (such as `\(example)`) and no FORMAT file; flowtop leaves it "
                + "alone: give an empty directory or a flowtop data directory with --data-dir"
        case .newerFormat(let path, let found, let supported):
            "the data directory \(path) was written by a newer flowtop (format \(found); this one reads format "
                + "\(supported)): run the newer flowtop, or give this one another --data-dir"
        case .locked(let path, let holder):
            "the data directory \(path) is in use by another flowtop" + (holder.map { " (pid \($0))" } ?? "")
                + ": stop it, attach to it, or give this one another --data-dir (or --ephemeral)"
        case .system(let operation, let path, let message):
            "cannot \(operation) \(path): \(message)"
        }
    }
}
