import FlowCore
import FlowHTTP
import FlowTestKit
import Foundation
import Logging
import Testing

@testable import FlowApp

/// What stops `serve`'s HTTP API from being built, each with a message that says what to
/// do: the address, the token file and their checks (`makeHTTPServer`).
@Suite("HTTP API: setup")
struct HTTPServiceSetupTests {
    static let logger = Logger(label: "flowtop.http.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    static func parts() -> HTTPServiceParts {
        HTTPServiceParts(host: EngineHost(engine: Engine(), clock: ManualClock()), server: nil, notifiers: nil,
                         startedAt: 0)
    }

    /// A private token file in a fresh directory.
    static func tokenFile(_ text: String, mode: Int = 0o600) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ft-http-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("token").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    static func startError(_ options: HTTPOptions) -> String? {
        do {
            _ = try makeHTTPServer(options, parts: parts(), logger: Self.logger)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aNonLoopbackAddressWithoutATokenIsRefused() {
        for address in ["0.0.0.0:8000", "[::]:8000", "10.1.2.3:8000", "metrics.example.com:8000"] {
            let message = Self.startError(HTTPOptions(address: address))
            #expect(message?.hasPrefix("--http \(address) can be reached from other machines, so it needs --http-token-file FILE") == true,
                    "\(address): \(message ?? "started")")
        }
        for address in ["127.0.0.1:8000", "127.9.9.9:0", "[::1]:8000", "localhost:8000"] {
            #expect(Self.startError(HTTPOptions(address: address)) == nil, "\(address)")
        }
    }

    @Test func aNonLoopbackAddressWithATokenIsAccepted() throws {
        let file = try Self.tokenFile("0123456789abcdef0123\n")
        #expect(Self.startError(HTTPOptions(address: "0.0.0.0:8000", tokenFile: file)) == nil)
    }

    @Test func theTokenFileMustBePrivateAndHoldALongEnoughToken() throws {
        let open = try Self.tokenFile("0123456789abcdef0123", mode: 0o644)
        #expect(Self.startError(HTTPOptions(address: "127.0.0.1:0", tokenFile: open))
            == "--http-token-file: \(open) can be read by group or others (mode 0644); make it private to its owner: chmod 600 \(open)")
        let short = try Self.tokenFile("abc123")
        #expect(Self.startError(HTTPOptions(address: "127.0.0.1:0", tokenFile: short))?
            .hasPrefix("--http-token-file: the token in \(short) is shorter than 16 characters") == true)
        let spaced = try Self.tokenFile("two words are not one token")
        #expect(Self.startError(HTTPOptions(address: "127.0.0.1:0", tokenFile: spaced))?
            .hasPrefix("--http-token-file: \(spaced) must hold one token") == true)
        #expect(Self.startError(HTTPOptions(address: "127.0.0.1:0", tokenFile: "/nonexistent/token"))
            == "--http-token-file: /nonexistent/token does not exist")
    }

    @Test func aBadAddressSaysWhatToType() {
        #expect(Self.startError(HTTPOptions(address: "8000")) == "--http '8000': give HOST:PORT, such as 127.0.0.1:8000")
        #expect(Self.startError(HTTPOptions(address: "::1:8000"))
            == "--http '::1:8000': an IPv6 address goes in brackets before the port: [::1]:8000")
        #expect(Self.startError(HTTPOptions(address: "127.0.0.1:80000"))
            == "--http '127.0.0.1:80000': the port must be a number from 0 to 65535")
        #expect(Self.startError(HTTPOptions(address: ":8000"))?.contains("the host is missing") == true)
    }

}
