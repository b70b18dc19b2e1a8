import FlowCore

/// One `Event` as journal bytes, written under the engine's lock for every event ingest
/// accepts, so it is hand-written and allocation-free: a kind byte, a flags byte (which
/// optional fields follow, and the booleans), the time as a zigzag varint *relative to the
/// batch's receive time* (usually a few bytes, where an absolute time takes six), the
/// tenant, then the kind's fields in declaration order.
///
/// ```text
/// ai_response_latency, tenant "acme", 840 ms, model "gpt-4o", 2 s before receipt:
/// 04 01 | a7 1f | 04 'acme' | 00 00 00 00 00 40 8a 40 | 06 'gpt-4o'
/// kind flags  time   tenant        latency_ms (f64)         model
/// ```
///
/// The kind codes and flag bits are the format: never renumber one; add new kinds at the
/// end and raise `JournalFormat.version` if old builds must refuse them.
enum EventCodec {
    enum Kind: UInt8 {
        case leadCreated = 1, leadStage, touchpoint, aiResponseLatency, aiRequest,
             messageProcessingLatency, messageSent, sli, sync
    }

    /// Flag bits. One byte serves every kind: an optional field present, or a boolean.
    enum Flag {
        static let first: UInt8 = 1       // touchType, model, scenario, channel; sli: good present
        static let second: UInt8 = 2      // featureUsed; sli: good's value
        static let boolean: UInt8 = 4     // aiAssisted, success; sli: latencyMs present
    }

    /// Reads the event where it lies: a switch over a borrowed `Event` copied the whole of
    /// it first (each of its strings retained, then released).
    @inline(__always)
    static func encode(_ pointer: UnsafePointer<Event>, receivedAt: EpochMillis, into w: inout BinaryWriter,
                       labels: inout LabelEncoder) {
        let time = pointer.pointee.time &- receivedAt
        switch pointer.pointee.body {
        case .leadCreated(let leadID, let source):
            header(.leadCreated, 0, time, pointer.pointee.tenant, &w, &labels)
            w.string(leadID)
            labels.write(source, into: &w)
        case .leadStage(let leadID, let stage, let revenue):
            header(.leadStage, 0, time, pointer.pointee.tenant, &w, &labels)
            w.string(leadID)
            w.u8(stage.rawValue)
            w.f64(revenue)
        case .touchpoint(let t):
            header(.touchpoint, flags(t.touchType != nil, t.featureUsed != nil, t.aiAssisted), time, pointer.pointee.tenant, &w, &labels)
            w.string(t.leadID)
            labels.write(t.channel, into: &w)
            if let touchType = t.touchType { labels.write(touchType, into: &w) }
            if let featureUsed = t.featureUsed { labels.write(featureUsed, into: &w) }
            w.f64(t.cost)
        case .aiResponseLatency(let latencyMs, let model):
            header(.aiResponseLatency, flags(model != nil, false, false), time, pointer.pointee.tenant, &w, &labels)
            w.f64(latencyMs)
            if let model { labels.write(model, into: &w) }
        case .aiRequest(let r):
            header(.aiRequest, flags(r.scenario != nil, false, r.success), time, pointer.pointee.tenant, &w, &labels)
            labels.write(r.provider, into: &w)
            labels.write(r.model, into: &w)
            if let scenario = r.scenario { labels.write(scenario, into: &w) }
            w.signedVarint(r.tokensInput)
            w.signedVarint(r.tokensOutput)
            w.f64(r.costUSD)
            w.f64(r.durationSeconds)
        case .messageProcessingLatency(let latencyMs, let success, let channel):
            header(.messageProcessingLatency, flags(channel != nil, false, success), time, pointer.pointee.tenant, &w, &labels)
            w.f64(latencyMs)
            if let channel { labels.write(channel, into: &w) }
        case .messageSent(let channel, let messageType):
            header(.messageSent, 0, time, pointer.pointee.tenant, &w, &labels)
            labels.write(channel, into: &w)
            labels.write(messageType, into: &w)
        case .sli(let slo, let good, let latencyMs):
            header(.sli, flags(good != nil, good == true, latencyMs != nil), time, pointer.pointee.tenant, &w, &labels)
            labels.write(slo, into: &w)
            if let latencyMs { w.f64(latencyMs) }
        case .sync:
            header(.sync, 0, time, pointer.pointee.tenant, &w, &labels)
        }
    }

