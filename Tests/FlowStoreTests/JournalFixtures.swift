import FlowCore
import FlowTestKit
import Foundation
import Synchronization
@testable import FlowStore

/// A fresh directory under /tmp for one test, removed when `body` returns.
func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
    var template = Array("/tmp/flowtop-journal-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
    let path = String(cString: made)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

func withTemporaryDirectory<R>(_ body: (String) async throws -> R) async throws -> R {
    var template = Array("/tmp/flowtop-journal-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
    let path = String(cString: made)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// The segment files in `directory`, sorted.
func segmentPaths(_ directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory)
        .filter { $0.hasSuffix(".wal") }.sorted().map { directory + "/" + $0 }
}

/// Every entry from `position` on, and the replay's stats.
func replay(_ journal: Journal, from position: JournalPosition = .zero) throws -> ([JournalEntry], RecoveryStats) {
    var entries: [JournalEntry] = []
    let stats = try journal.entries(from: position) { entry, _ in entries.append(entry) }
    return (entries, stats)
}

/// Options for tests: small segments, a short interval, the given file system.
func testOptions(interval: Duration = .milliseconds(50), segmentSize: Int = 64 << 20,
                 fileSystem: any SegmentFileSystem = POSIXFileSystem()) -> JournalOptions {
    var options = JournalOptions()
    options.fsyncInterval = interval
    options.segmentSize = segmentSize
    options.fileSystem = fileSystem
    return options
}

/// The real file system, except that writes and syncs fail with `errno` while `failing`
/// is set: a full or broken disk, without one.
final class FaultyFileSystem: SegmentFileSystem {
    let real = POSIXFileSystem()
    let failing = Atomic<Bool>(false)
    let code: Int32

    init(errno code: Int32 = ENOSPC) { self.code = code }

    func list(_ directory: String) throws(StoreError) -> [String] { try real.list(directory) }
    func read(_ path: String, limit: Int) throws(StoreError) -> [UInt8] { try real.read(path, limit: limit) }
    func size(_ path: String) throws(StoreError) -> Int { try real.size(path) }
    func create(_ path: String, directory: String, header: [UInt8]) throws(StoreError) -> SegmentHandle {
        if failing.load(ordering: .relaxed) { throw .io(path: path, operation: "create", errno: code) }
        return try real.create(path, directory: directory, header: header)
    }
    func openForAppend(_ path: String) throws(StoreError) -> SegmentHandle { try real.openForAppend(path) }
    func write(_ handle: SegmentHandle, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(StoreError) {
        if failing.load(ordering: .relaxed) { throw .io(path: handle.path, operation: "write", errno: code) }
        try real.write(handle, bytes, at: offset)
    }
    func sync(_ handle: SegmentHandle) throws(StoreError) {
        if failing.load(ordering: .relaxed) { throw .io(path: handle.path, operation: "fdatasync", errno: code) }
        try real.sync(handle)
    }
    func truncate(_ handle: SegmentHandle, to size: Int) throws(StoreError) {
        if failing.load(ordering: .relaxed) { throw .io(path: handle.path, operation: "truncate", errno: code) }
        try real.truncate(handle, to: size)
    }
    func close(_ handle: SegmentHandle) { real.close(handle) }
    func remove(_ path: String) throws(StoreError) { try real.remove(path) }
    func syncDirectory(_ directory: String) throws(StoreError) { try real.syncDirectory(directory) }
}

/// Polls `condition` every few milliseconds, up to `timeout`.
func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.002)
    }
    return condition()
}
