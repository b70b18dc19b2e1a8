import FlowCore
import FlowDashboard
import FlowStore
import Foundation
import Testing
@testable import FlowApp

/// `ui.json` on disk: where it goes, how it is written, and that no file can stop start-up.
@Suite("The ui.json file")
struct UIStateFileTests {
    /// Choices away from the defaults, to see them come back.
    static var chosen: DashboardState {
        var state = DashboardState(focus: .funnel, model: .markov, tenant: "acme")
        state.funnel.periodDays = 90
        return state
    }

    /// A state folder of its own (not created: saving creates it).
    let stateHome = NSTemporaryDirectory() + "flowtop-ui-\(UUID().uuidString.prefix(8))/state"
    var environment: [String: String] { ["XDG_STATE_HOME": stateHome, "HOME": "/nonexistent"] }
    var path: String { stateHome + "/flowtop/ui.json" }

    func write(_ text: String) throws {
        try FileManager.default.createDirectory(atPath: stateHome + "/flowtop", withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    func permissions(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func pathFollowsXDGStateHomeElseHome() {
        #expect(UIStateFile.path(environment: ["XDG_STATE_HOME": "/s/", "HOME": "/h"]) == "/s/flowtop/ui.json")
        #expect(UIStateFile.path(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
            == "/h/.local/state/flowtop/ui.json")
        #expect(UIStateFile.path(environment: [:]) == nil)
    }

    @Test func saveCreatesTheFolders0700AndTheFile0600ThenLoadReadsIt() throws {
        try UIStateFile.save(Self.chosen, environment: environment)
        #expect(try permissions(stateHome) == 0o700)
        #expect(try permissions(stateHome + "/flowtop") == 0o700)
        #expect(try permissions(path) == 0o600)
        #expect(UIStateFile.load(environment: environment) == SavedUIState(Self.chosen))
        // Nothing left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: stateHome + "/flowtop") == ["ui.json"])
    }

    @Test func aMissingOrUnusableFileLoadsAsNothing() throws {
        #expect(UIStateFile.load(environment: environment) == nil)
        try write("{\"version\": 1, \"pane\": ")
        #expect(UIStateFile.load(environment: environment) == nil)
        try write(#"{"version": 1, "pane": "alerts"}"# + String(repeating: " ", count: UIStateFile.sizeLimit))
        #expect(UIStateFile.load(environment: environment) == nil)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect(UIStateFile.load(environment: environment) == nil)
    }

    @Test func aCorruptFileIsReplacedOnSave() throws {
        try write("garbage")
        try UIStateFile.save(DashboardState(focus: .alerts), environment: environment)
        #expect(UIStateFile.load(environment: environment)?.pane == .alerts)
    }

    @Test func aNewerFlowtopsFileIsLeftAlone() throws {
        let newer = #"{"version": 2, "pane": "alerts"}"#
        try write(newer)
        #expect(UIStateFile.load(environment: environment) == nil)
        #expect(try UIStateFile.save(DashboardState(), environment: environment) == false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == newer)
    }

    @Test func startsFromTheSavedStateUnlessFreshAndPaneWins() throws {
        try UIStateFile.save(Self.chosen, environment: environment)
        let restored = DashboardLoop.initialState(terminal: TerminalOptions(), environment: environment)
        #expect(restored.focus == .funnel && restored.model == .markov && restored.funnel.periodDays == 90)
        #expect(restored.arrangement == .all)

        let fresh = DashboardLoop.initialState(terminal: TerminalOptions(fresh: true), environment: environment)
        #expect(fresh == DashboardState())

        let split = DashboardLoop.initialState(terminal: TerminalOptions(pane: "alerts"), environment: environment)
        #expect(split.focus == .alerts && split.arrangement == .single && split.model == .markov)
        // Quitting the split keeps the full dashboard's pane.
        DashboardLoop.saveState(split, environment: environment)
        #expect(UIStateFile.load(environment: environment)?.pane == .funnel)
    }

    @Test func paneMustNameAPane() {
        #expect(throws: Never.self) { try TerminalOptions.checkPane(nil) }
        #expect(throws: Never.self) { try TerminalOptions.checkPane("attribution") }
        do {
            try TerminalOptions.checkPane("slos")
            Issue.record("slos was taken")
        } catch {
            #expect(error.description == "--pane must be slo, alerts, funnel or attribution, not 'slos'")
        }
    }

    @Test func theStoreReadsItsDirectoryWithUIJsonInIt() throws {
        let directory = try DataDirectory.open(stateHome + "/flowtop", createParents: true)
        DashboardLoop.saveState(DashboardState(), environment: environment)
        directory.close()
        let reopened = try DataDirectory.open(stateHome + "/flowtop")
        reopened.close()
        #expect(try StoreInfo.read(stateHome + "/flowtop").format == FlowStore.formatVersion)
    }

    @Test func theStoreTakesADefaultDirectoryWhereUIJsonCameFirst() throws {
        // `flowtop --demo` (nothing stored) then `flowtop`: the folder holds ui.json and no
        // FORMAT yet; the store still takes it (ui.json is one of its companion files).
        DashboardLoop.saveState(DashboardState(), environment: environment)
        let directory = try DataDirectory.open(stateHome + "/flowtop")
        directory.close()
        #expect(FileManager.default.fileExists(atPath: stateHome + "/flowtop/ui.json"))
    }
}
