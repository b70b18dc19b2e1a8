import Hummingbird
import HummingbirdCore
import Logging

/// At most `maxConnections` HTTP connections at once: at the limit the server stops
/// accepting (new clients wait in the listen backlog) until one closes, and says so in
/// the log once when it fills and once when it has room again.
///
/// Why a limit: every connection is a file descriptor, and at the process's open-file
/// limit `accept` fails for everyone, the liveness probe included. Hummingbird's
/// `MaximumAvailableConnections` does the same counting but logs only at trace level.
struct HTTPConnectionLimit: AvailableConnectionsDelegate {
    let maxConnections: Int
    let logger: Logger
    private var open = 0

    init(maxConnections: Int, logger: Logger) {
        self.maxConnections = maxConnections
        self.logger = logger
    }

    mutating func connectionOpened() {
        open += 1
        if open == maxConnections {
            logger.warning("HTTP connection limit reached; new connections wait until one closes", metadata: [
                "max_connections": "\(maxConnections)", "hint": "raise it with --http-max-connections"])
        }
    }

    mutating func connectionClosed() {
        if open == maxConnections { logger.notice("HTTP accepting connections again") }
        open -= 1
    }

    func isAcceptingNewConnections() -> Bool { open < maxConnections }
}
