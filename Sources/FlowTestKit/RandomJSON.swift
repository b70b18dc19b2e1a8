import FlowFormats

/// Random `JSONValue` trees from the seeded generator, for property tests of the parser
/// and writer (`parse(render(tree)) == tree`) and of patches (`apply(diff(a, b), a) == b`).
///
/// The trees survive their own text: integers as `.int` (and `.uint` only above
/// `Int64.max`), finite doubles only, objects with one member per key. Keys and strings
/// include what escaping and JSON pointers must handle (quotes, `~`, `/`, control
/// characters, U+2028, astral characters).
///
/// ```swift
/// var rng = SeededGenerator(seed: 7)
/// let old = RandomJSON.tree(depth: 4, using: &rng)
/// let new = RandomJSON.edited(old, using: &rng)
/// ```
public enum RandomJSON {
    public static let keys = ["a", "b", "name", "a/b", "~", "~1", "~0/", "", "0", "-", "é", "x y", "\"q\""]
    public static let strings = ["", "x", "line\nbreak", "tab\t\"quote\"\\", "\u{0}\u{1F}", "\u{2028}", "é😀", "/~"]
    public static let doubles = [0.5, -2.25, 1e-7, .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 0.1, 2.5e20]

    public static func scalar(using rng: inout SeededGenerator) -> JSONValue {
        switch Int.random(in: 0..<7, using: &rng) {
        case 0: .null
        case 1: .bool(Bool.random(using: &rng))
        case 2: .int(Int64.random(in: -3...3, using: &rng))
        case 3: .int(Int64.random(in: .min ... .max, using: &rng))
        case 4: .uint(UInt64.random(in: UInt64(Int64.max) + 1 ... .max, using: &rng))
        case 5: .number(doubles.randomElement(using: &rng) ?? 0.5)
        default: .string(strings.randomElement(using: &rng) ?? "")
        }
    }

    public static func tree(depth: Int, using rng: inout SeededGenerator) -> JSONValue {
        guard depth > 0, Int.random(in: 0..<3, using: &rng) > 0 else { return scalar(using: &rng) }
        let count = Int.random(in: 0...5, using: &rng)
        if Bool.random(using: &rng) {
            return .array((0..<count).map { _ in tree(depth: depth - 1, using: &rng) })
        }
        var members: [(String, JSONValue)] = []
        for _ in 0..<count {
            set(&members, keys.randomElement(using: &rng) ?? "a", tree(depth: depth - 1, using: &rng))
        }
        return .object(members)
    }

    /// `tree` with a few random edits, anywhere in it.
    public static func edited(_ tree: JSONValue, using rng: inout SeededGenerator) -> JSONValue {
        // One node in four is edited here; the others pass the edits down.
        guard Int.random(in: 0..<4, using: &rng) == 0 else {
            switch tree {
            case .array(let items): return .array(items.map { edited($0, using: &rng) })
            case .object(let members): return .object(members.map { ($0.0, edited($0.1, using: &rng)) })
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
            set(&members, keys.randomElement(using: &rng) ?? "a", self.tree(depth: 2, using: &rng))
            return .object(members)
        case (.object(var members), 1) where !members.isEmpty:
            members.remove(at: Int.random(in: 0..<members.count, using: &rng))
            return .object(members)
        case (_, 2):
            return scalar(using: &rng)
        default:
            return self.tree(depth: 3, using: &rng)
        }
    }

    /// Sets `key` to `value`: in its place when the object has it, at the end otherwise.
    private static func set(_ members: inout [(String, JSONValue)], _ key: String, _ value: JSONValue) {
        if let i = members.firstIndex(where: { $0.0 == key }) {
            members[i].1 = value
        } else {
            members.append((key, value))
        }
    }
}
