import FlowStore
import FlowTestKit
import Foundation
import Testing

/// Opening a data directory: created 0700, refused when foreign, newer, another user's or
/// locked, each with a message naming the path; nothing in a refused directory changes.
@Suite struct DataDirectoryTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "flowtop-datadir-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    func openError(_ path: String, createParents: Bool = false) -> DataDirectoryError? {
        do {
            _ = try DataDirectory.open(path, createParents: createParents)
            return nil
        } catch {
            return error
        }
    }

    @Test func theDefaultFollowsXDGStateHomeThenHome() throws {
        #expect(try DataDirectory.defaultPath(environment: ["XDG_STATE_HOME": "/s/", "HOME": "/h"]) == "/s/flowtop")
        #expect(try DataDirectory.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
            == "/h/.local/state/flowtop")
        #expect(try DataDirectory.defaultPath(environment: ["HOME": "/home/ann"]) == "/home/ann/.local/state/flowtop")
        #expect(throws: DataDirectoryError.noDefault) { try DataDirectory.defaultPath(environment: [:]) }
    }

    @Test func aMissingDirectoryIsCreated0700WithItsMarkerAndFolders() throws {
        defer { cleanUp() }
        let path = root + "/state/flowtop"
        #expect(openError(path) == .cannotCreate(path: path, reason: "its parent \(root)/state does not exist"))
        let directory = try DataDirectory.open(path, createParents: true)
        #expect(try mode(path) == 0o700 && mode(root + "/state") == 0o700)
        let format = try String(contentsOfFile: path + "/FORMAT", encoding: .utf8)
        #expect(format == "flowtop data directory, format \(FlowStore.formatVersion)\n")
        #expect(FileManager.default.fileExists(atPath: directory.journalPath))
        #expect(FileManager.default.fileExists(atPath: directory.checkpointPath))
        directory.close()
        // Opened again (a restart): the same directory, accepted as it is.
        _ = try DataDirectory.open(path)
    }

    @Test func aDirectoryWithOtherFilesIsForeignAndLeftAlone() throws {
        defer { cleanUp() }
        try "mine".write(toFile: root + "/notes.txt", atomically: false, encoding: .utf8)
        #expect(openError(root) == .foreign(path: root, example: "notes.txt"))
        #expect(openError(root)?.description.contains("flowtop leaves it alone") == true)
        let names = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0 != "LOCK" }
        #expect(names == ["notes.txt"])
        try "something else\n".write(toFile: root + "/FORMAT", atomically: false, encoding: .utf8)
        #expect(openError(root) == .foreign(path: root, example: "FORMAT"))
    }

    @Test func aNewerFormatIsRefused() throws {
        defer { cleanUp() }
        try "flowtop data directory, format 99\n".write(toFile: root + "/FORMAT", atomically: false, encoding: .utf8)
        #expect(openError(root) == .newerFormat(path: root, found: 99, supported: FlowStore.formatVersion))
        #expect(openError(root)?.description.contains("written by a newer flowtop") == true)
    }

    @Test func aFileIsNotADirectory() throws {
        defer { cleanUp() }
        try "x".write(toFile: root + "/file", atomically: false, encoding: .utf8)
        #expect(openError(root + "/file") == .notADirectory(path: root + "/file"))
    }

    @Test func aSecondOpenerIsRefusedWithThePIDUntilTheFirstCloses() throws {
        defer { cleanUp() }
        let first = try DataDirectory.open(root)
        #expect(openError(root) == .locked(path: root, holder: ProcessInfo.processInfo.processIdentifier))
        first.close()
        _ = try DataDirectory.open(root)
    }

    /// The lock is the kernel's: a holder killed with SIGKILL leaves nothing to clean up.
    /// The holder is flock(1), run without forking so the killed process is the holder.
    @Test func aKilledHoldersLockIsGone() async throws {
        defer { cleanUp() }
        _ = try DataDirectory.open(root).close()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // It sleeps until killed: a CI run starved this test's task for over two minutes,
        // and a holder that had slept its 120 s out was gone before the test looked.
        holder.arguments = ["--exclusive", "--no-fork", root + "/LOCK", "sleep", "infinity"]
        let output = Pipe()
        holder.standardOutput = output
        holder.standardError = output
        try holder.run()
        var locked = false
        var deadline = PatientDeadline(timeout: .seconds(60))
        while !locked && !deadline.expired && holder.isRunning {
            if case .locked = openError(root) { locked = true } else { try await deadline.pause(.milliseconds(50)) }
        }
        let running = holder.isRunning
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let said = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        #expect(locked, "flock(1) never took the lock (running: \(running), status \(holder.terminationStatus), said: \(said))")
        _ = try DataDirectory.open(root)
    }
}
