import Testing
import TerminalUI

@Suite("Theme files")
struct ThemeParserTests {
    @Test func readsEveryColourFormAndSkipsCommentsAndBlankLines() throws {
        let text = """
            # a comment

            theme[main_fg]="#102030"
            theme[inactive_fg]="#40"
              theme[crit] = "255 95 0"   # trailing comment
            theme[ok]=#00ff00
            """
        let theme = try ThemeParser.parse(text, name: "t", file: "t.theme")
        #expect(theme.name == "t")
        #expect(theme.foreground(for: .normal) == RGB(0x10, 0x20, 0x30))
        #expect(theme.foreground(for: .dim) == RGB(0x40, 0x40, 0x40))
        #expect(theme.foreground(for: .crit) == RGB(255, 95, 0))
        #expect(theme.foreground(for: .ok) == RGB(0, 255, 0))
    }

    @Test func emptyValueMeansTheTerminalsOwnColour() throws {
        let theme = try ThemeParser.parse("theme[main_fg]=\"\"\ntheme[main_bg]=\"\"", name: "t", file: "t.theme")
        #expect(theme.foreground(for: .normal) == nil)
        #expect(theme.mainBackground == nil)
    }

    @Test func backgroundsApplyToTheirRoles() throws {
        let theme = try ThemeParser.parse(
            "theme[main_bg]=\"#101010\"\ntheme[selected_bg]=\"#203040\"", name: "t", file: "t.theme")
        #expect(theme.background(for: .normal) == RGB(16, 16, 16))
        #expect(theme.background(for: .selected) == RGB(0x20, 0x30, 0x40))
    }

    @Test func unknownKeysAreIgnored() throws {
        let theme = try ThemeParser.parse("theme[cpu_box]=\"#556d59\"\ntheme[temp_start]=\"whatever\"",
                                          name: "btop", file: "btop.theme")
        #expect(theme.foreground(for: .normal) == Theme.builtInDefault.foreground(for: .normal))
    }

    @Test func missingKeysFallBackToTheDefaultTheme() throws {
        let theme = try ThemeParser.parse("theme[crit]=\"#ff0000\"", name: "t", file: "t.theme")
        #expect(theme.foreground(for: .crit) == RGB(255, 0, 0))
        for role in StyleRole.allCases where role != .crit {
            #expect(theme.foreground(for: role) == Theme.builtInDefault.foreground(for: role))
        }
        #expect(theme.background(for: .selected) == Theme.builtInDefault.background(for: .selected))
    }

    @Test func monoKeyTurnsColourOff() throws {
        #expect(try ThemeParser.parse("theme[mono]=\"true\"", name: "m", file: "m.theme").isMono)
        #expect(try !ThemeParser.parse("theme[mono]=\"false\"", name: "m", file: "m.theme").isMono)
    }

    @Test func malformedLineIsAnErrorNamingFileAndLine() {
        let text = "# ok\ntheme[main_fg]=\"#cccccc\"\n\nmain_fg = red\n"
        #expect {
            try ThemeParser.parse(text, name: "bad", file: "themes/bad.theme")
        } throws: { error in
            guard case .malformedLine(let file, let line, _) = error as? ThemeError else { return false }
            return file == "themes/bad.theme" && line == 4
        }
    }

    @Test func badColourForAKnownKeyIsAnError() throws {
        let error = #expect(throws: ThemeError.self) {
            try ThemeParser.parse("theme[ok]=\"#12345\"", name: "bad", file: "bad.theme")
        }
        #expect(error?.description.hasPrefix("bad.theme:1: theme[ok]") == true)
    }

    /// Errors name file, line and key but never quote the line or the value: the file may
    /// not be a theme at all, and its text must not reach the terminal.
    @Test(arguments: [
        ("k3y-s3cr3t: value", "x.theme:1: expected theme[key]=\"#RRGGBB\""),
        ("theme[ok]=\"s3cr3t\"", "x.theme:1: theme[ok] is not a colour (use \"#RRGGBB\", \"#GG\", \"R G B\", or \"\" for the terminal's own)"),
        ("theme[mono]=\"s3cr3t\"", "x.theme:1: theme[mono] must be \"true\" or \"false\""),
    ])
    func errorsDoNotQuoteTheFile(line: String, message: String) {
        let error = #expect(throws: ThemeError.self) { try ThemeParser.parse(line, name: "x", file: "x.theme") }
        #expect(error?.description == message)
        #expect(error?.description.contains("s3cr3t") == false)
    }

    @Test(arguments: ["theme[ok]=\"#00ff00", "theme[ok]", "theme[]=\"#00ff00\"", "theme[ok]=\"#00ff00\" x",
                      "theme[mono]=\"maybe\""])
    func rejectsLinesOfAnotherShape(line: String) {
        #expect(throws: ThemeError.self) { try ThemeParser.parse(line, name: "x", file: "x.theme") }
    }

    @Test func acceptsWindowsLineEndings() throws {
        let theme = try ThemeParser.parse("theme[ok]=\"#00ff00\"\r\ntheme[crit]=\"#ff0000\"\r\n",
                                          name: "t", file: "t.theme")
        #expect(theme.foreground(for: .ok) == RGB(0, 255, 0))
        #expect(theme.foreground(for: .crit) == RGB(255, 0, 0))
    }

    @Test func everyKeyNameRoundTrips() {
        for key in ThemeKey.all { #expect(ThemeKey(name: key.name) == key) }
        #expect(Set(ThemeKey.all.map(\.name)).count == ThemeKey.all.count)
    }

    @Test(arguments: [("#ff8700", RGB(255, 135, 0)), ("#AbCdEf", RGB(0xab, 0xcd, 0xef)), ("#0a", RGB(10, 10, 10)),
                      ("0 95 135", RGB(0, 95, 135))])
    func parsesColourValues(text: String, expected: RGB) {
        #expect(RGB(themeValue: text) == expected)
    }

    @Test(arguments: ["red", "#12345", "#gggggg", "1 2", "256 0 0", "1  2 3", "-1 0 0", "#"])
    func rejectsOtherColourValues(text: String) {
        #expect(RGB(themeValue: text) == nil)
    }

    @Test func colourPrintsAsThemeFileHex() {
        #expect(RGB(0x05, 0xaf, 0xff).description == "#05afff")
    }
}
