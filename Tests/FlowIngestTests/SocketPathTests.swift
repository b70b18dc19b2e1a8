import FlowIngest
import Testing

/// Default socket path (EVENTS.md, "Transport") and the `--socket-mode` value.
@Suite struct SocketPathTests {
    @Test func runtimeDirectoryWins() {
        let path = SocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"], uid: 1000)
        #expect(path == "/run/user/1000/flowtop/events.sock")
    }

    @Test func trailingSlashOfRuntimeDirectoryIsNotDoubled() {
        let path = SocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": "/run/user/7/"], uid: 7)
        #expect(path == "/run/user/7/flowtop/events.sock")
    }

    @Test(arguments: [[:], ["XDG_RUNTIME_DIR": ""], ["XDG_RUNTIME_DIR": "relative/dir"]])
    func withoutAUsableRuntimeDirectoryItIsPerUserInTmp(environment: [String: String]) {
        #expect(SocketPath.defaultPath(environment: environment, uid: 501) == "/tmp/flowtop-501/events.sock")
    }

    @Test(arguments: [
        ("/a/b/s.sock", "/a/b"), ("/s.sock", "/"), ("s.sock", "."), ("dir/s.sock", "dir"), ("/a/b/", "/a"),
    ])
    func parentDirectory(path: String, parent: String) {
        #expect(SocketPath.parentDirectory(of: path) == parent)
    }

    @Test func socketModeParsesOctal() {
        #expect(SocketFileMode(octal: "0660")?.bits == 0o660)
        #expect(SocketFileMode(octal: "600")?.bits == 0o600)
        #expect(SocketFileMode(octal: "0o666")?.bits == 0o666)
        #expect(SocketFileMode(octal: "0660")?.description == "0660")
        #expect(SocketFileMode.ownerOnly.description == "0600")
    }

    @Test(arguments: ["", "rw", "0800", "1777", "12345", "-1", "0x1ff"])
    func socketModeRejectsWhatIsNotPlainPermissionBits(text: String) {
        #expect(SocketFileMode(octal: text) == nil)
    }
}
