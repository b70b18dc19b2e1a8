#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file the user named as configuration (a theme, an SLO, rules, silences or
/// notify file, a secret, a token) without trusting it to be one: a wrong path must give
/// a short error, not a hang, a gigabyte of memory, or the file's text on the screen.
///
/// - Only a regular file is read (a symlink to one is fine). A FIFO, a device such as
///   `/dev/zero`, a directory or a socket is refused from `fstat` of the open descriptor,
///   and the open itself does not wait for a FIFO's writer (`O_NONBLOCK`).
/// - At most `limit` bytes are read; a file whose size says more, or that grows past it
///   while being read, is refused without reading the rest.
/// - What `fstat` saw and what was read are the same file (one descriptor).
///
/// ```swift
/// let file = try SmallFile.read(atPath: "themes/solar.theme", limit: SmallFile.configLimit)
/// let text = try file.text()     // UTF-8, or SmallFileError.notText
/// file.permissions & 0o077       // 0 when only its owner may read it
/// ```
public struct SmallFile: Sendable, Equatable {
    /// Largest config file read: a few thousand lines of YAML or a theme are far below it;
    /// anything bigger is a wrong path.
    public static let configLimit = 1 << 20

    /// The file's bytes, at most the limit it was read with.
    public let bytes: [UInt8]
    /// Its permission bits (`0o777` and the set-id and sticky bits), from the descriptor read.
    public let permissions: Int

    public init(bytes: [UInt8], permissions: Int) {
        self.bytes = bytes
        self.permissions = permissions
    }

    /// Opens `path`, checks that it is a regular file of at most `limit` bytes, and reads it.
    public static func read(atPath path: String, limit: Int) throws(SmallFileError) -> SmallFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw SmallFileError(openErrno: errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .system(String(cString: strerror(errno))) }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else { throw .notRegularFile(kind: kindName(type)) }
        guard Int(status.st_size) <= limit else { throw .tooLarge(limit: limit) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { readChunk(fd, $0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            guard bytes.count + count <= limit else { throw .tooLarge(limit: limit) }
            bytes += buffer.prefix(count)
        }
        return SmallFile(bytes: bytes, permissions: Int(status.st_mode) & 0o7777)
    }

    /// The bytes as UTF-8 text; anything else (a binary file) is `notText`.
    public func text() throws(SmallFileError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notText }
        return text
    }

    /// What a file type is called in a message.
    private static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}

/// `read(2)`, out of `SmallFile`'s scope, where `read` names its own method.
private func readChunk(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(fd, buffer.baseAddress, buffer.count)
}
