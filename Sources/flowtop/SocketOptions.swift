import ArgumentParser
import FlowApp

/// Where the event socket is: shared by every command that listens on it or writes to it.
struct SocketOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Event socket path.",
        discussion: "Default: $XDG_RUNTIME_DIR/flowtop/events.sock, else /tmp/flowtop-$UID/events.sock.",
        valueName: "path"))
    var socket: String?

    var resolvedPath: String { socket ?? defaultSocketPath() }
}
