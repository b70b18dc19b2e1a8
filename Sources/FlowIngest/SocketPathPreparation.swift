/// Getting a socket path ready for `bind`, and cleaning it up after, without ever deleting
/// anything but a stale socket (EVENTS.md, "Transport").
///
/// The parent directory policy, so that no other user can swap the socket under us:
/// - missing: created with mode 0700 (only the last component; a missing grandparent is an
///   error, so a typo in `--socket` does not grow a tree of directories);
/// - a symlink, or not a directory: refused;
/// - owned by another user: refused, unless that user is root (`/tmp`, `/run`, a directory
///   an administrator set up for a shared group);
/// - an existing directory's mode is left alone: widening or narrowing it is the user's call.
///
/// The socket is created by `bind` with the process umask and narrowed to the requested
/// mode right after; the 0700 parent keeps others out during that instant.
extension SocketPath {
    /// Checks and prepares `path` for listening: creates the parent directory if needed,
    /// removes a stale socket (one nobody accepts connections on), and refuses anything else.
    ///
    /// ```swift
    /// try SocketPath.prepareForListening(at: "/tmp/flowtop-1000/events.sock")
    /// ```
    public static func prepareForListening(at path: String) throws(SocketPathError) {
        try prepareForListening(at: path, uid: POSIX.currentUID)
    }

    static func prepareForListening(at path: String, uid: UInt32) throws(SocketPathError) {
        let length = path.utf8.count
        guard length <= POSIX.maxSocketPathBytes else {
            throw .pathTooLong(path: path, bytes: length, limit: POSIX.maxSocketPathBytes)
        }
        try prepareParentDirectory(of: path, uid: uid)
        try clearStaleSocket(at: path)
    }

    private static func prepareParentDirectory(of path: String, uid: UInt32) throws(SocketPathError) {
        let directory = parentDirectory(of: path)
        var status = try fileStatus(directory)
        if status == nil {
            do throws(POSIX.POSIXFailure) {
                try POSIX.makeDirectory(directory, permissions: 0o700)
                // mkdir applies the umask; a directory we created gets exactly 0700.
                try POSIX.changePermissions(directory, to: 0o700)
                return
            } catch {
                if error.isNotFound {
                    throw .unusableParent(directory: directory, reason: "it does not exist, and neither does its parent")
                }
                guard error.alreadyExists else {
                    throw .system(operation: "create directory", path: directory, message: error.message)
                }
                // Created by someone else meanwhile: judge it like any existing directory.
                status = try fileStatus(directory)
            }
        }
        guard let status else {
            throw .unusableParent(directory: directory, reason: "it vanished while being checked")
        }
        switch status.kind {
        case .directory: break
        case .symlink: throw .unusableParent(directory: directory, reason: "it is a symbolic link; give the real directory")
        default: throw .unusableParent(directory: directory, reason: "it is not a directory")
        }
        guard status.owner == uid || status.owner == 0 else {
            throw .parentOwnedByOtherUser(directory: directory, owner: status.owner, uid: uid)
        }
    }

    private static func clearStaleSocket(at path: String) throws(SocketPathError) {
        guard let status = try fileStatus(path) else { return }
        switch status.kind {
        case .regularFile: throw .occupied(path: path, kind: "a regular file")
        case .directory: throw .occupied(path: path, kind: "a directory")
        case .symlink: throw .occupied(path: path, kind: "a symbolic link")
        case .other: throw .occupied(path: path, kind: "a special file, not a socket")
        case .socket: break
        }
        do throws(POSIX.POSIXFailure) {
            let fd = try POSIX.connectUnixSocket(path, timeoutMillis: 1000)
            POSIX.closeSocket(fd)
        } catch {
            if error.isNotFound { return }
            // A full accept backlog: someone is there, just busy.
            if error.isTimeout { throw .addressInUse(path: path) }
            guard error.isConnectionRefused else {
                throw .system(operation: "check the socket at", path: path, message: error.message)
            }
            // Nobody accepts on it: a stale socket left by a process that died.
            try removeStaleSocket(at: path)
            return
        }
        throw .addressInUse(path: path)
    }

    private static func removeStaleSocket(at path: String) throws(SocketPathError) {
        do throws(POSIX.POSIXFailure) {
            try POSIX.removeFile(path)
        } catch {
            if !error.isNotFound {
                throw .system(operation: "remove the stale socket", path: path, message: error.message)
            }
        }
    }

    private static func fileStatus(_ path: String) throws(SocketPathError) -> POSIX.FileStatus? {
        do throws(POSIX.POSIXFailure) {
            return try POSIX.fileStatus(path)
        } catch {
            throw .system(operation: "inspect", path: path, message: error.message)
        }
    }
}

/// The socket file a server created, so that on exit it removes that file and not one a
/// later flowtop put at the same path.
struct SocketFileIdentity: Sendable, Equatable {
    var path: String
    var device: UInt64
    var inode: UInt64

    /// The socket now at `path`, or nil if there is none.
    static func current(at path: String) -> SocketFileIdentity? {
        guard let status = try? POSIX.fileStatus(path), status.kind == .socket else { return nil }
        return SocketFileIdentity(path: path, device: status.device, inode: status.inode)
    }

    /// Removes the socket if it is still the same file; true if it is gone afterwards.
    @discardableResult
    func removeIfUnchanged() -> Bool {
        guard SocketFileIdentity.current(at: path) == self else { return false }
        do throws(POSIX.POSIXFailure) {
            try POSIX.removeFile(path)
            return true
        } catch {
            return error.isNotFound
        }
    }

    /// Applies the requested permission bits to the socket file.
    func setMode(_ mode: SocketFileMode) throws(SocketPathError) {
        do throws(POSIX.POSIXFailure) {
            try POSIX.changePermissions(path, to: mode.bits)
        } catch {
            throw .system(operation: "set mode \(mode) on", path: path, message: error.message)
        }
    }
}
