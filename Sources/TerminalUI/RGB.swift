/// A 24-bit colour as a theme file writes it (`"#56b6c2"`).
///
/// Themes keep exact colours; `XtermPalette` decides per terminal how close it can get,
/// so one theme file serves a 256-colour terminal and an 8-colour console alike.
public struct RGB: Sendable, Hashable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Reads the colour forms btop theme files use: `#RRGGBB`, `#GG` (a grey, both digits
    /// the level) and `R G B` (three decimals 0-255 separated by single spaces).
    /// Returns nil for anything else.
    ///
    ///     RGB(themeValue: "#ff8700")  // RGB(255, 135, 0)
    ///     RGB(themeValue: "#40")      // RGB(64, 64, 64)
    ///     RGB(themeValue: "0 95 135") // RGB(0, 95, 135)
    public init?(themeValue text: String) {
        if text.hasPrefix("#") {
            let digits = text.dropFirst()
            guard digits.allSatisfy(\.isHexDigit) else { return nil }
            switch digits.count {
            case 6:
                guard let value = UInt32(digits, radix: 16) else { return nil }
                self.init(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
            case 2:
                guard let level = UInt8(digits, radix: 16) else { return nil }
                self.init(level, level, level)
            default:
                return nil
            }
            return
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }) else { return nil }
        let values = parts.compactMap { UInt8($0) }
        guard values.count == 3 else { return nil }
        self.init(values[0], values[1], values[2])
    }

    /// `#rrggbb`, the form theme files use.
    public var description: String {
        "#" + [red, green, blue].map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
