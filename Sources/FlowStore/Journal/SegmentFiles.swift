#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C calls whose names `POSIXFileSystem`'s methods shadow.
private func systemClose(_ fd: Int32) { _ = close(fd) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ n: Int) -> Int { read(fd, buffer, n) }

/// An open segment file: its descriptor and its path, for error messages.
struct SegmentHandle: Sendable {
    var fd: Int32
    var path: String
}

/// Every system call the journal makes, behind one protocol: the one seam through which a
/// test makes a write fail (ENOSPC, EIO) without a full disk, and the one file that
/// knows POSIX.
protocol SegmentFileSystem: Sendable {
    /// The names in `directory` (not paths), in no order.
    func list(_ directory: String) throws(StoreError) -> [String]
    /// The first `limit` bytes of `path` (all of them if it is shorter).
    func read(_ path: String, limit: Int) throws(StoreError) -> [UInt8]
    func size(_ path: String) throws(StoreError) -> Int
    /// Makes `path` hold `header` and nothing else, atomically: written to `path.tmp`,
    /// fsync'd, renamed, the directory fsync'd. So a segment never exists half-headed.
    func create(_ path: String, directory: String, header: [UInt8]) throws(StoreError) -> SegmentHandle
    func openForAppend(_ path: String) throws(StoreError) -> SegmentHandle
    func write(_ handle: SegmentHandle, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(StoreError)
    /// fdatasync: the data and the file's size, not its times.
    func sync(_ handle: SegmentHandle) throws(StoreError)
    func truncate(_ handle: SegmentHandle, to size: Int) throws(StoreError)
    func close(_ handle: SegmentHandle)
    func remove(_ path: String) throws(StoreError)
    /// Makes creations, renames and removals in `directory` durable.
    func syncDirectory(_ directory: String) throws(StoreError)
}

/// The real thing.
struct POSIXFileSystem: SegmentFileSystem {
    func list(_ directory: String) throws(StoreError) -> [String] {
        guard let dir = opendir(directory) else { throw .io(path: directory, operation: "list", errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    func read(_ path: String, limit: Int) throws(StoreError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
        defer { systemClose(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
        var bytes = [UInt8](repeating: 0, count: min(Int(st.st_size), limit))
        var done = 0
        let failure: Int32? = bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            while done < buffer.count {
                let n = systemRead(fd, base + done, buffer.count - done)
                if n < 0 { if errno == EINTR { continue } else { return errno } }
                if n == 0 { break }
                done += n
            }
            return nil
        }
        if let failure { throw .io(path: path, operation: "read", errno: failure) }
        return Array(bytes.prefix(done))
    }

    func size(_ path: String) throws(StoreError) -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
        return Int(st.st_size)
    }

    func create(_ path: String, directory: String, header: [UInt8]) throws(StoreError) -> SegmentHandle {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: temporary, operation: "create", errno: errno) }
        let handle = SegmentHandle(fd: fd, path: temporary)
        do throws(StoreError) {
            try header.withUnsafeBytes { bytes in
                Result { () throws(StoreError) in try write(handle, bytes, at: 0) }
            }.get()
            try sync(handle)
            guard rename(temporary, path) == 0 else { throw StoreError.io(path: path, operation: "rename", errno: errno) }
            try syncDirectory(directory)
        } catch {
            close(handle)
            _ = unlink(temporary)
            throw error
        }
        return SegmentHandle(fd: fd, path: path)
    }

    func openForAppend(_ path: String) throws(StoreError) -> SegmentHandle {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
        return SegmentHandle(fd: fd, path: path)
    }

    func write(_ handle: SegmentHandle, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(StoreError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = pwrite(handle.fd, base + done, bytes.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: handle.path, operation: "write", errno: errno)
            }
            done += n
        }
    }

    func sync(_ handle: SegmentHandle) throws(StoreError) {
        #if canImport(Darwin)
        let result = fsync(handle.fd)
        #else
        let result = fdatasync(handle.fd)
        #endif
        guard result == 0 else { throw .io(path: handle.path, operation: "fdatasync", errno: errno) }
    }

    func truncate(_ handle: SegmentHandle, to size: Int) throws(StoreError) {
        guard ftruncate(handle.fd, off_t(size)) == 0 else {
            throw .io(path: handle.path, operation: "truncate", errno: errno)
        }
    }

    func close(_ handle: SegmentHandle) { systemClose(handle.fd) }

    func remove(_ path: String) throws(StoreError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .io(path: path, operation: "remove", errno: errno) }
    }

    func syncDirectory(_ directory: String) throws(StoreError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: directory, operation: "open", errno: errno) }
        defer { systemClose(fd) }
        guard fsync(fd) == 0 else { throw .io(path: directory, operation: "fsync", errno: errno) }
    }
}
