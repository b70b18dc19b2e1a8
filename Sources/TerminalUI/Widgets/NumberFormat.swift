/// Numbers as a dashboard shows them: short, fixed-width-friendly, no Foundation.
///
/// ```swift
/// NumberFormat.compact(1234)        // "1.2k"
/// NumberFormat.compact(3_400_000)   // "3.4M"
/// NumberFormat.money(48_250)        // "$48.3k"
/// NumberFormat.percent(0.99951, digits: 2)   // "99.95%"
/// NumberFormat.grouped(1234567)     // "1,234,567"
/// ```
public enum NumberFormat {
    /// `x` with exactly `digits` decimals, rounded half away from zero.
    /// NaN is "–", infinities "∞" / "-∞".
    public static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "-∞") }
        let d = min(max(0, digits), 9)
        var scale: Int64 = 1
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(x) * Double(scale)).rounded()
        guard scaled < 9e18 else { return x > 0 ? "∞" : "-∞" }
        let n = Int64(scaled)
        // The digits are written backwards into bytes on the stack and made one string:
        // every number on screen comes through here, several per table row, and joining
        // the pieces as strings was most of it.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { bytes in
            var i = bytes.count
            var fraction = n % scale, whole = n / scale
            if d > 0 {
                for _ in 0..<d {
                    i -= 1
                    bytes[i] = UInt8(ascii: "0") + UInt8(fraction % 10)
                    fraction /= 10
                }
                i -= 1
                bytes[i] = UInt8(ascii: ".")
            }
            repeat {
                i -= 1
                bytes[i] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
            } while whole > 0
            if x < 0, n != 0 {
                i -= 1
                bytes[i] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeMutableBufferPointer(rebasing: bytes[i...]), as: UTF8.self)
        }
    }

    /// An integer with thousands separators: "12,345".
    public static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// The columns `grouped(n)` takes, counted without building it: column widths are
    /// measured this way every frame.
    public static func groupedWidth(_ n: Int64) -> Int {
        var digits = 1
        var rest = n.magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return digits + (digits - 1) / 3 + (n < 0 ? 1 : 0)
    }

    private static let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]

    /// At most about five columns: "42", "3.5", "1.2k", "123k", "3.4M".
    public static func compact(_ x: Double) -> String {
        guard x.isFinite else { return fixed(x, digits: 0) }
        let a = abs(x)
        let sign = x < 0 ? "-" : ""
        if a < 999.5 {
            let integral = a.rounded() == a
            return sign + fixed(a, digits: integral || a >= 100 ? 0 : 1)
        }
        for (index, (size, suffix)) in units.enumerated().reversed() {
            let scaled = a / size
            let digits = scaled < 99.95 ? 1 : 0
            let text = fixed(scaled, digits: digits)
            // 999.96k rounds to "1000"; let the next unit up say "1.0M".
            if scaled.rounded() >= 1000, index > 0 { continue }
            return sign + text + suffix
        }
        return sign + fixed(a, digits: 0)
    }

    public static func compact(_ n: Int64) -> String { compact(Double(n)) }

    /// A dollar amount: "$0.41", "$480", "$48.3k", "$1.2M"; "<$0.01" for a tiny non-zero one.
    public static func money(_ x: Double) -> String {
        guard x.isFinite else { return "$" + fixed(x, digits: 0) }
        let a = abs(x)
        let sign = x < 0 ? "-" : ""
        if a > 0, a < 0.005 { return sign + "<$0.01" }
        if a == 0 { return "$0" }
        if a < 10 { return sign + "$" + fixed(a, digits: 2) }
        if a < 999.5 { return sign + "$" + fixed(a, digits: 0) }
        return sign + "$" + compact(a)
    }

    /// A fraction as a percentage: percent(0.873) is "87.3%".
    public static func percent(_ fraction: Double, digits: Int = 1) -> String {
        let p = fraction * 100
        if abs(p) >= 10_000 { return compact(p) + "%" }
        return fixed(p, digits: digits) + "%"
    }

    /// A burn rate: two decimals below 10, one below 100, then compact ("0.52", "14.4", "120").
    public static func burn(_ x: Double) -> String {
        let a = abs(x)
        if a < 9.995 { return fixed(x, digits: 2) }
        if a < 99.95 { return fixed(x, digits: 1) }
        return compact(x)
    }
}
