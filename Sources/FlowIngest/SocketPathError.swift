/// Why the ingest server could not take its socket path. Each message names the path and
/// says what to do; none is ever fixed by deleting something the user did not ask to delete.
///
/// ```swift
/// do { try SocketPath.prepareForListening(at: path) }
/// catch let error as SocketPathError { print("flowtop: \(error)") }
/// // flowtop: socket path /tmp/x is a regular file; refusing to replace it
/// ```
public enum SocketPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Something that is not a socket is at the path: it is never removed.
    case occupied(path: String, kind: String)
    /// A live process accepted a connection on the socket at the path. Which program it is
    /// is not known (another flowtop, or anything else listening there), so the message
    /// does not guess.
    case addressInUse(path: String)
    /// Longer than a `sockaddr_un` can hold.
    case pathTooLong(path: String, bytes: Int, limit: Int)
    /// The directory that should hold the socket is a symlink, not a directory, or missing
    /// together with its own parent.
    case unusableParent(directory: String, reason: String)
    /// The directory that should hold the socket belongs to another (non-root) user, who
    /// could replace the socket under us.
    case parentOwnedByOtherUser(directory: String, owner: UInt32, uid: UInt32)
    /// An operating-system call failed.
    case system(operation: String, path: String, message: String)

    public var description: String {
        switch self {
        case .occupied(let path, let kind):
            return "socket path \(path) is \(kind); refusing to replace it (move it away or choose another path with --socket)"
        case .addressInUse(let path):
            return "address in use: another process is listening on \(path); stop it or choose another path with --socket"
        case .pathTooLong(let path, let bytes, let limit):
            return "socket path \(path) is \(bytes) bytes long; Unix socket paths are limited to \(limit) bytes (choose a shorter one with --socket)"
        case .unusableParent(let directory, let reason):
            return "cannot use \(directory) for the socket: \(reason) (choose another path with --socket)"
        case .parentOwnedByOtherUser(let directory, let owner, let uid):
            return "directory \(directory) belongs to uid \(owner), not to you (uid \(uid)); refusing to put the socket there (remove it or choose another path with --socket)"
        case .system(let operation, let path, let message):
            return "cannot \(operation) \(path): \(message)"
        }
    }
}
