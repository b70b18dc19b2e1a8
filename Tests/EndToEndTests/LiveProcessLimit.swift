import Testing

/// One test at a time across the suites that run long-lived processes (the dashboard in
/// tmux, `flowtop serve`, Prometheus, the receivers): `.serialized` only orders the tests
/// of one suite, and since these tests wait asynchronously, Swift Testing would otherwise
/// start all of them at once. Seven debug flowtops, a Prometheus and the unit tests on two
/// cores left a dashboard blank for 20 s in CI. Tests outside these suites still run
/// beside them.
///
/// ```swift
/// @Suite("serve command", .oneLiveProcessTestAtATime) struct ServeCommandTests { ... }
/// ```
struct LiveProcessLimit: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        // The suite itself passes through; each test case waits for its turn.
        guard testCase != nil else { return try await function() }
        await LiveProcessTurns.shared.acquire()
        do {
            try await function()
        } catch {
            await LiveProcessTurns.shared.release()
            throw error
        }
        await LiveProcessTurns.shared.release()
    }
}

extension Trait where Self == LiveProcessLimit {
    static var oneLiveProcessTestAtATime: Self { LiveProcessLimit() }
}

/// A one-permit async lock, first come first served.
actor LiveProcessTurns {
    static let shared = LiveProcessTurns()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()   // the turn passes on; busy stays true
        }
    }
}
