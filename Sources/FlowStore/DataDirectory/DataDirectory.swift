#if canImport(Glibc)
import Glibc
#endif

/// The folder that holds everything flowtop keeps (docs/storage.md): its journal, its
/// checkpoints, a `FORMAT` marker and a `LOCK` that one process holds while it runs.
///
/// Opening one:
/// - missing: created 0700 (the default's parents too, as the XDG base directory spec
///   asks; for an explicit `--data-dir`, only the last component, so a typo does not grow a
///   tree);
/// - a regular file, or another user's directory: refused;
/// - an empty directory becomes a data directory (a `FORMAT` file is written);
/// - files but no `FORMAT`: refused as foreign, never written into nor wiped;
/// - a `FORMAT` from a newer flowtop: refused;
/// - locked by another process (an advisory `flock`, which the kernel drops when that
///   process dies, even by kill -9): refused, naming its pid.
///
/// The lock is held until `close()` or the process ends.
///
/// ```swift
/// let directory = try DataDirectory.open(DataDirectory.defaultPath())
/// print(directory.path, directory.journalPath)
/// ```
public final class DataDirectory: Sendable {
    public let path: String
    private let lockDescriptor: Int32

    /// The format marker's first line; the format number follows it.
    static let formatMagic = "flowtop data directory, format "
    public static let formatFileName = "FORMAT"
    public static let lockFileName = "LOCK"

    public var journalPath: String { path + "/journal" }
    public var checkpointPath: String { path + "/checkpoints" }

    private init(path: String, lockDescriptor: Int32) {
        self.path = path
        self.lockDescriptor = lockDescriptor
    }

    deinit { Glibc.close(lockDescriptor) }

