/// The order in which a `sortsKeys` style writes an object's keys: the order Foundation's
/// JSON serializer gave with `.sortedKeys` on Linux, which the API's own documents
/// (the OpenAPI document, error bodies) were written in before this writer existed.
///
/// Foundation compares keys as a person would (locale collation, case-insensitive,
/// numbers by value), not by code point: punctuation comes before digits and digits before
/// letters, in Unicode's default collation order (`_` `-` `,` `;` `:` `!` `?` `.` `'` `"`
/// `(` `)` `[` `]` `{` `}` `@` `*` `/` `\` `&` `#` `%` `` ` `` `^` `+` `<` `=` `>` `|` `~`
/// `$`), a run of digits counts as its number, and letters ignore case, lowercase first
/// only to break a tie. That is reproduced here for ASCII; other characters sort after
/// ASCII letters by code point.
///
/// ```swift
/// ["a10", "B", "a9", "/x", "{x"].sorted(by: JSONKeyOrder.areInIncreasingOrder)
/// // ["{x", "/x", "a9", "a10", "B"]
/// ```
public enum JSONKeyOrder {
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let (ka, kb) = (collationKey(a), collationKey(b))
        if ka != kb { return ka.lexicographicallyPrecedes(kb) }
        // Equal but for case: lowercase first, then by code point.
        let (ca, cb) = (caseKey(a), caseKey(b))
        if ca != cb { return ca.lexicographicallyPrecedes(cb) }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// ASCII punctuation and symbols in Unicode's default collation order.
    private static let punctuation = Array(#"_-,;:!?.'"()[]{}@*/\&#%`^+<=>|~$"#.unicodeScalars)

    /// One collation element: a class (whitespace, punctuation, number, letter, other)
    /// and a rank within it; numbers compare by their digit count, then their digits.
    private struct Element: Comparable {
        var kind: Int
        var rank: UInt32
        var digits: [UInt8] = []

        static func < (a: Element, b: Element) -> Bool {
            if a.kind != b.kind { return a.kind < b.kind }
            if a.rank != b.rank { return a.rank < b.rank }
            if a.digits.count != b.digits.count { return a.digits.count < b.digits.count }
            return a.digits.lexicographicallyPrecedes(b.digits)
        }
    }

    private static func collationKey(_ text: String) -> [Element] {
        var key: [Element] = []
        var digits: [UInt8] = []
        func flushDigits() {
            guard !digits.isEmpty else { return }
            let significant = Array(digits.drop { $0 == UInt8(ascii: "0") })
            key.append(Element(kind: 2, rank: 0, digits: significant))
            digits.removeAll()
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (0x30...0x39).contains(value) {
                digits.append(UInt8(value))
                continue
            }
            flushDigits()
            switch value {
            case 0x09...0x0D, 0x20: key.append(Element(kind: 0, rank: value))
            case 0x00...0x1F, 0x7F: continue  // ignorable
            case 0x41...0x5A: key.append(Element(kind: 3, rank: value + 0x20))
            case 0x61...0x7A: key.append(Element(kind: 3, rank: value))
            case 0x21...0x7E:
                key.append(Element(kind: 1, rank: UInt32(punctuation.firstIndex(of: scalar) ?? punctuation.count)))
            default: key.append(Element(kind: 4, rank: value))
            }
        }
        flushDigits()
        return key
    }

    /// Per letter: 0 for lowercase (and anything else), 1 for uppercase.
    private static func caseKey(_ text: String) -> [Int] {
        text.unicodeScalars.map { (0x41...0x5A).contains($0.value) ? 1 : 0 }
    }
}
