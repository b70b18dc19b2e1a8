import Yams

/// A YAML node together with where it sits: the file and the field path inside the
/// OpenSLO object. Every value read from an SLO file goes through one, so every mistake
/// can be reported as `file:line:column: field: what was expected, what was found`.
///
/// ```swift
/// let target = try objective.required("target", expecting: "a number").number()
/// // slos.yaml:14:15: spec.objectives[0].target: expected a number, found `high`
/// ```
struct FieldNode {
    let node: Node
    /// `spec.objectives[0].target`; empty for the object itself.
    let path: String
    let file: String

    /// An error pointing at this node.
    func error(_ message: String) -> SLOFileError {
        SLOFileError(file: file, line: node.mark?.line, column: node.mark?.column,
                     field: path.isEmpty ? nil : path, message: message)
    }

    /// The field path of `key` under this node.
    func path(of key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// A plain `~`, `null` or empty value: treated as if the key were absent.
    var isNull: Bool {
        node.null != nil
    }

    /// How the value reads in a message: `` `12h` ``, `a list`, `a mapping`.
    ///
    /// A value is quoted only when it is short, on one line and free of control
    /// characters, like the values a config file holds (`99.9`, `12h`); anything else is
    /// `text of N characters`. A wrong path (`--slo ~/.ssh/id_rsa`, `/etc/shadow`) is one
    /// long scalar to YAML, and the message must not print it.
    var found: String {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            if text.isEmpty { return "nothing" }
            let quotable = text.count <= Self.longestQuotedValue
                && !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }
            return quotable ? "`\(text)`" : "text of \(text.count) characters"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    /// Longest value `found` quotes.
    static let longestQuotedValue = 40

    func mapping() throws(SLOFileError) -> FieldMapping {
        guard let mapping = node.mapping else { throw error("expected a mapping of `key: value` lines, found \(found)") }
        return try FieldMapping(self, mapping)
    }

    func list() throws(SLOFileError) -> [FieldNode] {
        guard let sequence = node.sequence else { throw error("expected a list (lines starting with `- `), found \(found)") }
        return sequence.enumerated().map { FieldNode(node: $0.element, path: "\(path)[\($0.offset)]", file: file) }
    }

    func string() throws(SLOFileError) -> String {
        guard let scalar = node.scalar, !isNull else { throw error("expected text, found \(found)") }
        return scalar.string
    }

    /// A finite number; YAML's `.inf` and `.nan` are refused.
    func number() throws(SLOFileError) -> Double {
        let text = try scalarText(expecting: "a number")
        guard let value = Double(text.filter { $0 != "_" }), value.isFinite else {
            throw error("expected a number, found `\(text)`")
        }
        return value
    }

    func integer() throws(SLOFileError) -> Int {
        let text = try scalarText(expecting: "a whole number")
        guard let value = Int(text.filter { $0 != "_" }) else {
            throw error("expected a whole number, found `\(text)`")
        }
        return value
    }

    func bool() throws(SLOFileError) -> Bool {
        guard let scalar = node.scalar, let value = Bool.construct(from: scalar) else {
            throw error("expected true or false, found \(found)")
        }
        return value
    }

    private func scalarText(expecting expected: String) throws(SLOFileError) -> String {
        guard let scalar = node.scalar, !isNull else { throw error("expected \(expected), found \(found)") }
        return scalar.string
    }
}
