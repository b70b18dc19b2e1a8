import FlowCore
import FlowIngest
import Foundation
import TerminalUI

/// What `flowtop emit` saw: the engine's own counts from the `sync_ack`.
public struct EmitResult: Sendable {
    public var accepted: Int64
    public var rejected: Int64
    public var errors: [SyncAck.LineError]

    /// "accepted 88, rejected 2" plus one line per rejected line the ack names.
    public var summary: String {
        var lines = ["accepted \(accepted), rejected \(rejected)"]
        for e in errors {
            // The detail can quote the client's own bytes (an unknown type): escaped, so an
            // ESC in a line sent cannot drive the terminal that reads this.
            lines.append("  line \(e.line): \(e.reason)".escapingControlCharacters
                         + (e.detail.isEmpty ? "" : " (\(e.detail.escapingControlCharacters))"))
        }
        if rejected > Int64(errors.count) {
            lines.append("  (only the last \(errors.count) rejected lines are listed)")
        }
        return lines.joined(separator: "\n")
    }
}

/// The default event socket path (EVENTS.md).
public func defaultSocketPath() -> String { SocketPath.defaultPath() }

/// Sends the NDJSON in `input` (a path or `-`) to the socket, then syncs.
public func emitEvents(from input: String, socketPath: String) throws -> EmitResult {
    let handle: FileHandle
    if input == "-" {
        handle = .standardInput
    } else {
        guard let h = FileHandle(forReadingAtPath: input) else {
            throw UserFacingError("cannot read \(input): no such file or not readable")
        }
        handle = h
    }
    do {
        let client = try SocketClient(path: socketPath)
        defer { client.close() }
        var lastByte: UInt8 = UInt8(ascii: "\n")
        while true {
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { break }
            lastByte = chunk.last ?? lastByte
            try client.send(bytes: chunk)
        }
        // The last line need not end with a newline; the sync must start a line of its own.
        if lastByte != UInt8(ascii: "\n") { try client.send(bytes: [UInt8(ascii: "\n")]) }
        let ack = try client.sync()
        return EmitResult(accepted: ack.accepted, rejected: ack.rejected, errors: ack.errors)
    } catch {
        throw UserFacingError(error.description)
    }
}
