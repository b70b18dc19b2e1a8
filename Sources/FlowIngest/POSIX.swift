#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every direct operating-system call of FlowIngest, in one place: file checks for the
/// socket path, and the blocking Unix-socket calls of `SocketClient`. SwiftNIO does the
/// server's own socket work. Each wrapper turns `-1`/`errno` into a thrown `POSIXFailure`.
enum POSIX {
    /// What `lstat` says is at a path (without following a final symlink).
    enum FileKind: Equatable {
        case regularFile, directory, symlink, socket, other
    }

    struct FileStatus: Equatable {
        var kind: FileKind
        var owner: UInt32
        /// Permission bits only (`0o777` and the sticky/setid bits).
        var permissions: UInt16
        var device: UInt64
        var inode: UInt64
    }

    /// `errno` of a failed call, with the call's name for messages.
    struct POSIXFailure: Error, Equatable {
        var call: String
        var code: Int32

        var message: String { String(cString: strerror(code)) }
        var isNotFound: Bool { code == ENOENT }
        var alreadyExists: Bool { code == EEXIST }
        var isConnectionRefused: Bool { code == ECONNREFUSED }
        var isPermissionDenied: Bool { code == EACCES || code == EPERM }
        var isTimeout: Bool { code == EAGAIN || code == EWOULDBLOCK }
        var isNotASocket: Bool { code == ENOTSOCK }
        var isAddressInUse: Bool { code == EADDRINUSE }
        var isNameTooLong: Bool { code == ENAMETOOLONG }
        /// The other side closed or reset the connection.
        var isPeerGone: Bool { code == EPIPE || code == ECONNRESET }
    }

    static var currentUID: UInt32 { UInt32(getuid()) }

    /// Longest path a `sockaddr_un` holds, without its terminating NUL (107 on Linux).
    static var maxSocketPathBytes: Int {
        MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1
    }

    /// The file at `path` itself (a symlink is reported as a symlink), or nil if nothing is there.
    static func fileStatus(_ path: String) throws(POSIXFailure) -> FileStatus? {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw POSIXFailure(call: "lstat", code: code)
        }
        let kind: FileKind
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regularFile
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        case S_IFSOCK: kind = .socket
        default: kind = .other
        }
        return FileStatus(
            kind: kind, owner: UInt32(st.st_uid), permissions: UInt16(st.st_mode & 0o7777),
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    static func makeDirectory(_ path: String, permissions: UInt16) throws(POSIXFailure) {
        guard mkdir(path, mode_t(permissions)) == 0 else { throw POSIXFailure(call: "mkdir", code: errno) }
    }

    static func changePermissions(_ path: String, to permissions: UInt16) throws(POSIXFailure) {
        guard chmod(path, mode_t(permissions)) == 0 else { throw POSIXFailure(call: "chmod", code: errno) }
    }

    static func removeFile(_ path: String) throws(POSIXFailure) {
        guard unlink(path) == 0 else { throw POSIXFailure(call: "unlink", code: errno) }
    }

    static func environmentValue(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    // MARK: Blocking Unix stream sockets (client side)

    /// Opens a stream socket connected to `path`, with send and receive timeouts set.
    /// The caller owns the returned descriptor and closes it with `closeSocket`.
    static func connectUnixSocket(_ path: String, timeoutMillis: Int) throws(POSIXFailure) -> Int32 {
        let bytes = Array(path.utf8)
        guard bytes.count <= maxSocketPathBytes else { throw POSIXFailure(call: "connect", code: ENAMETOOLONG) }
        #if canImport(Darwin)
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { throw POSIXFailure(call: "socket", code: errno) }
        do throws(POSIXFailure) {
            try setTimeout(fd, option: SO_RCVTIMEO, millis: timeoutMillis)
            try setTimeout(fd, option: SO_SNDTIMEO, millis: timeoutMillis)
            #if canImport(Darwin)
            var one: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: bytes)
                raw[bytes.count] = 0
            }
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard result == 0 else { throw POSIXFailure(call: "connect", code: errno) }
        } catch {
            _ = close(fd)
            throw error
        }
        return fd
    }

    private static func setTimeout(_ fd: Int32, option: Int32, millis: Int) throws(POSIXFailure) {
        var value = timeval()
        value.tv_sec = .init(millis / 1000)
        value.tv_usec = .init((millis % 1000) * 1000)
        guard setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            throw POSIXFailure(call: "setsockopt", code: errno)
        }
    }

    /// Writes all of `bytes`, retrying short writes and interrupts.
    static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(POSIXFailure) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Darwin)
            let n = send(fd, base + offset, bytes.count - offset, 0)
            #else
            let n = send(fd, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXFailure(call: "send", code: errno)
            }
            offset += n
        }
    }

    /// Reads at most `into.count` bytes; 0 means the peer closed its side.
    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(POSIXFailure) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        while true {
            let n = recv(fd, base, buffer.count, 0)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw POSIXFailure(call: "recv", code: errno)
        }
    }

    /// Half-closes: the peer reads end-of-input, and this side can still read.
    static func shutdownWrite(_ fd: Int32) throws(POSIXFailure) {
        #if canImport(Darwin)
        let how = SHUT_WR
        #else
        let how = Int32(SHUT_WR)
        #endif
        guard shutdown(fd, how) == 0 else { throw POSIXFailure(call: "shutdown", code: errno) }
    }

    /// Shuts both directions down: a `recv` blocked in another thread returns 0.
    static func shutdownBoth(_ fd: Int32) {
        #if canImport(Darwin)
        _ = shutdown(fd, SHUT_RDWR)
        #else
        _ = shutdown(fd, Int32(SHUT_RDWR))
        #endif
    }

    static func closeSocket(_ fd: Int32) {
        _ = close(fd)
    }
}

extension POSIX {
    /// The process's open-file limit now (soft, hard), if it can be read.
    static func openFileLimit() -> (soft: UInt64, hard: UInt64)? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }

    /// Raises the soft open-file limit to the hard one, as Go's runtime and systemd's
    /// services do: descriptors cost nothing until used, and the soft default of 1,024
    /// is what makes a server with many clients fail. Returns the soft limit in force.
    @discardableResult
    static func raiseOpenFileLimit() -> UInt64? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return UInt64(raised.rlim_cur) }
        }
        return UInt64(limit.rlim_cur)
    }

    /// What to say when `accept` fails: the limit, and how to raise it.
    static var openFileLimitHint: String {
        guard let (soft, hard) = openFileLimit() else { return "see ulimit -n" }
        return "open-file limit \(soft) (hard \(hard)); raise it with ulimit -n or LimitNOFILE=, or lower --max-connections"
    }
}

/// The process's open-file limit, for sizing connection caps at start-up.
///
/// ```swift
/// let soft = OpenFileLimit.raise()   // e.g. 1_048_576 under systemd, 1_024 under `ulimit -n 1024`
/// ```
public enum OpenFileLimit {
    /// Raises the soft limit to the hard one; returns the soft limit now in force.
    @discardableResult
    public static func raise() -> UInt64? { POSIX.raiseOpenFileLimit() }

    /// The soft limit in force.
    public static var current: UInt64? { POSIX.openFileLimit()?.soft }
}
