/// The bytes that follow DATA (RFC 5321 §4.5.2): the message with every line ending made
/// CRLF, a "." doubled at the start of each line so no line ends the data early, then the
/// terminating ".". The receiver undoes the doubling, so it stores the message as written.
///
/// ```swift
/// SMTPMessageData.encode("Hi\n.hidden\n")   // "Hi\r\n..hidden\r\n.\r\n"
/// ```
enum SMTPMessageData {
    static func encode(_ message: String) -> [UInt8] {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), dot = UInt8(ascii: ".")
        let bytes = Array(message.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 32 + 5)
        var atLineStart = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == cr || byte == lf {
                out += [cr, lf]
                atLineStart = true
                // CRLF is one line ending; a lone CR or LF becomes one too.
                if byte == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
            } else {
                if atLineStart && byte == dot { out.append(dot) }
                out.append(byte)
                atLineStart = false
            }
            index += 1
        }
        if !atLineStart { out += [cr, lf] }
        out += [dot, cr, lf]
        return out
    }

    /// Whether the message needs an 8-bit path (BODY=8BITMIME, RFC 6152).
    static func hasEightBitBytes(_ message: String) -> Bool {
        message.utf8.contains { $0 >= 0x80 }
    }
}
