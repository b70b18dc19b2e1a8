import Foundation
import Testing

/// The shipped themes travel inside the binary: a copy run far from the repository, with
/// no theme directory anywhere, still knows `--theme light`.
@Suite("themes outside the checkout")
struct ThemeOutsideCheckoutTests {
    @Test func aCopiedBinaryRunFromATemporaryDirectoryUsesTheLightTheme() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Copied by cp in the shell, not from this process: a child forked meanwhile by a
        // test beside this one could inherit the copy's open descriptor ("Text file busy").
        // No ./themes, no themes/ beside the binary, no user themes: only what it carries.
        let script = "cp \(shellQuote(try flowtopBinary())) \(shellQuote(dir + "/flowtop")) && cd \(shellQuote(dir)) && "
            + "env XDG_CONFIG_HOME=\(shellQuote(dir + "/config")) HOME=\(shellQuote(dir)) "
            + "./flowtop status --format tmux --theme light --socket \(shellQuote(dir + "/none.sock"))"
        let (status, output) = try run("/bin/sh", ["-c", script], timeout: 30)
        #expect(status == 0, "\(output)")
        // light.theme's crit, not the default theme's #ff5f5f.
        #expect(output.contains("#[fg=#d70000]flowtop engine down"), "\(output)")
    }

    @Test func anUnknownThemeStillListsTheShippedOnes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = "cd \(shellQuote(dir)) && env XDG_CONFIG_HOME=\(shellQuote(dir + "/config")) "
            + "\(shellQuote(try flowtopBinary())) status --theme nope --socket \(shellQuote(dir + "/none.sock"))"
        let (status, output) = try run("/bin/sh", ["-c", script], timeout: 30)
        #expect(status == 1, "\(output)")
        #expect(output.contains("default, light, mono"), "\(output)")
    }
}
