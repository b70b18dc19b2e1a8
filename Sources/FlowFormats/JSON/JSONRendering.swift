/// The one JSON writer: a `JSONValue` as text in a `JSONStyle`, members in document order
/// (or in `JSONKeyOrder` for a style that sorts), strings through `appendJSONString` and
/// numbers through `JSONValue.format`.
///
/// ```swift
/// JSONValue.array([.int(1), .uint(.max), .number(0.5)]).rendered(.compact)   // [1,18446744073709551615,0.5]
/// ```
extension JSONValue {
    /// The document as text in `style`.
    public func rendered(_ style: JSONStyle) -> String {
        var out = ""
        render(into: &out, style: style)
        return out
    }

    /// Appends the document to `out` in `style`, for writers that add a line ending or
    /// write several documents into one buffer.
    public func render(into out: inout String, style: JSONStyle) {
        _ = write(to: &out, style: style, indent: 0, limit: .max)
    }

    /// The UTF-8 bytes of the text in `style`, or some number above `limit` once it is clear
    /// the text is longer: writing stops there, so a size check need not write a large
    /// document whole (a patch weighing its operations against one replacement).
    ///
    /// ```swift
    /// JSONValue.string(String(repeating: "x", count: 1_000)).renderedSize(.compact, limit: 10)   // > 10
    /// ```
    public func renderedSize(_ style: JSONStyle, limit: Int = .max) -> Int {
        var out = ""
        _ = write(to: &out, style: style, indent: 0, limit: limit)
        return out.utf8.count
    }

    /// Returns false as soon as `out` holds more than `limit` bytes.
    private func write(to out: inout String, style: JSONStyle, indent: Int, limit: Int) -> Bool {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .number(let d): out += JSONValue.format(d)
        case .string(let s): appendJSONString(s, to: &out, escapingLineSeparators: style.escapesLineSeparators)
        case .array(let items):
            return writeContainer(items, open: "[", close: "]", to: &out, style: style, indent: indent, limit: limit) { item, out in
                item.write(to: &out, style: style, indent: indent + 2, limit: limit)
            }
        case .object(let fields):
            let members = style.sortsKeys ? fields.sorted { JSONKeyOrder.areInIncreasingOrder($0.0, $1.0) } : fields
            let colon = !style.indented ? ":" : style.spaceBeforeColon ? " : " : ": "
            return writeContainer(members, open: "{", close: "}", to: &out, style: style, indent: indent, limit: limit) { member, out in
                appendJSONString(member.0, to: &out, escapingLineSeparators: style.escapesLineSeparators)
                out += colon
                return member.1.write(to: &out, style: style, indent: indent + 2, limit: limit)
            }
        }
        return out.utf8.count <= limit
    }

    /// Brackets, separators and indents around the members of an array or object.
    private func writeContainer<Member>(
        _ members: [Member], open: String, close: String, to out: inout String, style: JSONStyle, indent: Int,
        limit: Int, writeMember: (Member, inout String) -> Bool
    ) -> Bool {
        out += open
        guard style.indented else {
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                guard writeMember(member, &out) else { return false }
            }
            out += close
            return out.utf8.count <= limit
        }
        guard !members.isEmpty else {
            if style.opensEmptyContainers { out += "\n\n" + String(repeating: " ", count: indent) }
            out += close
            return out.utf8.count <= limit
        }
        out += "\n"
        for (i, member) in members.enumerated() {
            out += String(repeating: " ", count: indent + 2)
            guard writeMember(member, &out) else { return false }
            out += i == members.count - 1 ? "\n" : ",\n"
        }
        out += String(repeating: " ", count: indent) + close
        return out.utf8.count <= limit
    }
}
