@testable import FlowCore
import FlowStore
import FlowTestKit

/// Engines whose lead tables have every part a checkpoint keeps: leads evicted past the
/// cap (the ring wrapped), leads removed for retention (free slots, some reused), sources
/// named late or never, ids past 15 bytes (not stored inline), touches with and without
/// features, AI-assisted or not, past the touch cap, funnels lost, won, reopened.
///
/// ```swift
/// let engine = LeadTableFixtures.small()   // 8 slots, under 1 KB of leads
/// let big = LeadTableFixtures.engine(leads: 50_000, capacity: 40_000, refill: 2_000, touchingLast: true)
/// ```
enum LeadTableFixtures {
    static let channels = ["email", "web", "chat", "whatsapp", "phone"]
    static let sources = ["website", "email", "ads", "referral"]

    /// Lead `i`'s id: one in seven longer than 15 bytes (not stored inline).
    static func id(_ i: Int) -> String { i % 7 == 5 ? "a-lead-id-longer-than-fifteen-bytes-\(i)" : "L\(i)" }

    /// The events of lead `i` of `tenants`, from `at`: which parts a lead has depends on `i`.
    static func events(lead i: Int, tenants: Int, at t: EpochMillis) -> [Event] {
        let id = id(i)
        let tenant = "tenant-\(i % tenants)"
        var events: [Event] = []
        if i % 4 != 1 {   // else known only from touches and stages: source `unknown`
            events.append(EventBuilder.leadCreated(id, source: sources[i % sources.count], tenant: tenant, at: t))
        }
        for k in 0..<(i % 6) {
            events.append(EventBuilder.touch(id, channel: channels[(i + k) % channels.count], cost: Double(k) * 0.25,
                                             aiAssisted: k % 2 == 0, feature: k % 3 == 1 ? "feature-\(k % 4)" : nil,
                                             tenant: tenant, at: t + Int64(k) * 1_000))
        }
        let stages: [Stage] = [.contacted, .qualified, .meeting, .proposal]
        if i % 3 != 2 {
            for (s, stage) in stages.prefix(i % 5).enumerated() {
                events.append(EventBuilder.stage(id, stage, tenant: tenant, at: t + 10_000 + Int64(s) * 1_000))
            }
        }
        if i % 4 == 0 { events.append(EventBuilder.stage(id, .lost, tenant: tenant, at: t + 20_000)) }
        if i % 5 == 0 {
            events.append(EventBuilder.stage(id, .won, revenue: Double(i % 13) * 100.5, tenant: tenant, at: t + 30_000))
        }
        if i % 8 == 0 {   // lost, then moved on: open again
            events.append(EventBuilder.stage(id, .meeting, tenant: tenant, at: t + 40_000))
        }
        return events
    }

    /// `count` leads of 3 tenants in a table of `capacity` (`maxTouchesPerLead` 3), ten a
    /// second (the first evicted when `count` exceeds `capacity`); 20 hours later one in
    /// five of the first (or, `touchingLast`, of the last) active again; 36 hours after the
    /// start a retention sweep removes the rest and `refill` new leads take freed slots
    /// (past `capacity`, the ring wraps).
    static func engine(leads count: Int, capacity: Int, refill: Int, touchingLast: Bool = false) -> Engine {
        var engine = Engine(configuration: EngineConfiguration(slos: [], maxLeads: capacity, maxTouchesPerLead: 3,
                                                               leadRetentionDays: 1))
        let t = TestTime.start
        var events: [Event] = []
        for i in 0..<count { events += Self.events(lead: i, tenants: 3, at: t + Int64(i) * 100) }
        engine.apply(events.sorted { $0.time < $1.time }, receivedAt: t + Int64(count) * 100 + 60_000)
        let again = (0..<max(1, count / 10)).map { j in
            let i = touchingLast ? count - 1 - j * 2 : j * 2
            return EventBuilder.touch(id(i), channel: "email", tenant: "tenant-\(i % 3)", at: t + TestTime.hours(20))
        }
        engine.apply(again, receivedAt: t + TestTime.hours(20))
        let later = t + TestTime.hours(36)
        let fresh = (0..<refill).flatMap { Self.events(lead: count + $0, tenants: 3, at: later + Int64($0) * 100) }
        engine.apply(fresh.sorted { $0.time < $1.time }, receivedAt: later + Int64(refill) * 100 + 60_000)
        return engine
    }

    /// 12 leads in 8 slots, then 4 refilled (a free slot left): small enough to keep its
    /// bytes in a test.
    static func small() -> Engine { engine(leads: 12, capacity: 8, refill: 4) }

    /// The lead table's bytes as layout 1 wrote them (each slot's lead whole, through its
    /// `Codable`): only the slots differ from the columns.
    static func layoutOneBytes(of table: LeadTable) throws -> [UInt8] {
        let capacity = try StateEncoder.encode(table.capacity)
        let columns = try StateEncoder.encode(try LeadColumns(table.entries))
        return try capacity + StateEncoder.encode(table.entries)
            + StateEncoder.encode(table)[(capacity.count + columns.count)...]
    }

    /// `engine`'s bytes as layout 1 wrote them: its latency rings as whole histograms
    /// (`.engineLayout` 1, as layouts 1 and 2 wrote them) and its lead table's bytes
    /// replaced by `table` (by default layout 1's): the table's bytes sit whole in the
    /// engine's (the format is positional).
    static func layoutOneBody(of engine: Engine, table: [UInt8]? = nil) throws -> [UInt8]? {
        let current = try StateEncoder.encode(engine, userInfo: [.engineLayout: UInt32(1)])
        let now = try StateEncoder.encode(engine.leads.table)
        guard let at = (0...(current.count - now.count)).first(where: { current[$0..<$0 + now.count].elementsEqual(now) })
        else { return nil }
        let old = try table ?? layoutOneBytes(of: engine.leads.table)
        return Array(current[..<at]) + old + Array(current[(at + now.count)...])
    }
}
