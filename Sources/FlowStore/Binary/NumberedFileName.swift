/// Files named by a number as 20 decimal digits and a suffix (`00000000000067108864.wal`,
/// `00000000000000000003.rwq`): 20 digits hold any UInt64, and the names sort as the
/// numbers do.
enum NumberedFileName {
    static func name(_ number: UInt64, suffix: String) -> String {
        let digits = String(number)
        return String(repeating: "0", count: 20 - digits.count) + digits + suffix
    }

    /// The number a name gives, or nil for any other file.
    static func number(_ name: String, suffix: String) -> UInt64? {
        guard name.hasSuffix(suffix) else { return nil }
        let digits = name.dropLast(suffix.count)
        guard digits.count == 20, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        return UInt64(digits)
    }
}
