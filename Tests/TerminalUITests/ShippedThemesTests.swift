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

    @Test func monoFileIsMono() throws {
        #expect(try Theme.load(nameOrPath: "mono", searchDirectories: [Self.themesDirectory]).isMono)
    }

    @Test func docsDescribeEveryKey() throws {
        let docs = try String(contentsOf: Self.repository.appendingPathComponent("docs/themes.md"), encoding: .utf8)
        for key in ThemeKey.all { #expect(docs.contains("| `\(key.name)` |"), "docs/themes.md lacks \(key.name)") }
    }
}
