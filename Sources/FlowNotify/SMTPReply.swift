import NIOCore

/// One SMTP reply (RFC 5321 §4.2): a three-digit code and its text, one string per line.
///
/// A multi-line reply ("250-first", "250-second", "250 last") arrives as one value, so the
/// dialogue never sees a half reply; the EHLO reply's lines after the first name the
/// server's extensions.
///
/// ```swift
/// SMTPReply(code: 250, lines: ["mail.example", "STARTTLS", "AUTH PLAIN LOGIN"]).extensions
/// // ["STARTTLS": "", "AUTH": "PLAIN LOGIN"]
/// ```
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx: the command did what was asked.
    public var isPositive: Bool { (200..<300).contains(code) }

    /// The EHLO reply's extensions, keyword uppercased, to their parameters ("AUTH" ->
    /// "PLAIN LOGIN"). The first line is the server's greeting, not an extension.
    public var extensions: [String: String] {
        var found: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let keyword = parts.first else { continue }
            found[keyword.uppercased()] = parts.count > 1 ? String(parts[1]) : ""
        }
        return found
    }

    /// "550 mailbox unavailable" (lines joined by "; "): fit for an error message.
    public var description: String {
        "\(code) " + lines.joined(separator: "; ")
    }
}

/// Frames the server's bytes into `SMTPReply` values: lines end in CRLF (a bare LF is
/// tolerated), a line "ddd-text" continues the reply and "ddd text" ends it. Anything else,
/// or a line longer than RFC 5321's limit many times over, is an error rather than a guess.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// RFC 5321 allows 512 octets a reply line; servers exceed it a little in the wild.
    static let maximumLineLength = 4096
    /// A bound on continuation lines, so a misbehaving server cannot grow a reply forever.
    static let maximumLines = 1000

    private var code: Int?
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw SMTPError.malformedReply("a reply line is too long") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        guard length <= Self.maximumLineLength, var bytes = buffer.readBytes(length: length) else {
            throw SMTPError.malformedReply("a reply line is too long")
        }
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        if let reply = try accept(line: bytes) {
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    /// Adds one line; returns the reply when this line ended it.
    private mutating func accept(line: [UInt8]) throws -> SMTPReply? {
        let text = String(decoding: line, as: UTF8.self)
        guard line.count >= 3, line.prefix(3).allSatisfy({ (0x30...0x39).contains($0) }),
            let lineCode = Int(String(decoding: line.prefix(3), as: UTF8.self))
        else {
            throw SMTPError.malformedReply("not an SMTP reply line: \(text.prefix(80))")
        }
        if let code, code != lineCode {
            throw SMTPError.malformedReply("reply code changed from \(code) to \(lineCode) within one reply")
        }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPError.malformedReply("not an SMTP reply line: \(text.prefix(80))")
        }
        code = lineCode
        lines.append(line.count > 4 ? String(decoding: line.dropFirst(4), as: UTF8.self) : "")
        guard lines.count <= Self.maximumLines else { throw SMTPError.malformedReply("a reply has too many lines") }
        guard separator == UInt8(ascii: " ") else { return nil }
        defer {
            code = nil
            lines = []
        }
        return SMTPReply(code: lineCode, lines: lines)
    }
}
