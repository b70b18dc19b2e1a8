import Yams

/// A YAML mapping whose keys are looked up by name, with errors for missing keys and
/// for keys that should not be there.
///
/// ```swift
/// let spec = try object.required("spec", expecting: "the SLO's indicator and objectives").mapping()
/// try spec.rejectMisspelledKeys(known: ["objectives", "timeWindow"])  // `objective:` fails
/// let window = spec.optional("timeWindow")                             // nil when absent
/// ```
struct FieldMapping {
    /// The mapping itself: missing keys are reported at its position.
    let field: FieldNode
    /// Keys in file order, with the node of each key (for pointing at a wrong key).
    let entries: [(key: String, keyNode: FieldNode, value: FieldNode)]

    init(_ field: FieldNode, _ mapping: Node.Mapping) throws(SLOFileError) {
        self.field = field
        var entries: [(key: String, keyNode: FieldNode, value: FieldNode)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw FieldNode(node: key, path: field.path, file: field.file)
                    .error("expected a field name, found a \(key.mapping == nil ? "list" : "mapping") as a key")
            }
            let path = field.path(of: name)
            entries.append((name, FieldNode(node: key, path: path, file: field.file),
                            FieldNode(node: value, path: path, file: field.file)))
        }
        self.entries = entries
    }

    /// The value of `key`, or nil when it is absent or null.
    func optional(_ key: String) -> FieldNode? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
        return entry.value
    }

    /// The value of `key`; when it is absent the error points at this mapping and says
    /// what the key should hold.
    func required(_ key: String, expecting expected: String) throws(SLOFileError) -> FieldNode {
        guard let value = optional(key) else { throw missing(key, expecting: expected) }
        return value
    }

    /// The error for an absent `key`, pointing at this mapping.
    func missing(_ key: String, expecting expected: String) -> SLOFileError {
        SLOFileError(file: field.file, line: field.node.mark?.line, column: field.node.mark?.column,
                     field: field.path(of: key), message: "missing; expected \(expected)")
    }

    /// The key node of `key`, for errors about the key itself.
    func keyNode(_ key: String) -> FieldNode? {
        entries.first(where: { $0.key == key })?.keyNode
    }

    /// For our own fields (`x-flowtop`, the `flowtop` metric source): every key must be
    /// known, so a typo is an error instead of a setting silently left at its default.
    func rejectUnknownKeys(allowed: [String]) throws(SLOFileError) {
        for entry in entries where !allowed.contains(entry.key) {
            let hint = KeySpelling.closest(to: entry.key, among: allowed).map { "did you mean `\($0)`? " } ?? ""
            throw entry.keyNode.error("unknown field `\(entry.key)`; \(hint)expected one of: "
                                      + allowed.joined(separator: ", "))
        }
    }

    /// For standard OpenSLO places: other tools' fields are ignored, but a key that looks
    /// like a misspelt known one (`objective` for `objectives`) is an error.
    func rejectMisspelledKeys(known: [String]) throws(SLOFileError) {
        for entry in entries where !known.contains(entry.key) {
            if let intended = KeySpelling.closest(to: entry.key, among: known) {
                throw entry.keyNode.error("unknown field `\(entry.key)`; did you mean `\(intended)`?")
            }
        }
    }
}
