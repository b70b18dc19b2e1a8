import FlowConfig
import FlowCore
import Testing

/// How a file's SLOs combine with the built-ins.
@Suite struct MergeTests {
    let builtIn = SLODefinition.builtIn

    @Test func aFileSLOReplacesTheBuiltInOfTheSameNameInPlace() {
        let stricter = SLODefinition(name: "message_processing_latency", kind: .messageProcessing(thresholdMs: 200),
                                     objective: 0.999)
        let merged = SLOFile.merge([stricter], into: builtIn)
        #expect(merged == [builtIn[0], stricter, builtIn[2]])
    }

    @Test func newSLOsFollowTheBuiltInsInFileOrder() {
        let b = SLODefinition(name: "b_checkout", kind: .custom(thresholdMs: 800), objective: 0.99)
        let a = SLODefinition(name: "a_reply", kind: .custom(thresholdMs: nil), objective: 0.95)
        let replaced = SLODefinition(name: "ai_request_success", kind: .aiRequestSuccess, objective: 0.99)
        let merged = SLOFile.merge([b, replaced, a], into: builtIn)
        #expect(merged.map(\.name) == builtIn.map(\.name) + ["b_checkout", "a_reply"])
        #expect(merged[2] == replaced)
    }

    @Test func anEmptyFileListLeavesTheBuiltIns() {
        #expect(SLOFile.merge([], into: builtIn) == builtIn)
    }
}
