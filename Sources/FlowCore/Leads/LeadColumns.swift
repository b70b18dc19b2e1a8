/// The lead table's slots as a checkpoint writes them: one array per field, each of
/// fixed-width numbers (which FlowStore's `StateEncoder` writes as raw bytes in one copy),
/// strings named by their index in one table of distinct strings.
///
/// Why columns: written lead by lead, every field of every lead went through `Codable`'s
/// keyed containers, about 19 µs a lead to encode and 26 to decode, so the default
/// 200,000 leads took 3.8 s to write and 5.1 s to read, and a restart over 5 s
/// (docs/benchmarks.md, "Checkpoint codec"). Here a lead costs a few appends to arrays and
/// a string lookup or two, and to decode the allocation of its touches and stage times:
/// 1.5 µs and 1 µs, a restart under half a second. Tenants, sources, channels and features
/// are few and repeat: one table of them, and a 4-byte index a use. Ids are unique: their
/// UTF-8 one after another, with a length each, one array of bytes rather than 200,000
/// strings through a container.
///
/// The in-memory types stay as they are (records with their own strings and arrays), and
/// every value comes back exactly: whether a slot is free, a lead has a funnel or a lost
/// time, a touch a feature, which of a funnel's stage times are set.
///
/// ```swift
/// let columns = try LeadColumns(entries)          // encoding
/// let entries = try columns.entries()             // decoding; throws `Mismatch`
/// ```
struct LeadColumns: Codable {
    /// Per slot: 0 for a free slot, else `occupied`, plus `hasFunnel` and `hasLostTime`.
    var slots: [UInt8] = []
    /// The tenants, sources, channels and features, each once, in order of first use.
    var strings: [String] = []

    // Per lead (occupied slot), in slot order.
    var tenants: [UInt32] = []
    /// The ids' UTF-8, one after another; `idLengths` cuts them apart.
    var idBytes: [UInt8] = []
    var idLengths: [UInt32] = []
    var sources: [UInt32] = []
    var created: [Int64] = []
    var touchCounts: [UInt32] = []

    // Per touch, the leads' touches one after another.
    var touchChannels: [UInt32] = []
    var touchTimes: [Int64] = []
    var touchCosts: [Double] = []
    var touchAIAssisted: [UInt8] = []
    /// `noFeature` for a touch without one.
    var touchFeatures: [UInt32] = []

    // Per lead with a funnel.
    var funnelTenants: [UInt32] = []
    var funnelSources: [UInt32] = []
    var funnelCreated: [Int64] = []
    var reachedCounts: [UInt8] = []
    /// Per entry of each funnel's `reached`: 1 when it is set, 0 when nil.
    var reachedSet: [UInt8] = []
    /// The set entries only.
    var reachedTimes: [Int64] = []
    var wonRevenue: [Double] = []
    /// Per lead with a lost time.
    var lostAt: [Int64] = []

    static let occupied: UInt8 = 1, hasFunnel: UInt8 = 2, hasLostTime: UInt8 = 4
    static let noFeature = UInt32.max

    /// Why a set of columns does not make a table (they disagree, or a count is out of
    /// range): only a damaged checkpoint that still passed its checksum.
    struct Mismatch: Error {
        var what: String
    }

    init(_ entries: [LeadTable.Entry?]) throws(Mismatch) {
        var table: [String] = []
        var index: [String: UInt32] = [:]
        func intern(_ string: String) -> UInt32 {
            if let known = index[string] { return known }
            let new = UInt32(truncatingIfNeeded: table.count)
            table.append(string)
            index[string] = new
            return new
        }
        slots.reserveCapacity(entries.count)
        tenants.reserveCapacity(entries.count)
        idLengths.reserveCapacity(entries.count)
        sources.reserveCapacity(entries.count)
        created.reserveCapacity(entries.count)
        touchCounts.reserveCapacity(entries.count)
        for entry in entries {
            guard let entry else {
                slots.append(0)
                continue
            }
            let record = entry.record
            var flags = Self.occupied
            tenants.append(intern(entry.key.tenant))
            var id = entry.key.id
            id.withUTF8 { idBytes.append(contentsOf: $0) }
            idLengths.append(UInt32(truncatingIfNeeded: id.utf8.count))
            sources.append(intern(record.source))
            created.append(record.created)
            touchCounts.append(UInt32(truncatingIfNeeded: record.touches.count))
            for touch in record.touches {
                touchChannels.append(intern(touch.channel))
                touchTimes.append(touch.time)
                touchCosts.append(touch.cost)
                touchAIAssisted.append(touch.aiAssisted ? 1 : 0)
                touchFeatures.append(touch.feature.map(intern) ?? Self.noFeature)
            }
            if let funnel = record.funnel {
                flags |= Self.hasFunnel
                guard funnel.reached.count <= Int(UInt8.max) else {
                    throw Mismatch(what: "a funnel of \(funnel.reached.count) stage times")
                }
                funnelTenants.append(intern(funnel.tenant))
                funnelSources.append(intern(funnel.source))
                funnelCreated.append(funnel.created)
                reachedCounts.append(UInt8(funnel.reached.count))
                for time in funnel.reached {
                    reachedSet.append(time == nil ? 0 : 1)
                    if let time { reachedTimes.append(time) }
                }
                wonRevenue.append(funnel.wonRevenue)
                if let lost = funnel.lostAt {
                    flags |= Self.hasLostTime
                    lostAt.append(lost)
                }
            }
            slots.append(flags)
        }
        strings = table
        // Ids past 4 GiB, or more distinct strings than an index names, cannot be written.
        guard strings.count < Int(Self.noFeature), idLengths.count == tenants.count,
              touchCounts.count <= Int(UInt32.max), idBytes.count <= Int(UInt32.max) else {
            throw Mismatch(what: "\(strings.count) distinct strings, \(idBytes.count) bytes of ids")
        }
    }

