/// Names that must appear once per file (alert names, group names): remembers the line
/// of each first use, so a second one is an error pointing back at the first.
///
/// ```swift
/// var alerts = UniqueNames(kind: "alert")
/// try alerts.add("AICostHigh", at: nameField)   // fine
/// try alerts.add("AICostHigh", at: otherField)  // alert `AICostHigh` is already defined at line 6; ...
/// ```
struct UniqueNames {
    /// What the names name, for the message: `alert`, `group`.
    let kind: String
    private var firstLines: [String: Int] = [:]

    init(kind: String) {
        self.kind = kind
    }

    mutating func add(_ name: String, at field: FieldNode) throws(SLOFileError) {
        if let line = firstLines[name] {
            throw field.error("\(kind) `\(name)` is already defined at line \(line); expected each \(kind) name "
                              + "once per file")
        }
        firstLines[name] = field.node.mark?.line ?? 0
    }
}
