#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `--http` listens: `127.0.0.1:8000`, `[::1]:8000`, `localhost:8000`,
/// `0.0.0.0:8000`. Port 0 asks the system for a free port (the log line and
/// `AnalyticsHTTPServer.waitUntilListening()` say which).
///
/// Why loopback matters: the API shows revenue per tenant and lets anyone read the
/// alerts, so a bind that other machines can reach needs a bearer token
/// (`--http-token-file`); `isLoopback` decides.
///
/// ```swift
/// let address = try HTTPListenAddress("[::1]:8000")
/// address.host        // "::1"
/// address.isLoopback  // true
/// ```
public struct HTTPListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public static let defaultServe = "127.0.0.1:8000"

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, with an IPv6 host in brackets.
    public init(_ text: String) throws(HTTPServerError) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw .badAddress(text, "an IPv6 address goes in brackets before the port: [::1]:8000")
            }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw .badAddress(text, "give HOST:PORT, such as 127.0.0.1:8000")
            }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            if hostPart.contains(":") {
                throw .badAddress(text, "an IPv6 address goes in brackets before the port: [::1]:8000")
            }
        }
        guard !hostPart.isEmpty else { throw .badAddress(text, "the host is missing; give HOST:PORT, such as 127.0.0.1:8000") }
        guard let port = Int(portPart), (0...65535).contains(port) else {
            throw .badAddress(text, "the port must be a number from 0 to 65535")
        }
        self.init(host: String(hostPart), port: port)
    }

    /// Only this machine can connect: `localhost`, 127.0.0.0/8, `::1` (and IPv4 loopback
    /// mapped into IPv6). Any other name counts as reachable from elsewhere.
    public var isLoopback: Bool {
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
        let mapped = bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff
        return mapped && bytes[12] == 127
    }

    /// `127.0.0.1:8000`, `[::1]:8000`: as it is typed and as a URL writes it.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
