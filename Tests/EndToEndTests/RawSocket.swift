import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare client socket for the hostile tests: a Unix or TCP stream, non-blocking
/// writes that report how much the other side took, and nothing read unless asked, which
/// is the point (a client that never reads its acks, a header that never ends).
final class RawSocket {
    let fd: Int32

    /// Connects to a Unix stream socket.
    init(unixPath path: String) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.enumerated() where i < raw.count - 1 { raw[i] = byte }
        }
        fd = try Self.connected(family: AF_UNIX, to: &address, naming: path)
    }

    /// Connects to 127.0.0.1:`port`.
    init(tcpPort port: Int) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        fd = try Self.connected(family: AF_INET, to: &address, naming: "127.0.0.1:\(port)")
    }

    /// A new stream socket of `family` connected to `address`.
    private static func connected<Address>(family: Int32, to address: inout Address, naming name: String) throws -> Int32 {
        let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw E2EError("socket: \(String(cString: strerror(errno)))") }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<Address>.size))
            }
        }
        guard result == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw E2EError("connect \(name): \(message)")
        }
        return fd
    }

    deinit { close(fd) }

    /// Writes as much of `bytes` as the socket takes now, without blocking: the count.
    func writeSome(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL)) }
    }

    /// Writes all of `text`, blocking.
    func writeAll(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw E2EError("send: \(String(cString: strerror(errno)))") }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Whether the other side closed the connection (a read returns 0 or fails), waiting
    /// up to `timeout` seconds for it; bytes that arrive meanwhile are read and dropped.
    /// Waits with `Task.sleep`: the test run's two cooperative threads are shared.
    func closedByPeer(within timeout: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        repeat {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { return true }
            if n < 0 { try await Task.sleep(for: .milliseconds(50)) }
        } while Date() < deadline
        return false
    }

    /// Whether the other side has closed the connection already (no waiting).
    var isClosedByPeer: Bool {
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_DONTWAIT) | Int32(MSG_PEEK))
        return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    /// Reads what arrives within `timeout` seconds, up to `limit` bytes.
    func readAvailable(within timeout: Double, limit: Int = 1 << 20) async throws -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline, out.count < limit {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n > 0 {
                out.append(contentsOf: buffer[0..<n])
            } else if n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) {
                break
            } else {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        return out
    }
}

/// What Linux says of a running process: resident memory and CPU time used so far.
struct ProcessUsage {
    var residentBytes: Int
    var cpuSeconds: Double

    init(pid: Int32) throws {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { throw E2EError("no VmRSS for \(pid)") }
        residentBytes = kib * 1024
        // Fields 14 and 15 (utime, stime) after the command name's closing parenthesis.
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = stat.lastIndex(of: ")") else { throw E2EError("bad /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw E2EError("bad /proc/\(pid)/stat")
        }
        cpuSeconds = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
