import FlowFormats

/// Applying a patch: each operation in order on the result of the ones before, all or
/// nothing (the tree given is a value and stays as it was when one fails). A member added
/// to an object goes after the others (object order carries no meaning: trees compare
/// equal in any order); a member replaced keeps its place.
///
/// ```swift
/// let tree = JSONValue.object([("tenants", .array([.string("acme")]))])
/// try JSONPatch.apply([.add(path: "/tenants/1", value: .string("globex"))], to: tree)
/// // {"tenants":["acme","globex"]}
/// try JSONPatch.apply([.remove(path: "/tenants/4")], to: tree)
/// // throws: patch operation 0 (remove /tenants/4): index 4 is out of range (the array has 1 element)
/// ```
extension JSONPatch {
    public static func apply(_ operations: [PatchOperation], to tree: JSONValue) throws(JSONPatchError) -> JSONValue {
        var document = tree
        for (index, operation) in operations.enumerated() {
            func failure(_ problem: JSONPatchError.Problem) -> JSONPatchError {
                JSONPatchError(operation: index, op: operation.op, path: operation.path, problem: problem)
            }
            let pointer: JSONPointer
            do {
                pointer = try JSONPointer(parsing: operation.path)
            } catch {
                throw failure(.badPointer(error.reason))
            }
            do {
                try apply(operation, at: pointer.tokens[...], to: &document)
            } catch {
                throw failure(error)
            }
        }
        return document
    }

    /// Walks `tokens` down from `node` and applies `operation` at the end. Each container
    /// on the way is taken out of its parent while it changes, so it is changed in place
    /// rather than copied.
    private static func apply(_ operation: PatchOperation, at tokens: ArraySlice<String>,
                              to node: inout JSONValue) throws(JSONPatchError.Problem) {
        guard let token = tokens.first else {
            guard let value = operation.value else { throw .removesTheWholeDocument }
            node = value
            return
        }
        let rest = tokens.dropFirst()
        switch node {
        case .object(var members):
            node = .null
            defer { node = .object(members) }
            let i = members.lastIndex { $0.0 == token }
            if rest.isEmpty {
                switch (operation, i) {
                case (.add(_, let value), let i?), (.replace(_, let value), let i?): members[i].1 = value
                case (.add(_, let value), nil): members.append((token, value))
                case (.remove, let i?): members.remove(at: i)
                case (.replace, nil), (.remove, nil): throw .noSuchMember(token)
                }
            } else {
                guard let i else { throw .noSuchMember(token) }
                var child = members[i].1
                members[i].1 = .null
                defer { members[i].1 = child }
                try apply(operation, at: rest, to: &child)
            }
        case .array(var items):
            node = .null
            defer { node = .array(items) }
            let isInsert = rest.isEmpty && operation.op == "add"
            let i = try index(token, count: items.count, endAllowed: isInsert)
            if rest.isEmpty {
                switch operation {
                case .add(_, let value): items.insert(value, at: i)
                case .replace(_, let value): items[i] = value
                case .remove: items.remove(at: i)
                }
            } else {
                var child = items[i]
                items[i] = .null
                defer { items[i] = child }
                try apply(operation, at: rest, to: &child)
            }
        default:
            throw .notAContainer(token)
        }
    }

    /// An array index token: `0` or digits without a leading zero, below `count` (up to
    /// `count`, or `-` for it, where an insert may append).
    private static func index(_ token: String, count: Int, endAllowed: Bool) throws(JSONPatchError.Problem) -> Int {
        if token == "-", endAllowed { return count }
        guard let i = Int(token), i >= 0, String(i) == token else { throw .notAnIndex(token) }
        guard i < count || (endAllowed && i == count) else { throw .indexOutOfRange(i, count: count) }
        return i
    }
}

/// Why a patch could not be applied: which operation, and what was wrong with its path.
public struct JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Error, Sendable, Equatable {
        /// The path is not an RFC 6901 pointer (the reason says why).
        case badPointer(String)
        /// An object on the path has no member of this name.
        case noSuchMember(String)
        /// A token that names an element of an array is not an index.
        case notAnIndex(String)
        /// An index past the end of an array (of `count` elements).
        case indexOutOfRange(Int, count: Int)
        /// The path goes on below a string, number, Boolean or null.
        case notAContainer(String)
        /// `remove` with the empty path.
        case removesTheWholeDocument
    }

    /// The operation's position in the patch, from 0.
    public var operation: Int
    public var op: String
    public var path: String
    public var problem: Problem

    public var description: String {
        let what: String =
            switch problem {
            case .badPointer(let reason): "bad pointer: \(reason)"
            case .noSuchMember(let key): "no member \"\(key)\""
            case .notAnIndex(let token): "\"\(token)\" is not an array index"
            case .indexOutOfRange(let i, let count):
                "index \(i) is out of range (the array has \(count) element\(count == 1 ? "" : "s"))"
            case .notAContainer(let token): "\"\(token)\" is below a value that is not an object or array"
            case .removesTheWholeDocument: "cannot remove the whole document"
            }
        return "patch operation \(operation) (\(op) \(path.isEmpty ? "\"\"" : path)): \(what)"
    }
}
