import FlowConfig
import FlowCore
import Testing

/// A rules file with one group named `flowtop` whose one rule is `rule`, given as the
/// lines of the rule's mapping without indentation. The header takes lines 1-3, so the
/// first line of `rule` is line 4 of the file, at column 9 (after `      - `).
func rulesDocument(_ rule: String) -> String {
    let lines = rule.split(separator: "\n", omittingEmptySubsequences: false)
    let indented = lines.enumerated().map { $0.offset == 0 ? "      - \($0.element)" : "        \($0.element)" }
    return "groups:\n  - name: flowtop\n    rules:\n" + indented.joined(separator: "\n") + "\n"
}

/// A silences file whose one silence is `silence`, given like `rulesDocument`'s rule:
/// its first line is line 2, at column 5 (after `  - `).
func silencesDocument(_ silence: String) -> String {
    let lines = silence.split(separator: "\n", omittingEmptySubsequences: false)
    let indented = lines.enumerated().map { $0.offset == 0 ? "  - \($0.element)" : "    \($0.element)" }
    return "silences:\n" + indented.joined(separator: "\n") + "\n"
}

/// 2026-11-25T09:00:00Z, the `now` silences are loaded at.
let loadTime: EpochMillis = 1_795_597_200_000
let hourMillis: EpochMillis = 3_600_000

func parseRules(_ yaml: String) throws -> [ThresholdRule] {
    try RulesFile.parse(yaml, file: "rules.yaml")
}

func parseSilences(_ yaml: String) throws -> [Silence] {
    try SilencesFile.parse(yaml, file: "silences.yaml", now: loadTime)
}

/// Expects `parse` to fail at `location` (`rules.yaml:4:9: groups[0].rules[0].expr`)
/// with a message containing each of `words`.
func expectFailure(at location: String, saying words: [String], sourceLocation: SourceLocation,
                   _ parse: () throws(SLOFileError) -> Void) {
    do throws(SLOFileError) {
        try parse()
        Issue.record("expected an error at \(location), but the file parsed", sourceLocation: sourceLocation)
    } catch {
        let text = error.description
        #expect(text.hasPrefix(location + ": "), "\(text)", sourceLocation: sourceLocation)
        for word in words {
            #expect(text.contains(word), "\(text)", sourceLocation: sourceLocation)
        }
    }
}

func expectRulesError(_ yaml: String, at location: String, saying words: String...,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    expectFailure(at: location, saying: words, sourceLocation: sourceLocation) { () throws(SLOFileError) in
        _ = try RulesFile.parse(yaml, file: "rules.yaml")
    }
}

func expectSilencesError(_ yaml: String, at location: String, saying words: String...,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    expectFailure(at: location, saying: words, sourceLocation: sourceLocation) { () throws(SLOFileError) in
        _ = try SilencesFile.parse(yaml, file: "silences.yaml", now: loadTime)
    }
}
