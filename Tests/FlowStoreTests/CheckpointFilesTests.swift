import FlowCore
@testable import FlowStore
import Foundation
import Testing

/// Checkpoint files: written whole or not at all, the newest two kept, and one that does
/// not read (cut short, a flipped byte, another layout) set aside as `*.corrupt`, never
/// deleted, with the one before it loaded instead.
@Suite struct CheckpointFilesTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "flowtop-ckpt-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory).sorted() }

    @Test func theNewestTwoAreKeptAndTheNewestLoads() throws {
        defer { cleanUp() }
        let files = CheckpointFiles(directory: directory)
        for n in 1...3 { try files.write(Array(repeating: UInt8(n), count: 100), position: JournalPosition(UInt64(n * 1000))) }
        #expect(try names() == ["00000000000000002000.ckpt", "00000000000000003000.ckpt"])
        let loaded = try #require(files.loadNewest { body, _ in body })
        #expect(loaded.value == Array(repeating: 3, count: 100) && loaded.entry.position == JournalPosition(3000))
        #expect(loaded.setAside.isEmpty)
    }

    @Test func aDamagedNewestIsSetAsideAndTheOneBeforeLoads() throws {
        defer { cleanUp() }
        let files = CheckpointFiles(directory: directory)
        try files.write(Array(repeating: 1, count: 100), position: JournalPosition(1000))
        try files.write(Array(repeating: 2, count: 100), position: JournalPosition(2000))
        let newest = directory + "/00000000000000002000.ckpt"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: newest)))
        bytes[bytes.count - 10] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: newest))
        let loaded = try #require(files.loadNewest { body, _ in body })
        #expect(loaded.entry.position == JournalPosition(1000))
        #expect(loaded.setAside.count == 1 && loaded.setAside[0].contains("checksum does not match"), "\(loaded.setAside)")
        #expect(try names() == ["00000000000000001000.ckpt", "00000000000000002000.ckpt.corrupt"])
    }

    @Test func aCutShortOrUndecodableCheckpointIsSetAside() throws {
        defer { cleanUp() }
        let files = CheckpointFiles(directory: directory)
        try files.write(Array(repeating: 7, count: 100), position: JournalPosition(5))
        let path = directory + "/00000000000000000005.ckpt"
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count - 1).write(to: URL(fileURLWithPath: path))
        #expect(files.loadNewest { body, _ in body } == nil)
        #expect(try names() == ["00000000000000000005.ckpt.corrupt"])
        // A body that reads but does not decode is set aside the same way.
        try files.write([1, 2, 3], position: JournalPosition(9))
        struct Refused: Error {}
        #expect(files.loadNewest { _, _ -> Int in throw Refused() } == nil)
        #expect(try names().contains("00000000000000000009.ckpt.corrupt"))
    }

    @Test func anotherEngineLayoutIsSetAsideNotMisread() throws {
        defer { cleanUp() }
        let files = CheckpointFiles(directory: directory)
        try files.write([1, 2, 3], position: JournalPosition(1))
        let path = directory + "/00000000000000000001.ckpt"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[8] = UInt8(truncatingIfNeeded: FlowStore.engineLayoutVersion + 1)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let loaded = files.loadNewest { body, _ in body }
        #expect(loaded == nil)
        #expect(try names() == ["00000000000000000001.ckpt.corrupt"])
    }
}
