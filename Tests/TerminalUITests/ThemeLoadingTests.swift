import Foundation
import Testing
import TerminalUI

@Suite("Finding and choosing themes")
struct ThemeLoadingTests {
    /// A fresh directory holding the given `<name>.theme` files.
    private func themeDirectory(_ files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowtop-themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: directory + "/" + name + ".theme", atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func nameIsLookedUpInTheDirectoriesInOrder() throws {
        let first = try themeDirectory(["solar": "theme[ok]=\"#000001\""])
        let second = try themeDirectory(["solar": "theme[ok]=\"#000002\"", "dusk": "theme[ok]=\"#000003\""])
        #expect(try Theme.load(nameOrPath: "solar", searchDirectories: [first, second])
            .foreground(for: .ok) == RGB(0, 0, 1))
        let dusk = try Theme.load(nameOrPath: "dusk", searchDirectories: [first, second])
        #expect(dusk.name == "dusk")
        #expect(dusk.foreground(for: .ok) == RGB(0, 0, 3))
    }

    @Test func pathLoadsThatFile() throws {
        let directory = try themeDirectory(["mine": "theme[crit]=\"#ff0000\""])
        let theme = try Theme.load(nameOrPath: directory + "/mine.theme", searchDirectories: [])
        #expect(theme.name == "mine")
        #expect(theme.foreground(for: .crit) == RGB(255, 0, 0))
    }

    @Test func missingPathIsAnUnreadableFileError() {
        #expect(throws: ThemeError.unreadableFile(path: "/nonexistent/x.theme", reason: "does not exist")) {
            try Theme.load(nameOrPath: "/nonexistent/x.theme", searchDirectories: [])
        }
        #expect(ThemeError.unreadableFile(path: "/nonexistent/x.theme", reason: "does not exist").description
            == "theme file /nonexistent/x.theme does not exist")
    }

    /// A 100 MB file given by mistake is refused from its size, not read whole.
    @Test func aThemeFileOverOneMiBIsRefusedFromItsSize() throws {
        let directory = try themeDirectory([:])
        let path = directory + "/huge.theme"
        let line = Data("theme[ok]=\"#00ff00\"\n".utf8)
        var data = Data()
        while data.count <= 1 << 20 { data.append(line) }
        try data.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ThemeError.self) { try Theme.load(nameOrPath: path, searchDirectories: []) }
        #expect(error?.description == "theme file \(path) is larger than 1 MiB; is it the right file?")
    }

    /// `--theme /dev/zero` or a FIFO must neither hang nor read forever.
    @Test func aDeviceOrAFIFOIsRefusedAtOnce() throws {
        #expect(throws: ThemeError.unreadableFile(path: "/dev/zero", reason: "is a character device, not a regular file")) {
            try Theme.load(nameOrPath: "/dev/zero", searchDirectories: [])
        }
        let directory = try themeDirectory([:])
        let fifo = directory + "/pipe.theme"
        try #require(mkfifo(fifo, 0o600) == 0)
        #expect(throws: ThemeError.unreadableFile(path: fifo, reason: "is a named pipe (FIFO), not a regular file")) {
            try Theme.load(nameOrPath: fifo, searchDirectories: [])
        }
    }

    /// A file that is not a theme (`--theme /etc/shadow`) gives the file and line, and
    /// none of its text.
    @Test func aForeignFileIsNotQuotedInTheError() throws {
        let directory = try themeDirectory([:])
        let path = directory + "/shadow"
        try "root:$6$s3cr3tHash$abc:19000:0:99999:7:::\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: ThemeError.self) { try Theme.load(nameOrPath: path, searchDirectories: []) }
        #expect(error?.description == "\(path):1: expected theme[key]=\"#RRGGBB\"")
        #expect(error?.description.contains("s3cr3t") == false)
    }

    @Test func builtInThemesWorkWithoutFiles() throws {
        #expect(try Theme.load(nameOrPath: "default", searchDirectories: ["/nonexistent"]) == .builtInDefault)
        #expect(try Theme.load(nameOrPath: "mono", searchDirectories: []).isMono)
        #expect(try Theme.load(nameOrPath: "light", searchDirectories: []).name == "light")
    }

    @Test func unknownNameListsTheAvailableThemes() throws {
        let directory = try themeDirectory(["solar": "", "dusk": ""])
        let error = #expect(throws: ThemeError.self) {
            try Theme.load(nameOrPath: "nope", searchDirectories: [directory])
        }
        #expect(error == .unknownTheme(name: "nope", available: ["default", "dusk", "light", "mono", "solar"],
                                       searched: [directory]))
        #expect(error?.description.contains("available themes: default, dusk, light, mono, solar") == true)
    }

    @Test func noColorSelectsMonoUnlessAThemeIsNamed() throws {
        let noColor = ["NO_COLOR": "1"]
        #expect(try Theme.select(nameOrPath: nil, searchDirectories: [], environment: noColor).isMono)
        #expect(try !Theme.select(nameOrPath: "default", searchDirectories: [], environment: noColor).isMono)
        #expect(try Theme.select(nameOrPath: nil, searchDirectories: [], environment: [:]) == .builtInDefault)
    }

    @Test func noColorCountsOnlyWhenNotEmpty() {
        #expect(Theme.isColorDisabled(environment: ["NO_COLOR": "1"]))
        #expect(Theme.isColorDisabled(environment: ["NO_COLOR": "false"]))
        #expect(!Theme.isColorDisabled(environment: ["NO_COLOR": ""]))
        #expect(!Theme.isColorDisabled(environment: ["TERM": "xterm"]))
    }

    @Test func searchDirectoriesGoFromUserToSystem() {
        let directories = ThemeLocations.searchDirectories(
            executablePath: "/opt/flowtop/bin/flowtop", currentDirectory: "/home/ana/src/flowtop",
            environment: ["HOME": "/home/ana"])
        #expect(directories == [
            "/home/ana/.config/flowtop/themes", "/home/ana/src/flowtop/themes", "/opt/flowtop/bin/themes",
            "/opt/flowtop/bin/../share/flowtop/themes", "/usr/local/share/flowtop/themes",
            "/usr/share/flowtop/themes",
        ])
    }

    @Test func xdgConfigHomeWinsOverHome() {
        let directories = ThemeLocations.searchDirectories(
            executablePath: nil, currentDirectory: nil, environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/cfg"])
        #expect(directories.first == "/cfg/flowtop/themes")
        #expect(!directories.contains("/h/.config/flowtop/themes"))
    }
}
