#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the store cannot do what was asked, in words a person can act on: every message
/// names the file and says what to do, because these reach the terminal at start-up
/// and the `durable:false` reason of a `sync_ack`.
///
/// ```swift
/// do { _ = try Journal.open(directory: dir) }
/// catch { print(error) }   // "/var/lib/flowtop/journal/00000000000000000000.wal was written
///                          //  by a newer flowtop (journal format 2; this build reads 1)..."
/// ```
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed on `path`: `operation` is what we tried ("write", "fdatasync").
    case io(path: String, operation: String, errno: Int32)
    /// A `.wal` file that does not start with the journal's magic bytes.
    case notAJournal(path: String)
    /// A segment written by a newer build, in a format this one cannot read.
    case newerFormat(path: String, version: UInt32, supported: UInt32)
    /// A segment whose header says it starts elsewhere than its name does (renamed by hand?).
    case misnamedSegment(path: String, headerStart: UInt64)
    /// Replay cannot start at `position`: no segment holds it (deleted, or never written).
    case positionNotInJournal(directory: String, position: UInt64, first: UInt64, end: UInt64)
    /// Entries the journal had to drop (it could not write and its buffer was full): they
    /// are not on disk, and nothing after them counts as durable until a checkpoint covers them.
    case entriesDropped(from: UInt64, to: UInt64, cause: String)
    /// The journal was closed before the position became durable.
    case closed(directory: String)
    /// Asked about a position the journal never handed out.
    case notAppended(position: UInt64, end: UInt64)
    /// No checkpoint was written: the journal could not be made durable up to it first.
    case journalNotDurable(directory: String, reason: String)

    public var description: String {
        switch self {
        case .io(let path, let operation, let code):
            return "\(operation) \(path) failed: \(Self.errnoText(code)); "
                + (code == ENOSPC ? "free space on that disk" : "check the disk and its permissions")
        case .notAJournal(let path):
            return "\(path) is not a flowtop journal segment (it does not start with FLOWTOPJ); "
                + "move it out of the data directory"
        case .newerFormat(let path, let version, let supported):
            return "\(path) was written by a newer flowtop (journal format \(version); this build reads "
                + "\(supported)); run that newer version, or move the data directory aside to start empty"
        case .misnamedSegment(let path, let headerStart):
            return "\(path) says it starts at journal position \(headerStart), not where its name says; "
                + "was it renamed or copied from another journal? Restore its name or move it aside"
        case .positionNotInJournal(let directory, let position, let first, let end):
            return "the journal in \(directory) holds positions \(first)..\(end), not \(position) "
                + "where the checkpoint ends; segments are missing: restore them or move the data directory aside"
        case .entriesDropped(let from, let to, let cause):
            return "the journal dropped entries \(from)..\(to) because it could not write (\(cause)); "
                + "changes are durable again after the next checkpoint"
        case .closed(let directory):
            return "the journal in \(directory) was closed before this change was on disk"
        case .notAppended(let position, let end):
            return "journal position \(position) was never handed out (the journal ends at \(end))"
        case .journalNotDurable(let directory, let reason):
            return "no checkpoint written in \(directory): the journal could not be made durable first (\(reason))"
        }
    }

    /// "No space left on device (ENOSPC)".
    static func errnoText(_ code: Int32) -> String {
        let text = strerror(code).map { String(cString: $0) } ?? "error"
        let names: [Int32: String] = [
            ENOSPC: "ENOSPC", EIO: "EIO", EACCES: "EACCES", EROFS: "EROFS", ENOENT: "ENOENT",
            EDQUOT: "EDQUOT", EBADF: "EBADF", EEXIST: "EEXIST",
        ]
        return names[code].map { "\(text) (\($0))" } ?? "\(text) (errno \(code))"
    }
}
