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
        write(to: &out, style: style, indent: 0)
    }

    private func write(to out: inout String, style: JSONStyle, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d): out += JSONValue.format(d)
        case .string(let s): appendJSONString(s, to: &out, escapingLineSeparators: style.escapesLineSeparators)
        case .array(let items):
            writeContainer(items, open: "[", close: "]", to: &out, style: style, indent: indent) { item, out in
                item.write(to: &out, style: style, indent: indent + 2)
            }
        case .object(let fields):
            let members = style.sortsKeys ? fields.sorted { JSONKeyOrder.areInIncreasingOrder($0.0, $1.0) } : fields
            let colon = !style.indented ? ":" : style.spaceBeforeColon ? " : " : ": "
            writeContainer(members, open: "{", close: "}", to: &out, style: style, indent: indent) { member, out in
                appendJSONString(member.0, to: &out, escapingLineSeparators: style.escapesLineSeparators)
                out += colon
                member.1.write(to: &out, style: style, indent: indent + 2)
            }
        }
    }

    /// Brackets, separators and indents around the members of an array or object.
    private func writeContainer<Member>(
        _ members: [Member], open: String, close: String, to out: inout String, style: JSONStyle, indent: Int,
        writeMember: (Member, inout String) -> Void
    ) {
        out += open
        guard style.indented else {
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                writeMember(member, &out)
            }
            out += close
            return
        }
        guard !members.isEmpty else {
            if style.opensEmptyContainers { out += "\n\n" + String(repeating: " ", count: indent) }
            out += close
            return
        }
        out += "\n"
        for (i, member) in members.enumerated() {
            out += String(repeating: " ", count: indent + 2)
            writeMember(member, &out)
            out += i == members.count - 1 ? "\n" : ",\n"
        }
        out += String(repeating: " ", count: indent) + close
    }
}
