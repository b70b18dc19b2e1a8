#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a small file so that after a crash it is either the old one or the new one,
/// whole: the bytes go to `path.tmp`, which is fsync'd, renamed over `path`, and the
/// folder fsync'd. For checkpoints, the notifier log and the dashboard's `ui.json`; the
/// journal appends instead.
///
/// `temporary` (default `path.tmp`): give a name of this process's own when another
/// process may replace the same file at the same moment (two dashboards quitting).
///
/// ```swift
/// try DurableFile.replace(path, in: directory, with: [header, body])
/// ```
public enum DurableFile {
    public static func replace(_ path: String, in directory: String, with parts: [[UInt8]],
                               temporary: String? = nil) throws(StoreError) {
        let temporary = temporary ?? path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .io(path: temporary, operation: "create", errno: errno) }
        var failure: StoreError?
        for part in parts where failure == nil {
            let ok = part.withUnsafeBytes { raw -> Bool in
                var offset = 0
                while offset < raw.count {
                    let n = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { return false }
                    offset += n
                }
                return true
            }
            if !ok { failure = .io(path: temporary, operation: "write", errno: errno) }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = .io(path: temporary, operation: "fsync", errno: errno) }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .io(path: path, operation: "rename", errno: code)
        }
        DataDirectory.syncDirectory(directory)
    }
}
