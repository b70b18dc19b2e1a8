/// SMTP AUTH (RFC 4954) with the two mechanisms every submission server speaks: PLAIN
/// (RFC 4616) when offered, LOGIN otherwise. `SMTPClient` calls it only over TLS. Steps are
/// named "AUTH PLAIN", "AUTH LOGIN user name", ...: errors never quote what was sent.
enum SMTPAuthentication {
    static func authenticate(
        _ connection: inout SMTPConnection, credentials: SMTPClient.Credentials, offered: String
    ) async throws {
        let mechanisms = Set(offered.uppercased().split(separator: " ").map(String.init))
        if mechanisms.contains("PLAIN") {
            let token = base64(Array("\0\(credentials.username)\0\(credentials.password)".utf8))
            try SMTPClient.expect([235], await connection.command("AUTH PLAIN \(token)", step: "AUTH PLAIN"), step: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try SMTPClient.expect([334], await connection.command("AUTH LOGIN", step: "AUTH LOGIN"), step: "AUTH LOGIN")
            let user = base64(Array(credentials.username.utf8))
            try SMTPClient.expect(
                [334], await connection.command(user, step: "AUTH LOGIN user name"), step: "AUTH LOGIN user name")
            let password = base64(Array(credentials.password.utf8))
            try SMTPClient.expect(
                [235], await connection.command(password, step: "AUTH LOGIN password"), step: "AUTH LOGIN password")
        } else {
            throw SMTPError.noSupportedAuthMechanism(offered: offered)
        }
    }

    /// Standard base64 with padding (RFC 4648 §4).
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = UInt32(0)
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * UInt32(offset)) }
            for position in 0..<4 {
                if position <= chunk.count {
                    out.append(alphabet[Int((value >> (18 - 6 * UInt32(position))) & 0x3F)])
                } else {
                    out.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
