@testable import FlowCore
import Testing

/// The cache in front of the engine's string dictionaries answers only for a string it
/// has seen (the same bits), so it can never hand one label's value to another.
@Suite struct StringIdentityCacheTests {
    @Test func theSameStringIsFoundAndAnEqualOneOfOtherStorageIsNotWrong() {
        var cache = StringIdentityCache<Int>()
        let long = "a-tenant-name-past-fifteen-bytes"
        cache.store(7, for: long)
        #expect(cache.value(for: long) == 7)
        #expect(cache.value(for: "short") == nil)
        // The same characters in other storage: a miss (the caller asks the dictionary) or
        // the same value, never another one.
        let rebuilt = String(long.reversed().reversed())
        #expect(cache.value(for: rebuilt) == nil || cache.value(for: rebuilt) == 7)
        cache.store(3, for: "t07")
        #expect(cache.value(for: "t0" + "7") == 3, "inline strings are their bits")
    }

    @Test func manyKeysReplaceEachOtherButNeverMixUp() {
        var cache = StringIdentityCache<Int>()
        let keys = (0..<500).map { "tenant-\($0)-with-a-long-enough-name" }
        for (i, key) in keys.enumerated() { cache.store(i, for: key) }
        for (i, key) in keys.enumerated() {
            if let value = cache.value(for: key) { #expect(value == i) }
        }
        #expect(keys.filter { cache.value(for: $0) != nil }.count <= 64)
    }
}
