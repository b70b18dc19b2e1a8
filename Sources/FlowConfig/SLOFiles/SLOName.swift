/// The rules for an SLO's `metadata.name`. `sli` events name the SLO they feed, and the
/// name is a key in reports, the HTTP API and metrics labels, so it stays short and plain:
/// lower-case letters, digits, `_`, `.` and `-`, starting with a letter, at most 63
/// characters (a DNS label's length, as OpenSLO expects).
///
/// ```swift
/// try SLOName.check("ai_response_latency", field: nameField)  // fine
/// try SLOName.check("AI latency", field: nameField)           // throws
/// ```
enum SLOName {
    static let maximumLength = 63

    static func check(_ name: String, field: FieldNode) throws(SLOFileError) {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || "_.-".unicodeScalars.contains(scalar)
        }
        let startsWithLetter = name.unicodeScalars.first.map { ("a"..."z").contains($0) } ?? false
        guard allowed, startsWithLetter, name.count <= maximumLength else {
            throw field.error("expected a name of lower-case letters, digits, _, . and -, starting with a letter, "
                              + "at most \(maximumLength) characters (e.g. checkout_latency), found `\(name)`")
        }
    }
}
