import Foundation
import Testing
import TerminalUI

/// The files under `themes/` and `docs/themes.md`, read from the checkout.
@Suite("Shipped themes")
struct ShippedThemesTests {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let themesDirectory = repository.appendingPathComponent("themes").path

    private static var shippedNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: themesDirectory)) ?? []
        return files.filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }.sorted()
    }

    @Test func defaultLightAndMonoAreShipped() {
        #expect(Set(["default", "light", "mono"]).isSubset(of: Set(Self.shippedNames)))
    }

    @Test(arguments: shippedNames)
    func shippedThemeParses(name: String) throws {
        let theme = try Theme.load(nameOrPath: name, searchDirectories: [Self.themesDirectory])
        #expect(theme.name == name)
    }

    @Test func defaultFileMatchesTheBuiltInDefault() throws {
        let file = try Theme.load(nameOrPath: "default", searchDirectories: [Self.themesDirectory])
        #expect(file == Theme.builtInDefault)
    }

    @Test func colourThemesSetEveryKeyThemselves() throws {
        for name in ["default", "light"] {
            let text = try String(contentsOfFile: Self.themesDirectory + "/\(name).theme", encoding: .utf8)
            for key in ThemeKey.all where key != .mono {
                #expect(text.contains("theme[\(key.name)]="), "\(name).theme lacks \(key.name)")
            }
        }
    }

    /// The binary carries the files' text (`scripts/embed-themes.sh`): a changed file
    /// must be embedded again, or a copied binary would draw other colours.
    @Test(arguments: shippedNames)
    func embeddedTextEqualsTheFile(name: String) throws {
        let file = try String(contentsOfFile: Self.themesDirectory + "/\(name).theme", encoding: .utf8)
        let embedded = try #require(Theme.shippedTexts[name], "run scripts/embed-themes.sh")
        #expect(embedded + "\n" == file, "themes/\(name).theme differs from its embedded text: run scripts/embed-themes.sh")
    }

    @Test func everyEmbeddedThemeIsAFile() {
        #expect(Set(Theme.shippedTexts.keys) == Set(Self.shippedNames))
    }

    /// No theme directory at all (a binary copied to a server): the shipped names still load.
    @Test(arguments: ["default", "light", "mono"])
    func shippedThemeLoadsWithoutAnyDirectory(name: String) throws {
        let file = try Theme.load(nameOrPath: name, searchDirectories: [Self.themesDirectory])
        let embedded = try Theme.load(nameOrPath: name, searchDirectories: ["/nonexistent"])
        #expect(embedded == file)
    }

    @Test func monoFileIsMono() throws {
        #expect(try Theme.load(nameOrPath: "mono", searchDirectories: [Self.themesDirectory]).isMono)
    }

    @Test func docsDescribeEveryKey() throws {
        let docs = try String(contentsOf: Self.repository.appendingPathComponent("docs/themes.md"), encoding: .utf8)
        for key in ThemeKey.all { #expect(docs.contains("| `\(key.name)` |"), "docs/themes.md lacks \(key.name)") }
    }
}
