import FlowFormats

/// One operation of an RFC 6902 JSON Patch: the three a diff needs (`move`, `copy` and
/// `test` are not produced, and not read). `path` is an RFC 6901 pointer's text.
///
/// On the wire each is an object, `{"op":"replace","path":"/slos/0/sli","value":0.998}`,
/// `value` absent for `remove`; `Codable` and `tree` both give that form.
///
/// ```swift
/// let op = PatchOperation.add(path: "/tenants/3", value: .string("globex"))
/// String(decoding: JSONPatch.jsonData([op]), as: UTF8.self)
/// // [{"op":"add","path":"/tenants/3","value":"globex"}]
/// ```
public enum PatchOperation: Sendable, Equatable, Codable {
    /// Sets an object's member (replacing one of that name), or inserts into an array at
    /// an index from 0 to its count (`-` for the end). The parent must exist.
    case add(path: String, value: JSONValue)
    /// Removes the member or element at `path`, which must exist.
    case remove(path: String)
    /// Replaces the value at `path`, which must exist (the empty path: the whole document).
    case replace(path: String, value: JSONValue)

    /// `add`, `remove` or `replace`.
    public var op: String {
        switch self {
        case .add: "add"
        case .remove: "remove"
        case .replace: "replace"
        }
    }

    public var path: String {
        switch self {
        case .add(let path, _), .remove(let path), .replace(let path, _): path
        }
    }

    /// The value added or put in place; nil for `remove`.
    public var value: JSONValue? {
        switch self {
        case .add(_, let value), .replace(_, let value): value
        case .remove: nil
        }
    }

    /// The operation as the JSON object that travels.
    public var tree: JSONValue {
        var members: [(String, JSONValue)] = [("op", .string(op)), ("path", .string(path))]
        if let value { members.append(("value", value)) }
        return .object(members)
    }

    /// The operation in `tree`, as `tree` (the property) writes it.
    public init(tree: JSONValue) throws(PatchOperationError) {
        guard case .object = tree else { throw PatchOperationError(reason: "an operation must be an object") }
        guard case .string(let op)? = tree[key: "op"] else { throw PatchOperationError(reason: "\"op\" must be a string") }
        guard case .string(let path)? = tree[key: "path"] else { throw PatchOperationError(reason: "\"path\" must be a string") }
        self = try Self(op: op, path: path, value: tree[key: "value"])
    }

    private init(op: String, path: String, value: JSONValue?) throws(PatchOperationError) {
        switch (op, value) {
        case ("add", let value?): self = .add(path: path, value: value)
        case ("replace", let value?): self = .replace(path: path, value: value)
        case ("remove", _): self = .remove(path: path)
        case ("add", nil), ("replace", nil): throw PatchOperationError(reason: "\"\(op)\" needs a \"value\"")
        default: throw PatchOperationError(reason: "unsupported op \"\(op)\": only add, remove and replace")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case op, path, value
    }

    /// `value` is decoded only when present, and a present `null` is `.null` (not absent).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let op = try container.decode(String.self, forKey: .op)
        let path = try container.decode(String.self, forKey: .path)
        let value = container.contains(.value) ? try container.decode(JSONValue.self, forKey: .value) : nil
        do {
            self = try Self(op: op, path: path, value: value)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .op, in: container, debugDescription: error.reason)
        }
    }

    /// As `tree`: the tree coder takes it whole (a patch message's operations cost no
    /// container each), any other encoder writes the same three members.
    public func encode(to encoder: any Encoder) throws {
        try tree.encode(to: encoder)
    }
}

/// An object that is not one of the three operations.
public struct PatchOperationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public var description: String { "not a patch operation: \(reason)" }
}