    /// `$XDG_STATE_HOME/flowtop` when it is an absolute path, else `~/.local/state/flowtop`.
    public static func defaultPath(environment: [String: String]) throws(DataDirectoryError) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return trimmed(state) + "/flowtop" }
        guard let home = environment["HOME"], home.hasPrefix("/") else { throw .noDefault }
        return trimmed(home) + "/.local/state/flowtop"
    }

    /// The default for this process's environment.
    public static func defaultPath() throws(DataDirectoryError) -> String {
        var environment: [String: String] = [:]
        for name in ["XDG_STATE_HOME", "HOME"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return try defaultPath(environment: environment)
    }

    /// Opens (creating if needed) and locks the data directory at `path`. `createParents`:
    /// create missing parents too (0700), as for the default path.
    public static func open(_ path: String, createParents: Bool = false) throws(DataDirectoryError) -> DataDirectory {
        let path = trimmed(path)
        try ensureDirectory(path, createParents: createParents)
        let descriptor = try lock(path)
        do {
            try checkFormat(path)
            for sub in ["journal", "checkpoints"] { try ensureDirectory(path + "/" + sub, createParents: false) }
        } catch {
            Glibc.close(descriptor)
            throw error
        }
        return DataDirectory(path: path, lockDescriptor: descriptor)
    }

    /// Gives the lock up (the directory can be opened again, by this or another process).
    public func close() {
        flock(lockDescriptor, LOCK_UN)
    }

    // MARK: - Steps

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    private static func ensureDirectory(_ path: String, createParents: Bool) throws(DataDirectoryError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path: path) }
            let uid = getuid()
            guard info.st_uid == uid else { throw .ownedByAnotherUser(path: path, owner: info.st_uid, uid: uid) }
            return
        }
        guard errno == ENOENT else { throw .system(operation: "read", path: path, message: errorText()) }
        let parent = parentOf(path)
        var parentInfo = stat()
        if stat(parent, &parentInfo) != 0 {
            guard createParents, parent != path else {
                throw .cannotCreate(path: path, reason: "its parent \(parent) does not exist")
            }
            try ensureDirectory(parent, createParents: true)
        }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw .cannotCreate(path: path, reason: errorText())
        }
        // mkdir applies the umask; a directory we create gets exactly 0700.
        chmod(path, 0o700)
    }

    private static func parentOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Takes the directory's lock without waiting, and writes this process's pid into the
    /// lock file for the message another process gets.
    private static func lock(_ path: String) throws(DataDirectoryError) -> Int32 {
        let lockPath = path + "/" + lockFileName
        let descriptor = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .system(operation: "open", path: lockPath, message: errorText()) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let message = errorText()
            let holder = readPID(descriptor)
            Glibc.close(descriptor)
            if busy { throw .locked(path: path, holder: holder) }
            throw .system(operation: "lock", path: lockPath, message: message)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return descriptor
    }

    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingSpaces)
    }

    /// The format number in `path`'s `FORMAT`; refuses a foreign or newer directory.
    static func readFormat(_ path: String) throws(DataDirectoryError) -> Int {
        guard let text = readSmallFile(path + "/" + formatFileName) else {
            throw .foreign(path: path, example: entries(of: path).sorted().first ?? "(empty: no FORMAT)")
        }
        guard text.hasPrefix(formatMagic), let version = Int(text.dropFirst(formatMagic.count).trimmingSpaces) else {
            throw .foreign(path: path, example: formatFileName)
        }
        guard version <= FlowStore.formatVersion else {
            throw .newerFormat(path: path, found: version, supported: FlowStore.formatVersion)
        }
        return version
    }

    /// The pid of the process holding `path`'s lock, or nil when none does (tried without
    /// waiting, and given back at once).
    static func lockHolder(_ path: String) -> Int32? {
        let descriptor = Glibc.open(path + "/" + lockFileName, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { Glibc.close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return nil
        }
        return readPID(descriptor) ?? -1
    }

    /// Files of flowtop's own that may sit in a directory before it holds any state.
    static let companionFiles: Set<String> = ["ui.json"]

    /// A `FORMAT` file this flowtop reads, or an empty directory that becomes one.
    private static func checkFormat(_ path: String) throws(DataDirectoryError) {
        let formatPath = path + "/" + formatFileName
        if let text = readSmallFile(formatPath) {
            guard text.hasPrefix(formatMagic), let version = Int(text.dropFirst(formatMagic.count).trimmingSpaces) else {
                throw .foreign(path: path, example: formatFileName)
            }
            guard version <= FlowStore.formatVersion else {
                throw .newerFormat(path: path, found: version, supported: FlowStore.formatVersion)
            }
            return
        }
        // The dashboard keeps its ui.json in the same default folder ($XDG_STATE_HOME/flowtop):
        // a dashboard may have quit there before any engine kept state.
        let others = entries(of: path).filter { $0 != lockFileName && !companionFiles.contains($0) }
        if let example = others.sorted().first { throw .foreign(path: path, example: example) }
        try writeDurably(formatPath, contents: formatMagic + "\(FlowStore.formatVersion)\n")
    }

    private static func readSmallFile(_ path: String) -> String? {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { Glibc.close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    static func entries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Writes `contents` to `path` through a temporary file, fsync and rename, then fsyncs
    /// the folder: after a crash the file is either absent or whole.
    static func writeDurably(_ path: String, contents: String) throws(DataDirectoryError) {
        let temporary = path + ".tmp"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .system(operation: "create", path: temporary, message: errorText()) }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        Glibc.close(descriptor)
        guard written == bytes.count, synced else {
            unlink(temporary)
            throw .system(operation: "write", path: temporary, message: errorText())
        }
        guard rename(temporary, path) == 0 else { throw .system(operation: "rename", path: temporary, message: errorText()) }
        syncDirectory(parentOf(path))
    }

    /// fsync of a folder, so a file created, renamed or removed in it stays so after a crash.
    static func syncDirectory(_ path: String) {
        let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        Glibc.close(descriptor)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(self.drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed())
    }
}
