import FlowConfig
import FlowCore
import Foundation
import Testing

/// An SLO object named `name` whose `spec` holds `spec`, given as the lines under
/// `spec:` without their indentation. The header takes lines 1-5, so the first line of
/// `spec` is line 6 of the file.
func sloDocument(name: String = "checkout_latency", spec: String) -> String {
    let indented = spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
    return """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: \(name)
        spec:

        """ + indented.joined(separator: "\n") + "\n"
}

/// A latency indicator on `sli` events and an objective of 99% within `value` ms.
let customLatencySpec = """
    indicator:
      spec:
        thresholdMetric:
          metricSource: {type: flowtop, spec: {event: sli}}
    objectives:
      - {op: lte, value: 300, target: 0.99}
    """

/// Parses one file's text, which must be valid.
func parse(_ yaml: String) throws -> [SLODefinition] {
    try SLOFile.parse(yaml, file: "slos.yaml")
}

/// The one SLO of `yaml`.
func parseOne(_ yaml: String) throws -> SLODefinition {
    let slos = try parse(yaml)
    try #require(slos.count == 1)
    return slos[0]
}

/// The error parsing `yaml` fails with, or nil when it parses.
func parseError(_ yaml: String) -> SLOFileError? {
    do {
        _ = try SLOFile.parse(yaml, file: "slos.yaml")
        return nil
    } catch {
        return error
    }
}

/// Expects `yaml` to fail at `location` (`slos.yaml:7:13: spec.objectives[0].target`)
/// with a message containing each of `words`.
func expectError(_ yaml: String, at location: String, saying words: String...,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error = parseError(yaml) else {
        Issue.record("expected an error at \(location), but the file parsed", sourceLocation: sourceLocation)
        return
    }
    let text = error.description
    #expect(text.hasPrefix(location + ": "), "\(text)", sourceLocation: sourceLocation)
    for word in words {
        #expect(text.contains(word), "\(text)", sourceLocation: sourceLocation)
    }
}

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
