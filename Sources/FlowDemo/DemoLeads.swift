import FlowCore

/// Lead journeys of the demo: leads are created, touched on channels (often with AI),
/// moved through the stages, and won with revenue or lost.
extension DemoWorkload {
    mutating func leadActivity(_ l: inout LineWriter) {
        let r = rng.unit()
        if openLeads.isEmpty || r < 0.25 || (openLeads.count < 50 && r < 0.6) {
            createLead(&l)
        } else if r < 0.72 {
            touch(&l)
        } else {
            advance(&l)
        }
    }

    private mutating func createLead(_ l: inout LineWriter) {
        let id = nextLead
        nextLead += 1
        let t = Int(rng.pick([0, 1, 2], weights: DemoWorkload.tenantWeights))
        if openLeads.count >= maxOpenLeads { openLeads.removeFirst(openLeads.count / 4) }
        openLeads.append((id, t, .leadCreated))
        l.field("type", "lead_created")
        l.field("lead_id", "L-\(id)")
        l.field("source", rng.pick(DemoWorkload.sources, weights: DemoWorkload.sourceWeights))
        l.field("tenant", DemoWorkload.tenants[t])
    }

    private mutating func touch(_ l: inout LineWriter) {
        let lead = openLeads[Int(rng.next() % UInt64(openLeads.count))]
        l = touchLine(lead: lead.id, tenant: lead.tenant)
    }

    private mutating func advance(_ l: inout LineWriter) {
        let i = Int(rng.next() % UInt64(openLeads.count))
        let lead = openLeads[i]
        // Later stages are harder to reach: about a tenth of leads end up won.
        let keep = [0.8, 0.75, 0.7, 0.65, 0.6][min(Int(lead.stage.rawValue), 4)]
        let next: Stage = rng.chance(keep) ? Stage(rawValue: lead.stage.rawValue + 1) ?? .won : .lost
        l.field("type", "lead_stage")
        l.field("lead_id", "L-\(lead.id)")
        l.field("stage", next.name)
        if next == .won { l.number("revenue", dealRevenue()) }
        l.field("tenant", DemoWorkload.tenants[lead.tenant])
        if next == .won || next == .lost {
            openLeads.swapAt(i, openLeads.count - 1)
            openLeads.removeLast()
        } else {
            openLeads[i].stage = next
        }
    }
}

/// Builds one JSON object line without Foundation: the values the demo writes need no
/// escaping beyond what `field` does.
struct LineWriter {
    var bytes: [UInt8] = [UInt8(ascii: "{")]

    private mutating func key(_ k: String) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: k.utf8)
        bytes.append(contentsOf: "\":".utf8)
    }

    mutating func field(_ k: String, _ v: String) {
        key(k)
        bytes.append(UInt8(ascii: "\""))
        for b in v.utf8 {
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func number(_ k: String, _ v: Double) {
        key(k)
        if v == v.rounded(), abs(v) < 1e15 {
            bytes.append(contentsOf: String(Int64(v)).utf8)
        } else {
            bytes.append(contentsOf: v.description.utf8)
        }
    }

    mutating func bool(_ k: String, _ v: Bool) {
        key(k)
        bytes.append(contentsOf: (v ? "true" : "false").utf8)
    }

    /// Adds `ts` as Unix seconds with milliseconds, closes the object and the line.
    mutating func finish(time: EpochMillis) {
        key("ts")
        let secs = time / 1000, ms = time % 1000
        bytes.append(contentsOf: String(secs).utf8)
        bytes.append(UInt8(ascii: "."))
        if ms < 100 { bytes.append(UInt8(ascii: "0")) }
        if ms < 10 { bytes.append(UInt8(ascii: "0")) }
        bytes.append(contentsOf: String(ms).utf8)
        bytes.append(contentsOf: "}\n".utf8)
    }
}