    /// The slots back, each lead as it was.
    func entries() throws(Mismatch) -> [LeadTable.Entry?] {
        let leads = tenants.count
        let funnels = funnelTenants.count
        let touches = touchChannels.count
        guard idLengths.count == leads, sources.count == leads, created.count == leads, touchCounts.count == leads,
              touchTimes.count == touches, touchCosts.count == touches, touchAIAssisted.count == touches,
              touchFeatures.count == touches, funnelSources.count == funnels, funnelCreated.count == funnels,
              reachedCounts.count == funnels, wonRevenue.count == funnels
        else { throw Mismatch(what: "columns of different lengths") }
        func string(_ index: UInt32) throws(Mismatch) -> String {
            guard index < strings.count else { throw Mismatch(what: "string \(index) of \(strings.count)") }
            return strings[Int(index)]
        }
        var entries: [LeadTable.Entry?] = []
        entries.reserveCapacity(slots.count)
        var lead = 0, idStart = 0, touch = 0, funnel = 0, stage = 0, setStage = 0, lost = 0
        for flags in slots {
            guard flags != 0 else {
                entries.append(nil)
                continue
            }
            guard flags & Self.occupied != 0, flags < 8, lead < leads else {
                throw Mismatch(what: "slot flags \(flags) for lead \(lead) of \(leads)")
            }
            let idEnd = idStart + Int(idLengths[lead])
            let touchEnd = touch + Int(touchCounts[lead])
            guard idEnd <= idBytes.count, touchEnd <= touches else {
                throw Mismatch(what: "lead \(lead) past the end of its ids or touches")
            }
            let key = LeadKey(tenant: try string(tenants[lead]),
                              id: String(decoding: idBytes[idStart..<idEnd], as: UTF8.self))
            var record = LeadRecord(source: try string(sources[lead]), created: created[lead])
            if touchEnd > touch {
                record.touches.reserveCapacity(touchEnd - touch)
                for t in touch..<touchEnd {
                    let feature = touchFeatures[t]
                    record.touches.append(TouchRecord(
                        channel: try string(touchChannels[t]), time: touchTimes[t], cost: touchCosts[t],
                        aiAssisted: touchAIAssisted[t] != 0,
                        feature: feature == Self.noFeature ? nil : try string(feature)))
                }
            }
            if flags & Self.hasFunnel != 0 {
                guard funnel < funnels else { throw Mismatch(what: "more funnels than \(funnels)") }
                let count = Int(reachedCounts[funnel])
                guard stage + count <= reachedSet.count else { throw Mismatch(what: "funnel \(funnel)'s stage times") }
                var reached: [EpochMillis?] = []
                reached.reserveCapacity(count)
                for set in reachedSet[stage..<stage + count] {
                    guard set != 0 else {
                        reached.append(nil)
                        continue
                    }
                    guard setStage < reachedTimes.count else { throw Mismatch(what: "funnel \(funnel)'s stage times") }
                    reached.append(reachedTimes[setStage])
                    setStage += 1
                }
                stage += count
                var lostTime: EpochMillis?
                if flags & Self.hasLostTime != 0 {
                    guard lost < lostAt.count else { throw Mismatch(what: "more lost times than \(lostAt.count)") }
                    lostTime = lostAt[lost]
                    lost += 1
                }
                record.funnel = FunnelLead(stored: try string(funnelTenants[funnel]), source: try string(funnelSources[funnel]),
                                           created: funnelCreated[funnel], reached: reached, lostAt: lostTime,
                                           wonRevenue: wonRevenue[funnel])
                funnel += 1
            } else if flags & Self.hasLostTime != 0 {
                throw Mismatch(what: "a lost time without a funnel")
            }
            entries.append(LeadTable.Entry(key: key, record: record))
            lead += 1
            idStart = idEnd
            touch = touchEnd
        }
        guard lead == leads, idStart == idBytes.count, touch == touches, funnel == funnels,
              stage == reachedSet.count, setStage == reachedTimes.count, lost == lostAt.count
        else { throw Mismatch(what: "columns longer than their \(lead) leads") }
        return entries
    }
}
