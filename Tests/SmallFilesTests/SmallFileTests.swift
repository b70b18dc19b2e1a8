import Foundation
import SmallFiles
import Testing

/// A file named as configuration is read only when it is a small regular file; anything
/// else is refused at once, by kind, without reading it and without quoting it.
@Suite("small files")
struct SmallFileTests {
    private static func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "smallfiles-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aSmallRegularFileIsReadWholeWithItsPermissions() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/a.theme"
        try "theme[main_fg]=\"#ffffff\"\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o640)
        let file = try SmallFile.read(atPath: path, limit: 1024)
        #expect(try file.text() == "theme[main_fg]=\"#ffffff\"\n")
        #expect(file.permissions == 0o640)
    }

    @Test func aFileOverTheLimitIsRefusedNamingTheLimit() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.yaml"
        try Data(repeating: 0x61, count: (1 << 20) + 1).write(to: URL(fileURLWithPath: path))
        #expect(throws: SmallFileError.tooLarge(limit: 1 << 20)) {
            try SmallFile.read(atPath: path, limit: SmallFile.configLimit)
        }
        #expect(SmallFileError.tooLarge(limit: 1 << 20).description == "is larger than 1 MiB; is it the right file?")
        #expect(SmallFileError.tooLarge(limit: 64 << 10).description == "is larger than 64 KiB; is it the right file?")
        // Exactly at the limit is fine.
        try Data(repeating: 0x61, count: 1 << 20).write(to: URL(fileURLWithPath: path))
        #expect(try SmallFile.read(atPath: path, limit: SmallFile.configLimit).bytes.count == 1 << 20)
    }

    @Test func anEndlessDeviceIsRefusedWithoutReadingIt() {
        #expect(throws: SmallFileError.notRegularFile(kind: "a character device")) {
            try SmallFile.read(atPath: "/dev/zero", limit: SmallFile.configLimit)
        }
    }

    @Test func aFIFOWithNoWriterIsRefusedWithoutWaiting() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/pipe"
        try #require(mkfifo(path, 0o600) == 0)
        // Without O_NONBLOCK the open alone would wait for a writer forever.
        #expect(throws: SmallFileError.notRegularFile(kind: "a named pipe (FIFO)")) {
            try SmallFile.read(atPath: path, limit: SmallFile.configLimit)
        }
    }

    @Test func aDirectoryIsRefused() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: SmallFileError.notRegularFile(kind: "a directory")) {
            try SmallFile.read(atPath: dir, limit: SmallFile.configLimit)
        }
        #expect(SmallFileError.notRegularFile(kind: "a directory").description == "is a directory, not a regular file")
    }

    @Test func aMissingFileAndABinaryFileSaySo() throws {
        #expect(throws: SmallFileError.notFound) {
            try SmallFile.read(atPath: "/nonexistent/flowtop/x.theme", limit: 10)
        }
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/bin"
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: URL(fileURLWithPath: path))
        #expect(throws: SmallFileError.notText) { try SmallFile.read(atPath: path, limit: 10).text() }
    }
}
