/// Text from outside (a file, an argument, an event, a request) shown in a message: its
/// control characters are written as visible escapes, so a message can never carry an
/// escape sequence the terminal would act on (retitle the window, clear the screen, move
/// the cursor, fake a line of output).
///
/// Every C0 control (U+0000-U+001F, line breaks and tabs included: a message is one line),
/// DEL (U+007F) and every C1 control (U+0080-U+009F) becomes `\xHH`; everything else is
/// kept as it is.
///
/// ```swift
/// "theme \u{1B}[2J.theme".escapingControlCharacters   // "theme \\x1b[2J.theme"
/// ```
extension String {
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: Self.isControl) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if Self.isControl(scalar) {
                let hex = String(scalar.value, radix: 16)
                out.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" + hex : hex)).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
