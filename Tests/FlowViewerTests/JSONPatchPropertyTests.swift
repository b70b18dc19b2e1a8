import FlowCore
import FlowTestKit
@testable import FlowViewer
import PropertyBased
import Testing

/// `apply(diff(a, b), a) == b` for random trees: `b` is `a` with random edits (values
/// changed, kinds changed, keys added and removed, arrays grown and shrunk, subtrees
/// swapped), or an unrelated tree. Keys include the characters pointers escape.
///
/// Nothing in a property's body may throw: swift-property-based 2.0.1 runs the body
/// under `try?`, so a thrown error would pass unseen. Errors become `Result`s and are
/// compared.
@Suite struct JSONPatchPropertyTests {
    /// An old and a new tree, from a seed (the generator draws the seed; the trees come
    /// from the project's seeded generator, so a failure's seed replays it).
    static let pairs = Gen<UInt64>.uint64().map { seed -> (JSONTree, JSONTree) in
        var rng = SeededGenerator(seed: seed)
        let old = RandomTree.tree(depth: 4, using: &rng)
        let new = Int.random(in: 0..<10, using: &rng) > 0
            ? RandomTree.edited(old, using: &rng) : RandomTree.tree(depth: 4, using: &rng)
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
            #expect(Result { () throws(JSONParseError) in try JSONTree.parse(old.jsonData()) } == .success(old))
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

/// Random JSON trees that survive their own text: integers as `.int` (and `.uint` only
/// above `Int64.max`), doubles never integral below 2^64, since the reader makes those
/// integers.
enum RandomTree {
    static let keys = ["a", "b", "name", "a/b", "~", "~1", "~0/", "", "0", "-", "é", "x y", "\"q\""]
    static let strings = ["", "x", "line\nbreak", "tab\t\"quote\"\\", "\u{0}\u{1F}", "\u{2028}", "é😀", "/~"]
    static let doubles = [0.5, -2.25, 1e-7, .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 0.1, 2.5e20]

    static func scalar(using rng: inout SeededGenerator) -> JSONTree {
        switch Int.random(in: 0..<7, using: &rng) {
        case 0: .null
        case 1: .bool(Bool.random(using: &rng))
        case 2: .int(Int64.random(in: -3...3, using: &rng))
        case 3: .int(Int64.random(in: .min ... .max, using: &rng))
        case 4: .uint(UInt64.random(in: UInt64(Int64.max) + 1 ... .max, using: &rng))
        case 5: .double(doubles.randomElement(using: &rng) ?? 0.5)
        default: .string(strings.randomElement(using: &rng) ?? "")
        }
    }

    static func tree(depth: Int, using rng: inout SeededGenerator) -> JSONTree {
        guard depth > 0, Int.random(in: 0..<3, using: &rng) > 0 else { return scalar(using: &rng) }
        let count = Int.random(in: 0...5, using: &rng)
        if Bool.random(using: &rng) {
            return .array((0..<count).map { _ in tree(depth: depth - 1, using: &rng) })
        }
        var members: [String: JSONTree] = [:]
        for _ in 0..<count { members[keys.randomElement(using: &rng) ?? "a"] = tree(depth: depth - 1, using: &rng) }
        return .object(members)
    }

    /// `tree` with a few random edits, anywhere in it.
    static func edited(_ tree: JSONTree, using rng: inout SeededGenerator) -> JSONTree {
        // One node in four is edited here; the others pass the edits down.
        guard Int.random(in: 0..<4, using: &rng) == 0 else {
            switch tree {
            case .array(let items): return .array(items.map { edited($0, using: &rng) })
            case .object(let members): return .object(members.mapValues { edited($0, using: &rng) })
            default: return tree
            }
        }
        switch (tree, Int.random(in: 0..<4, using: &rng)) {
        case (.array(var items), 0):
            items.append(self.tree(depth: 2, using: &rng))
            return .array(items)
        case (.array(var items), 1) where !items.isEmpty:
            items.removeLast(Int.random(in: 1...items.count, using: &rng))
            return .array(items)
        case (.object(var members), 0):
            members[keys.randomElement(using: &rng) ?? "a"] = self.tree(depth: 2, using: &rng)
            return .object(members)
        case (.object(var members), 1) where !members.isEmpty:
            members.removeValue(forKey: members.keys.randomElement(using: &rng) ?? "")
            return .object(members)
        case (_, 2):
            return scalar(using: &rng)
        default:
            return self.tree(depth: 3, using: &rng)
        }
    }
}

