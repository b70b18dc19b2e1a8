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
    /// Dispatches on length first so a key costs at most four short comparisons.
    static func match(_ key: UnsafeRawBufferPointer) -> Field? {
        @inline(__always) func when(_ field: Field) -> Field? { key.equals(field.wireName) ? field : nil }
        switch key.count {
        case 2: return when(.ts)
        case 3: return when(.slo)
        case 4: return when(.type) ?? when(.cost) ?? when(.good)
        case 5: return when(.stage) ?? when(.model)
        case 6: return when(.tenant) ?? when(.source)
        case 7: return when(.leadID) ?? when(.channel) ?? when(.revenue) ?? when(.success)
        case 8: return when(.provider) ?? when(.scenario) ?? when(.costUSD)
        case 10: return when(.latencyMs) ?? when(.touchType)
        case 11: return when(.aiAssisted)
        case 12: return when(.featureUsed) ?? when(.tokensInput) ?? when(.messageType)
        case 13: return when(.tokensOutput)
        case 16: return when(.durationSeconds)
        default: return nil
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
