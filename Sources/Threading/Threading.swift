import Foundation
import Synchronization

/// A flag one thread sets and another polls: how async cancellation reaches a blocking loop.
public final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public var isSet: Bool { flag.load(ordering: .acquiring) }

    public func set() { flag.store(true, ordering: .releasing) }
}

/// Runs blocking work (a terminal loop, socket writes) on a dedicated thread, so it never
/// holds one of the few cooperative threads the async runtime has on a 2-core machine.
public func runOnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// Starts a long-lived worker thread named `name` (as `top -H` and debuggers show it),
/// with 8 MiB of stack, as the engine's deeper passes want.
public func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.name = name
    thread.stackSize = 8 << 20
    thread.start()
}
