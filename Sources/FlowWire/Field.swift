import FlowCore

/// The object keys EVENTS.md gives a meaning to. Every other key is skipped (after its
/// value has been checked to be valid JSON), so the scanner can remember each known
/// field in a fixed slot instead of building a dictionary per line.
enum Field: Int, CaseIterable {
    case type, ts, tenant
    case leadID, source, stage, revenue
    case channel, touchType, featureUsed, aiAssisted, cost
    case latencyMs, model
    case provider, scenario, tokensInput, tokensOutput, costUSD, durationSeconds, success
    case messageType
    case slo, good

    static let count = allCases.count

    /// The key as it appears on the wire; also the `detail` of a rejection about it.
    @inline(__always)
    var wireName: StaticString {
        switch self {
        case .type: "type"
        case .ts: "ts"
        case .tenant: "tenant"
        case .leadID: "lead_id"
        case .source: "source"
        case .stage: "stage"
        case .revenue: "revenue"
        case .channel: "channel"
        case .touchType: "touch_type"
        case .featureUsed: "feature_used"
        case .aiAssisted: "ai_assisted"
        case .cost: "cost"
        case .latencyMs: "latency_ms"
        case .model: "model"
        case .provider: "provider"
        case .scenario: "scenario"
        case .tokensInput: "tokens_input"
        case .tokensOutput: "tokens_output"
        case .costUSD: "cost_usd"
        case .durationSeconds: "duration_seconds"
        case .success: "success"
        case .messageType: "message_type"
        case .slo: "slo"
        case .good: "good"
        }
    }

    /// The largest value a number field may carry (`EventLimits`, docs/events.md "Limits");
    /// nil for fields that are not numbers.
    var maximum: Double? {
        switch self {
        case .revenue: EventLimits.maxRevenue
        case .cost: EventLimits.maxTouchCost
        case .costUSD: EventLimits.maxAICostUSD
        case .latencyMs: EventLimits.maxLatencyMs
        case .durationSeconds: EventLimits.maxDurationSeconds
        case .tokensInput, .tokensOutput: Double(EventLimits.maxTokens)
        default: nil
        }
    }

    /// A string field whose values repeat from event to event (a tenant, a model, a
    /// channel, an SLO's name), worth a `LabelCache`; a lead id rarely repeats soon.
    var isLabel: Bool { self != .leadID }

    /// The wire name as a `String`, for rejection details.
    var name: String { wireName.description }

    /// The field whose key is exactly these bytes (already unescaped), if any.
    /// A key is at most 16 bytes, so it is compared as two little-endian words (zero
    /// padded) against the constants of the fields of its length, at most three: a few
    /// instructions a key, where comparing byte by byte cost a loop per candidate. The
    /// constants are the wire names' bytes; `FieldTests` checks them against `wireName`.
    static func match(_ key: UnsafeRawBufferPointer) -> Field? { match(key, readable: key.count) }

    /// As `match(_:)`, reading the key's words straight from the line when `readable`
    /// bytes from its start allow (`TokenWords`).
    @inline(__always)
    static func match(_ key: UnsafeRawBufferPointer, readable: Int) -> Field? {
        let length = key.count
        guard length <= 16 else { return nil }
        let key = (low: TokenWords.word(0, of: key, readable: readable),
                   high: TokenWords.word(1, of: key, readable: readable))
        return switch length {
        case 2: key.low == 0x0000000000007374 ? .ts : nil
        case 3: key.low == 0x00000000006F6C73 ? .slo : nil
        case 4: key.low == 0x0000000065707974 ? .type
                : key.low == 0x0000000074736F63 ? .cost
                : key.low == 0x00000000646F6F67 ? .good : nil
        case 5: key.low == 0x0000006567617473 ? .stage
                : key.low == 0x0000006C65646F6D ? .model : nil
        case 6: key.low == 0x0000746E616E6574 ? .tenant
                : key.low == 0x0000656372756F73 ? .source : nil
        case 7: key.low == 0x0064695F6461656C ? .leadID
                : key.low == 0x0065756E65766572 ? .revenue
                : key.low == 0x006C656E6E616863 ? .channel
                : key.low == 0x0073736563637573 ? .success : nil
        case 8: key.low == 0x72656469766F7270 ? .provider
                : key.low == 0x6F6972616E656373 ? .scenario
                : key.low == 0x6473755F74736F63 ? .costUSD : nil
        case 10: key.low == 0x79745F6863756F74 && key.high == 0x0000000000006570 ? .touchType
                : key.low == 0x5F79636E6574616C && key.high == 0x000000000000736D ? .latencyMs : nil
        case 11: key.low == 0x73697373615F6961 && key.high == 0x0000000000646574 ? .aiAssisted : nil
        case 12: key.low == 0x5F65727574616566 && key.high == 0x0000000064657375 ? .featureUsed
                : key.low == 0x695F736E656B6F74 && key.high == 0x000000007475706E ? .tokensInput
                : key.low == 0x5F6567617373656D && key.high == 0x0000000065707974 ? .messageType : nil
        case 13: key.low == 0x6F5F736E656B6F74 && key.high == 0x0000007475707475 ? .tokensOutput : nil
        case 16: key.low == 0x6E6F697461727564 && key.high == 0x73646E6F6365735F ? .durationSeconds : nil
        default: nil
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Byte-wise equality with an ASCII literal, without building a `String`.
    @inline(__always)
    func equals(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard count == n else { return false }
        let lit = literal.utf8Start
        var i = 0
        while i < n {
            if self[i] != lit[i] { return false }
            i += 1
        }
        return true
    }
}
