import Foundation

/// The MIME encodings an e-mail needs so any SMTP server carries it unchanged: header
/// text as RFC 2047 encoded words when it is not ASCII, bodies as quoted-printable (RFC
/// 2045 section 6.7) when they are not 7-bit safe, and alert text kept to one line.
///
/// ```swift
/// MailEncoding.headerText("[FIRING:1] Größe")    // "=?UTF-8?B?W0ZJUklORzoxXSBHcsO2w59l?="
/// MailEncoding.quotedPrintable("Größe")          // ["Gr=C3=B6=C3=9Fe"]
/// ```
enum MailEncoding {
    /// Control characters (line breaks included) become spaces, so text from labels and
    /// annotations can neither start a new header nor break a body line.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// Header text: as it is when printable ASCII, else base64 encoded words of at most
    /// 75 characters each, folded onto continuation lines.
    static func headerText(_ text: String) -> String {
        let line = oneLine(text)
        guard !line.unicodeScalars.allSatisfy(\.isASCII) else { return line }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in line {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// One body line as quoted-printable lines of at most 76 characters, all but the last
    /// ending in a soft break (`=`). Spaces and tabs are escaped at the end of a line,
    /// where transports may strip them.
    static func quotedPrintable(_ line: String) -> [String] {
        var tokens: [String] = []
        let bytes = Array(line.utf8)
        for (i, byte) in bytes.enumerated() {
            let last = i == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !last)
            tokens.append(literal ? String(UnicodeScalar(byte)) : escaped(byte))
        }
        var lines: [String] = []
        var current = ""
        for token in tokens {
            if current.count + token.count > 75 {
                lines.append(current + "=")
                current = ""
            }
            current += token
        }
        lines.append(current)
        return lines
    }

    private static func escaped(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "=" + (hex.count == 1 ? "0" + hex : hex)
    }
}