    @inline(__always)
    private static func header(_ kind: Kind, _ flags: UInt8, _ time: Int64, _ tenant: String, _ w: inout BinaryWriter,
                               _ labels: inout LabelEncoder) {
        w.u8(kind.rawValue)
        w.u8(flags)
        w.signedVarint(time)
        labels.write(tenant, into: &w)
    }

    @inline(__always)
    private static func flags(_ first: Bool, _ second: Bool, _ boolean: Bool) -> UInt8 {
        (first ? Flag.first : 0) | (second ? Flag.second : 0) | (boolean ? Flag.boolean : 0)
    }

    /// `labels`: the entry's labels so far, or nil for an entry of format 1, whose labels
    /// are plain strings.
    static func decode(_ r: inout BinaryReader, receivedAt: EpochMillis,
                       labels: inout LabelDecoder?) throws(DecodeError) -> Event {
        let kindAt = r.offset
        guard let kind = Kind(rawValue: try r.u8()) else {
            throw DecodeError(offset: kindAt, reason: "unknown event kind \(r.bytes[kindAt])")
        }
        let flagsAt = r.offset
        let flags = try r.u8()
        let time = receivedAt &+ (try r.signedVarint())
        let tenant = try label(&r, &labels)
        func allow(_ mask: UInt8) throws(DecodeError) {
            guard flags & ~mask == 0 else {
                throw DecodeError(offset: flagsAt, reason: "flags \(flags) not defined for \(kind)")
            }
        }
        func has(_ bit: UInt8) -> Bool { flags & bit != 0 }
        let body: EventBody
        switch kind {
        case .leadCreated:
            try allow(0)
            body = .leadCreated(leadID: try r.string(), source: try label(&r, &labels))
        case .leadStage:
            try allow(0)
            let leadID = try r.string()
            let stageAt = r.offset
            guard let stage = Stage(rawValue: try r.u8()) else {
                throw DecodeError(offset: stageAt, reason: "unknown stage \(r.bytes[stageAt])")
            }
            body = .leadStage(leadID: leadID, stage: stage, revenue: try r.f64())
        case .touchpoint:
            try allow(Flag.first | Flag.second | Flag.boolean)
            let leadID = try r.string()
            let channel = try label(&r, &labels)
            let touchType = has(Flag.first) ? try label(&r, &labels) : nil
            let featureUsed = has(Flag.second) ? try label(&r, &labels) : nil
            body = .touchpoint(Touchpoint(leadID: leadID, channel: channel, touchType: touchType,
                                          featureUsed: featureUsed, aiAssisted: has(Flag.boolean), cost: try r.f64()))
        case .aiResponseLatency:
            try allow(Flag.first)
            let latencyMs = try r.f64()
            body = .aiResponseLatency(latencyMs: latencyMs, model: has(Flag.first) ? try label(&r, &labels) : nil)
        case .aiRequest:
            try allow(Flag.first | Flag.boolean)
            let provider = try label(&r, &labels)
            let model = try label(&r, &labels)
            let scenario = has(Flag.first) ? try label(&r, &labels) : nil
            let tokensInput = try r.signedVarint()
            let tokensOutput = try r.signedVarint()
            let costUSD = try r.f64()
            body = .aiRequest(AIRequest(provider: provider, model: model, scenario: scenario,
                                        tokensInput: tokensInput, tokensOutput: tokensOutput, costUSD: costUSD,
                                        durationSeconds: try r.f64(), success: has(Flag.boolean)))
        case .messageProcessingLatency:
            try allow(Flag.first | Flag.boolean)
            let latencyMs = try r.f64()
            body = .messageProcessingLatency(latencyMs: latencyMs, success: has(Flag.boolean),
                                             channel: has(Flag.first) ? try label(&r, &labels) : nil)
        case .messageSent:
            try allow(0)
            body = .messageSent(channel: try label(&r, &labels), messageType: try label(&r, &labels))
        case .sli:
            try allow(Flag.first | Flag.second | Flag.boolean)
            guard has(Flag.first) || !has(Flag.second) else {
                throw DecodeError(offset: flagsAt, reason: "an sli with a value for an absent good")
            }
            let slo = try label(&r, &labels)
            body = .sli(slo: slo, good: has(Flag.first) ? has(Flag.second) : nil,
                        latencyMs: has(Flag.boolean) ? try r.f64() : nil)
        case .sync:
            try allow(0)
            body = .sync
        }
        return Event(time: time, tenant: tenant, body: body)
    }

    @inline(__always)
    private static func label(_ r: inout BinaryReader, _ labels: inout LabelDecoder?) throws(DecodeError) -> String {
        if labels != nil { return try labels!.read(&r) }
        return try r.string()
    }
}
