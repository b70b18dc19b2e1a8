/// Where the event socket lives by default (EVENTS.md, "Transport"):
/// `$XDG_RUNTIME_DIR/flowtop/events.sock`, else `/tmp/flowtop-$UID/events.sock`.
///
/// A pure function of the environment and the user id, so tests and `--help` text can
/// show the path without touching the file system. `--socket PATH` replaces it.
///
/// ```swift
/// SocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"], uid: 1000)
/// // "/run/user/1000/flowtop/events.sock"
/// SocketPath.defaultPath(environment: [:], uid: 1000)
/// // "/tmp/flowtop-1000/events.sock"
/// ```
public enum SocketPath {
    public static let fileName = "events.sock"

    /// The default path for this environment. An empty or relative `XDG_RUNTIME_DIR` is
    /// ignored, as the XDG Base Directory specification asks.
    public static func defaultPath(environment: [String: String], uid: UInt32) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            let base = runtime.count > 1 && runtime.hasSuffix("/") ? String(runtime.dropLast()) : runtime
            return (base == "/" ? "" : base) + "/flowtop/" + fileName
        }
        return "/tmp/flowtop-\(uid)/" + fileName
    }

    /// The default path for this process (its `XDG_RUNTIME_DIR` and real user id).
    public static func defaultPath() -> String {
        var environment: [String: String] = [:]
        if let runtime = POSIX.environmentValue("XDG_RUNTIME_DIR") { environment["XDG_RUNTIME_DIR"] = runtime }
        return defaultPath(environment: environment, uid: POSIX.currentUID)
    }

    /// The directory that holds `path`: `"/a/b"` for `"/a/b/s.sock"`, `"."` for `"s.sock"`.
    public static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }
}

/// Permission bits for the socket file, `0600` unless widened on purpose
/// (`--socket-mode 0660` lets a group write events).
///
/// ```swift
/// let mode = SocketFileMode(octal: "0660")   // SocketFileMode(bits: 0o660)
/// ```
public struct SocketFileMode: Sendable, Equatable, CustomStringConvertible {
    public let bits: UInt16

    /// Only the owner may connect: the default of EVENTS.md.
    public static let ownerOnly = SocketFileMode(validBits: 0o600)

    /// Nil unless `bits` are plain permission bits (`0...0o777`).
    public init?(bits: UInt16) {
        guard bits <= 0o777 else { return nil }
        self.bits = bits
    }

    /// Parses an octal string as `chmod` takes it: `"0660"`, `"660"`, `"0o660"`.
    public init?(octal text: String) {
        var digits = Substring(text)
        if digits.hasPrefix("0o") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 4, let value = UInt16(digits, radix: 8) else { return nil }
        self.init(bits: value)
    }

    private init(validBits: UInt16) { bits = validBits }

    /// Four octal digits, as `ls` users expect: `0600`.
    public var description: String {
        let digits = String(bits, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
