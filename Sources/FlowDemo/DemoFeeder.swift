import FlowCore
import FlowIngest
import Foundation

/// What a demo run sent.
public struct DemoStats: Sendable {
    public var sent: Int64 = 0
    public var accepted: Int64 = 0
    public var rejected: Int64 = 0
    public var seconds: Double = 0
    /// `feedBusinessDemo`: from the start to the engine's acknowledgement of the backfill.
    public var backfillSeconds: Double = 0
}

/// Writes the `DemoWorkload` into a socket at a steady rate: first `backfillMinutes` of
/// history (events with past timestamps, so windows and sparklines have shape at once),
/// then live events every 10 ms until `duration` passes or `shouldStop` says so.
/// Blocking socket I/O: run it on a thread of its own (the app starts it, as `--demo`
/// or `flowtop demo`).
///
/// ```swift
/// let stats = try feedDemo(socketPath: path, rate: 300, seed: 42, duration: 10, backfillMinutes: 0,
///                          clock: clock, shouldStop: { false })
/// ```
public func feedDemo(socketPath: String, rate: Int, seed: UInt64, duration: Double?, backfillMinutes: Int,
                     clock: any EngineClock, shouldStop: @Sendable () -> Bool) throws(SocketClientError) -> DemoStats {
    let client = try SocketClient(path: socketPath)
    defer { client.close() }
    let started = clock.now()
    var workload = DemoWorkload(seed: seed, start: started)
    var stats = DemoStats()
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    // History: lead journeys of the last 60 days, then the backfill's minutes at a
    // tenth of the live rate, one batch per simulated second.
    if backfillMinutes > 0 {
        let backfillStart = started - EpochMillis(backfillMinutes) * 60_000
        workload.history(leads: DemoWorkload.historyLeads, days: DemoWorkload.historyDays, until: backfillStart,
                         into: &buffer)
        try client.send(bytes: buffer)
        buffer.removeAll(keepingCapacity: true)
        let perSecond = max(1, rate / 10)
        var t = started - EpochMillis(backfillMinutes) * 60_000
        while t < started, !shouldStop() {
            workload.generate(count: perSecond, at: t, into: &buffer)
            stats.sent += Int64(perSecond)
            t += 1000
            if buffer.count > 1 << 19 {
                try client.send(bytes: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
    }
    let tick = 10.0 / 1000
    let wallStart = Date()
    var owed = 0.0
    var last = wallStart
    while !shouldStop() {
        let now = Date()
        if let duration, now.timeIntervalSince(wallStart) >= duration { break }
        owed += now.timeIntervalSince(last) * Double(rate)
        last = now
        let count = Int(owed)
        if count > 0 {
            owed -= Double(count)
            workload.generate(count: count, at: clock.now(), into: &buffer)
            stats.sent += Int64(count)
        }
        if !buffer.isEmpty {
            try client.send(bytes: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        let spent = Date().timeIntervalSince(now)
        if spent < tick { Thread.sleep(forTimeInterval: tick - spent) }
    }
    if !buffer.isEmpty { try client.send(bytes: buffer) }
    let ack = try client.sync()
    stats.accepted = ack.accepted
    stats.rejected = ack.rejected
    stats.seconds = Date().timeIntervalSince(wallStart)
    return stats
}

/// Writes `DemoBusiness` into a socket, the `--demo` workload: its backfill (30 days of SLO
/// traffic, 60 of lead journeys) in half-megabyte writes as fast as the engine takes them,
/// then every event as its time comes on `clock`, checked every `tick` seconds, until
/// `shouldStop` says so. `backfillSeconds` in the stats is how long the backfill took,
/// up to the engine's `sync_ack` for it (the dashboard's numbers are whole from then on).
/// Blocking socket I/O: run it on a thread of its own.
///
/// ```swift
/// let stats = try feedBusinessDemo(socketPath: path, seed: 42, clock: clock, shouldStop: { stop.isSet })
/// ```
public func feedBusinessDemo(socketPath: String, seed: UInt64, clock: any EngineClock, tick: Double = 0.1,
                             shouldStop: @Sendable () -> Bool) throws(SocketClientError) -> DemoStats {
    let client = try SocketClient(path: socketPath)
    defer { client.close() }
    let wallStart = Date()
    let started = clock.now()
    var business = DemoBusiness(seed: seed, start: started)
    var stats = DemoStats()
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    // A simulated hour at a time, so the buffer stays near half a megabyte.
    var t = started - EpochMillis(DemoBusiness.leadDays) * DemoWorkload.dayMillis
    while t < started, !shouldStop() {
        t = min(started, t + 3_600_000)
        stats.sent += Int64(business.advance(to: t, into: &buffer))
        if buffer.count > 1 << 19 {
            try client.send(bytes: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
    try client.send(bytes: buffer)
    buffer.removeAll(keepingCapacity: true)
    _ = try client.sync()
    stats.backfillSeconds = Date().timeIntervalSince(wallStart)
    while !shouldStop() {
        stats.sent += Int64(business.advance(to: clock.now() + 1, into: &buffer))
        if !buffer.isEmpty {
            // A few lines a second: sent now, not once 64 KiB have gathered.
            try client.send(bytes: buffer)
            try client.flush()
            buffer.removeAll(keepingCapacity: true)
        }
        Thread.sleep(forTimeInterval: tick)
    }
    let ack = try client.sync()
    stats.accepted = ack.accepted
    stats.rejected = ack.rejected
    stats.seconds = Date().timeIntervalSince(wallStart)
    return stats
}
