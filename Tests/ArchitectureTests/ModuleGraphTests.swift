import Foundation
import Testing

/// docs/architecture.md's table of modules is the rule; Package.swift is what the build
/// does. These tests read both and fail when a target depends on one of our modules the
/// table does not allow, or when a target is missing from the table, so the page stays
/// true as the package grows.
@Suite("architecture: the module graph")
struct ModuleGraphTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `name -> our modules it depends on`, for every non-test target in Package.swift
    /// (including the ones added conditionally, such as flowtop-fuzz).
    static func packageGraph() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let names = try targetNames(text)
        var graph: [String: Set<String>] = [:]
        // Each target declaration runs from `.target(`, `.executableTarget(` or
        // `.systemLibrary(` to the next declaration of any kind.
        let starts = try Regex(#"\.(target|executableTarget|systemLibrary|testTarget)\(\s*name:\s*"([^"]+)""#)
        let matches = text.matches(of: starts)
        for (i, match) in matches.enumerated() {
            let kind = String(match.output[1].substring ?? "")
            guard kind != "testTarget", let name = match.output[2].substring.map(String.init) else { continue }
            let end = i + 1 < matches.count ? matches[i + 1].range.lowerBound : text.endIndex
            let body = text[match.range.upperBound..<end]
            // Our modules are the quoted names that are targets; products of other
            // packages appear as `.product(name: "X", package: "y")` and are skipped.
            let withoutProducts = body.replacing(try Regex(#"\.product\([^)]*\)"#), with: "")
            let quoted = withoutProducts.matches(of: try Regex(#""([A-Za-z][A-Za-z0-9_-]*)""#))
                .compactMap { $0.output[1].substring.map(String.init) }
            graph[name] = Set(quoted.filter { names.contains($0) && $0 != name })
        }
        return graph
    }

    static func targetNames(_ text: String) throws -> Set<String> {
        let regex = try Regex(#"\.(target|executableTarget|systemLibrary)\(\s*name:\s*"([^"]+)""#)
        return Set(text.matches(of: regex).compactMap { $0.output[2].substring.map(String.init) })
    }

    /// `module -> modules it may import`, from the table under "Modules and what each may
    /// import": `(nothing)` is none, `every module above` is every row before it.
    static func allowedGraph() throws -> [String: Set<String>] {
        let page = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        var allowed: [String: Set<String>] = [:]
        var above: [String] = []
        var inTable = false
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| module |") { inTable = true; continue }
            guard inTable else { continue }
            guard line.hasPrefix("|") else { if !allowed.isEmpty { break } else { continue } }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, cells[1] != "---" else { continue }
            let (name, imports) = (cells[1], cells[cells.count - 2])
            switch imports {
            case "(nothing)": allowed[name] = []
            case "every module above": allowed[name] = Set(above)
            default: allowed[name] = Set(imports.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            }
            above.append(name)
        }
        return allowed
    }

    @Test func everyTargetIsOnThePage() throws {
        let graph = try Self.packageGraph()
        let allowed = try Self.allowedGraph()
        #expect(graph.count > 15, "Package.swift was not read: \(graph.keys.sorted())")
        let missing = Set(graph.keys).subtracting(allowed.keys)
        #expect(missing.isEmpty, "targets docs/architecture.md does not list: \(missing.sorted())")
        let gone = Set(allowed.keys).subtracting(graph.keys)
        #expect(gone.isEmpty, "docs/architecture.md lists modules Package.swift no longer has: \(gone.sorted())")
    }

    @Test func noTargetDependsOnAModuleThePageDoesNotAllow() throws {
        let graph = try Self.packageGraph()
        let allowed = try Self.allowedGraph()
        for (name, dependencies) in graph.sorted(by: { $0.key < $1.key }) {
            let extra = dependencies.subtracting(allowed[name] ?? [])
            #expect(extra.isEmpty, "\(name) depends on \(extra.sorted()), which docs/architecture.md does not allow it")
        }
    }

    /// The rule the page states first: the engine depends on none of our modules.
    @Test func theEngineImportsNothingOfOurs() throws {
        #expect(try Self.packageGraph()["FlowCore"] == [])
        #expect(try Self.allowedGraph()["FlowCore"] == [])
    }
}
