#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why `SmallFile.read` refused a file. None of the cases carries any of the file's
/// content: a message about a config file names the file and what is wrong with it, and
/// never echoes what is inside (the path could be `/etc/shadow` or a private key).
///
/// `description` is a phrase that follows the file's name:
///
/// ```swift
/// "theme file \(path) \(error)"   // theme file big.theme is larger than 1 MiB; is it the right file?
/// ```
public enum SmallFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound
    case permissionDenied
    /// A directory, FIFO, device or socket: `kind` names it ("a directory").
    case notRegularFile(kind: String)
    case tooLarge(limit: Int)
    /// Not UTF-8: a binary file.
    case notText
    /// Another failure of the operating system, as `strerror` words it.
    case system(String)

    init(openErrno code: Int32) {
        switch code {
        case ENOENT, ENOTDIR: self = .notFound
        case EACCES, EPERM: self = .permissionDenied
        default: self = .system(String(cString: strerror(code)))
        }
    }

    public var description: String {
        switch self {
        case .notFound: "does not exist"
        case .permissionDenied: "cannot be read (permission denied; check its permissions)"
        case .notRegularFile(let kind): "is \(kind), not a regular file"
        case .tooLarge(let limit): "is larger than \(Self.size(limit)); is it the right file?"
        case .notText: "is not UTF-8 text"
        case .system(let message): "cannot be read: \(message)"
        }
    }

    /// `1048576` -> `1 MiB`, `65536` -> `64 KiB`: the limits are whole binary units.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
