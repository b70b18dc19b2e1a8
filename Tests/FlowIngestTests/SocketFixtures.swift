#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlowCore
@testable import FlowIngest
import FlowTestKit
import Testing

/// A fresh directory with a short path (`/tmp/ft-XXXXXX`, mode 0700, ours) for one test's
/// sockets: Unix socket paths must stay under 108 bytes, so no deep temp directories.
/// Removes itself and everything in it at `remove()`.
struct ScratchDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/ft-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        try #require(made, "mkdtemp failed: errno \(errno)")
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    func remove() {
        removeTree(path)
    }

    private func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if st.st_mode & S_IFMT == S_IFDIR, let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name != "." && name != ".." { removeTree(path + "/" + name) }
            }
            closedir(dir)
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

/// Small file-system facts and setups for the tests, straight from libc.
enum FileFixtures {
    static func writeFile(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        _ = text.utf8CString.withUnsafeBytes { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws {
        try #require(mkdir(path, mode) == 0)
    }

    static func makeSymlink(_ path: String, to target: String) throws {
        try #require(symlink(target, path) == 0)
    }

    /// True if the owner changed (only root may give files away).
    static func changeOwner(_ path: String, to uid: UInt32) -> Bool {
        chown(path, uid_t(uid), gid_t(uid)) == 0
    }

    /// Permission bits of the file itself (symlinks not followed); nil if nothing is there.
    static func permissions(_ path: String) -> UInt16? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return UInt16(st.st_mode & 0o7777)
    }

    static func exists(_ path: String) -> Bool { permissions(path) != nil }

    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    static func isSocket(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFSOCK
    }

    /// Leaves a socket file at `path` that nobody listens on, as a crashed flowtop would.
    static func makeStaleSocket(_ path: String) throws {
        close(try bindSocket(path))
    }

    /// A socket at `path` that some other program listens on (not flowtop: it never
    /// answers); the caller closes the descriptor it returns.
    static func listenAsAnotherProgram(_ path: String) throws -> Int32 {
        let fd = try bindSocket(path)
        guard listen(fd, 4) == 0 else {
            close(fd)
            throw SocketFixtureError.listenFailed
        }
        return fd
    }

    enum SocketFixtureError: Error { case listenFailed }

    private static func bindSocket(_ path: String) throws -> Int32 {
        #if canImport(Darwin)
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        try #require(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result != 0 { close(fd) }
        try #require(result == 0)
        return fd
    }
}
