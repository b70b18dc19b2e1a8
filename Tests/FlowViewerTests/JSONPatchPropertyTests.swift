import FlowCore
import FlowFormats
import FlowTestKit
@testable import FlowViewer
import PropertyBased
import Testing

/// `apply(diff(a, b), a) == b` for random trees (FlowTestKit's `RandomJSON`): `b` is `a`
/// with random edits (values changed, kinds changed, keys added and removed, arrays grown
/// and shrunk, subtrees swapped), or an unrelated tree. Keys include the characters
/// pointers escape; members come in no particular order.
///
/// Nothing in a property's body may throw: swift-property-based 2.0.1 runs the body
/// under `try?`, so a thrown error would pass unseen. Errors become `Result`s and are
/// compared.
@Suite struct JSONPatchPropertyTests {
    /// An old and a new tree, from a seed (the generator draws the seed; the trees come
    /// from the project's seeded generator, so a failure's seed replays it).
    static let pairs = Gen<UInt64>.uint64().map { seed -> (JSONValue, JSONValue) in
        var rng = SeededGenerator(seed: seed)
        let old = RandomJSON.tree(depth: 4, using: &rng)
        let new = Int.random(in: 0..<10, using: &rng) > 0
            ? RandomJSON.edited(old, using: &rng) : RandomJSON.tree(depth: 4, using: &rng)
        return (old, new)
    }

    @Test func applyingTheDiffGivesTheNewTree() async {
        await propertyCheck(count: 300, input: Self.pairs) { pair in
            let (old, new) = pair
            let ops = JSONPatch.diff(from: old, to: new)
            #expect(Result { () throws(JSONPatchError) in try JSONPatch.apply(ops, to: old) } == .success(new), "\(ops)")
            #expect(JSONPatch.diff(from: new, to: new).isEmpty)
        }
    }

    /// The same without replacing a changed container whole: with small random values
    /// that would win most of the time and hide the operations inside.
    @Test func applyingTheFinestDiffGivesTheNewTree() async {
        await propertyCheck(count: 300, input: Self.pairs) { pair in
            let (old, new) = pair
            var differ = TreeDiffer()
            differ.replacesWhenSmaller = false
            differ.compare(old, new)
            #expect(Result { () throws(JSONPatchError) in try JSONPatch.apply(differ.operations, to: old) } == .success(new),
                    "\(differ.operations)")
        }
    }

    /// The patch and the trees through their text, as a viewer receives them.
    @Test func patchesAndTreesSurviveTheirText() async {
        await propertyCheck(count: 200, input: Self.pairs) { pair in
            let (old, new) = pair
            let ops = JSONPatch.diff(from: old, to: new)
            #expect((try? JSONPatch.parse(JSONPatch.jsonData(ops))) == ops)
            #expect(Result { () throws(JSONParseError) in try JSONValue.parse(Array(old.rendered(.compact).utf8)) } == .success(old))
        }
    }

    /// A patch is never larger than replacing the whole document.
    @Test func aPatchIsNoLargerThanTheNewTree() async {
        await propertyCheck(count: 200, input: Self.pairs) { pair in
            let (old, new) = pair
            let patch = JSONPatch.jsonData(JSONPatch.diff(from: old, to: new))
            let whole = JSONPatch.jsonData([.replace(path: "", value: new)])
            #expect(patch.count <= whole.count)
        }
    }
}
