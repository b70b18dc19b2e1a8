#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import FlowIngest
import Testing

/// Taking the socket path: never clobber anything but a stale socket (EVENTS.md, "Transport").
@Suite struct SocketPreparationTests {
    @Test func refusesARegularFileAndLeavesIt() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("s.sock")
        try FileFixtures.writeFile("precious", to: path)
        #expect(throws: SocketPathError.occupied(path: path, kind: "a regular file")) {
            try SocketPath.prepareForListening(at: path)
        }
        #expect(FileFixtures.isRegularFile(path))
        let message = "\(SocketPathError.occupied(path: path, kind: "a regular file"))"
        #expect(message.hasPrefix("socket path \(path) is a regular file; refusing to replace it"))
    }

    @Test func refusesADirectory() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("s.sock")
        try FileFixtures.makeDirectory(path)
        #expect(throws: SocketPathError.occupied(path: path, kind: "a directory")) {
            try SocketPath.prepareForListening(at: path)
        }
        #expect(FileFixtures.exists(path))
    }

    @Test func refusesASymlinkEvenToAStaleSocket() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let target = dir.file("real.sock")
        try FileFixtures.makeStaleSocket(target)
        let path = dir.file("s.sock")
        try FileFixtures.makeSymlink(path, to: target)
        #expect(throws: SocketPathError.occupied(path: path, kind: "a symbolic link")) {
            try SocketPath.prepareForListening(at: path)
        }
        #expect(FileFixtures.exists(path))
        #expect(FileFixtures.isSocket(target))
    }

    @Test func removesAStaleSocket() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("s.sock")
        try FileFixtures.makeStaleSocket(path)
        try SocketPath.prepareForListening(at: path)
        #expect(!FileFixtures.exists(path))
    }

    /// A live socket of some other program: refused, left alone, and not called a flowtop
    /// (nothing tells us which program it is).
    @Test func refusesASocketAnotherProgramListensOnWithoutCallingItFlowtop() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("s.sock")
        let fd = try FileFixtures.listenAsAnotherProgram(path)
        defer { close(fd) }
        let error = #expect(throws: SocketPathError.self) { try SocketPath.prepareForListening(at: path) }
        #expect(error == .addressInUse(path: path))
        let message = error.map { "\($0)" } ?? ""
        #expect(message == "address in use: another process is listening on \(path); stop it or choose another path with --socket")
        #expect(!message.contains("flowtop"))
        #expect(FileFixtures.isSocket(path))
    }

    @Test func createsAMissingParentWithMode0700() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("flowtop/events.sock")
        try SocketPath.prepareForListening(at: path)
        #expect(FileFixtures.permissions(dir.file("flowtop")) == 0o700)
    }

    @Test func leavesAnExistingParentsModeAlone() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let parent = dir.file("shared")
        try FileFixtures.makeDirectory(parent, mode: 0o750)
        try SocketPath.prepareForListening(at: parent + "/s.sock")
        #expect(FileFixtures.permissions(parent) == 0o750)
    }

    @Test func refusesAMissingGrandparent() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        #expect(throws: SocketPathError.self) {
            try SocketPath.prepareForListening(at: dir.file("a/b/s.sock"))
        }
        #expect(!FileFixtures.exists(dir.file("a")))
    }

    @Test func refusesAParentThatIsASymlink() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try FileFixtures.makeDirectory(dir.file("real"))
        try FileFixtures.makeSymlink(dir.file("link"), to: dir.file("real"))
        #expect(throws: SocketPathError.unusableParent(directory: dir.file("link"), reason: "it is a symbolic link; give the real directory")) {
            try SocketPath.prepareForListening(at: dir.file("link/s.sock"))
        }
    }

    @Test func refusesAParentOwnedByAnotherUser() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let parent = dir.file("theirs")
        try FileFixtures.makeDirectory(parent)
        // As root, hand the directory to someone else; otherwise act as a stranger to it.
        let owner: UInt32 = 4_000_000
        let givenAway = FileFixtures.changeOwner(parent, to: owner)
        let uid = givenAway ? POSIX.currentUID : owner
        #expect(throws: SocketPathError.self) {
            try SocketPath.prepareForListening(at: parent + "/s.sock", uid: uid)
        }
        #expect(!FileFixtures.exists(parent + "/s.sock"))
    }

    @Test func refusesAPathTooLongForAUnixSocket() {
        let path = "/tmp/" + String(repeating: "x", count: 120) + ".sock"
        #expect(throws: SocketPathError.pathTooLong(path: path, bytes: path.utf8.count, limit: POSIX.maxSocketPathBytes)) {
            try SocketPath.prepareForListening(at: path)
        }
    }
}
