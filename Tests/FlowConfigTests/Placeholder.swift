import Testing
@testable import FlowConfig

@Test func errorDescriptionNamesFileLineAndField() {
    let e = SLOFileError(file: "slos.yaml", line: 12, column: 5, field: "spec.objectives[0].target", message: "must be between 0 and 1")
    #expect(e.description == "slos.yaml:12:5: spec.objectives[0].target: must be between 0 and 1")
}
