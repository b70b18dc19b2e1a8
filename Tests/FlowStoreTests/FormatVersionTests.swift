import FlowStore
import Testing

@Test func theFormatVersionIsOne() {
    #expect(FlowStore.formatVersion == 1)
}
