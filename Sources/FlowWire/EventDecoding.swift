import FlowCore
import FlowFormats

/// From the scanned fields of a syntactically valid line to an `Event`, applying the
/// field rules of EVENTS.md.
///
/// Checks run in a fixed order, and the first failure is the one reported: `type`, then
/// `ts` (format, then `ts_in_future` or `ts_too_old`), then `tenant`, then the type's own fields,
/// required ones before optional ones, in the order EVENTS.md lists them.
///
/// Choices EVENTS.md leaves open:
/// - A `stage` that is not one of `contacted`, `qualified`, `meeting`, `proposal`, `won`,
///   `lost` is `out_of_range` (detail `stage`): the value lies outside the field's set.
///   There is no separate code for it and `unknown_type` names the event type.
/// - A `ts` string that is not shaped like RFC 3339 is `wrong_type`; one that is shaped
///   right but names no real time (`2026-02-30T...`) is `out_of_range`. A numeric `ts`
///   outside years 0000-9999 is `out_of_range`.
/// - `tenant` is counted in Unicode scalars, 1-128, so a tenant is at most 512 bytes.
/// - `sync` ignores every other field, even an invalid `ts` or `tenant`: a client waiting
///   for its ack always gets one. Its time is the receive time, its tenant `"default"`.
/// - Empty strings are accepted for required string fields other than `tenant`.
struct EventDecoder {
    let fields: FieldReader
    let horizon: EventHorizon

    /// `knownSLOs` is borrowed, not kept, so a line costs no retain of the set.
    func event(receivedAt: EpochMillis, knownSLOs: borrowing Set<String>) throws(Rejection) -> Event {
        let type = try eventType()
        if type == .sync { return Event(time: receivedAt, body: .sync) }
        let time = try timestamp(receivedAt: receivedAt, isLeadEvent: type.isLeadEvent)
        let tenant = try tenant()
        return Event(time: time, tenant: tenant, body: try body(type, knownSLOs: knownSLOs))
    }

    private func eventType() throws(Rejection) -> WireEventType {
        guard let token = try fields.stringToken(.type) else { throw Rejection(.missingField, "type") }
        let type = JSONStringDecoding.withBytes(of: token, in: fields.bytes) { WireEventType.match($0) }
        guard let type else {
            throw Rejection(.unknownType, excerpt(JSONStringDecoding.string(token, in: fields.bytes)))
        }
        return type
    }

    /// `ts`, or the receive time without one; outside the engine's horizon around the
    /// receive time it is `ts_in_future` or `ts_too_old`.
    private func timestamp(receivedAt: EpochMillis, isLeadEvent: Bool) throws(Rejection) -> EpochMillis {
        let value = fields[.ts]
        let time: EpochMillis
        switch value.kind {
        case .absent, .null:
            return receivedAt
        case .number:
            guard let ms = UnixSeconds.millis(JSONNumber.double(value, in: fields.bytes)) else {
                throw Rejection(.outOfRange, "ts")
            }
            time = ms
        case .string:
            let parsed = JSONStringDecoding.withBytes(of: value, in: fields.bytes) {
                text -> Result<EpochMillis, RFC3339.Failure> in
                Result { () throws(RFC3339.Failure) in try RFC3339.millis(text) }
            }
            switch parsed {
            case .success(let ms): time = ms
            case .failure(.malformed): throw Rejection(.wrongType, "ts")
            case .failure(.outOfRange): throw Rejection(.outOfRange, "ts")
            }
        default:
            throw Rejection(.wrongType, "ts")
        }
        if let rejection = horizon.rejection(time: time, isLeadEvent: isLeadEvent, now: receivedAt) { throw rejection }
        return time
    }

    private func tenant() throws(Rejection) -> String {
        guard let token = try fields.stringToken(.tenant) else { return "default" }
        let byteCount = token.end - token.start
        guard byteCount > 0 else { throw Rejection(.outOfRange, "tenant") }
        let tenant = fields.label(token)
        // 128 bytes are at most 128 scalars; only longer ones need counting.
        if byteCount > 128, tenant.unicodeScalars.count > 128 { throw Rejection(.outOfRange, "tenant") }
        return tenant
    }

    private func body(_ type: WireEventType, knownSLOs: borrowing Set<String>) throws(Rejection) -> EventBody {
        switch type {
        case .leadCreated:
            return .leadCreated(
                leadID: try fields.requiredString(.leadID),
                source: try fields.string(.source) ?? "unknown")
        case .leadStage:
            return .leadStage(
                leadID: try fields.requiredString(.leadID), stage: try stage(),
                revenue: try fields.amount(.revenue) ?? 0)
        case .touchpoint:
            return .touchpoint(
                Touchpoint(
                    leadID: try fields.requiredString(.leadID), channel: try fields.requiredString(.channel),
                    touchType: try fields.string(.touchType), featureUsed: try fields.string(.featureUsed),
                    aiAssisted: try fields.bool(.aiAssisted) ?? false, cost: try fields.amount(.cost) ?? 0))
        case .aiResponseLatency:
            return .aiResponseLatency(
                latencyMs: try fields.requiredAmount(.latencyMs), model: try fields.string(.model))
        case .aiRequest:
            return .aiRequest(
                AIRequest(
                    provider: try fields.requiredString(.provider), model: try fields.requiredString(.model),
                    scenario: try fields.string(.scenario),
                    tokensInput: try fields.count(.tokensInput) ?? 0,
                    tokensOutput: try fields.count(.tokensOutput) ?? 0,
                    costUSD: try fields.amount(.costUSD) ?? 0,
                    durationSeconds: try fields.amount(.durationSeconds) ?? 0,
                    success: try fields.bool(.success) ?? true))
        case .messageProcessingLatency:
            return .messageProcessingLatency(
                latencyMs: try fields.requiredAmount(.latencyMs), success: try fields.bool(.success) ?? true,
                channel: try fields.string(.channel))
        case .messageSent:
            return .messageSent(
                channel: try fields.requiredString(.channel),
                messageType: try fields.string(.messageType) ?? "outbound")
        case .sli:
            return try sli(knownSLOs: knownSLOs)
        case .sync:
            return .sync
        }
    }

    private func stage() throws(Rejection) -> Stage {
        guard let token = try fields.stringToken(.stage) else { throw Rejection(.missingField, "stage") }
        guard let stage = JSONStringDecoding.withBytes(of: token, in: fields.bytes, { Stage.matchWire($0) }) else {
            throw Rejection(.outOfRange, "stage")
        }
        return stage
    }

    /// `slo` must name a configured SLO; then `good`, `latency_ms` or both must be there.
    private func sli(knownSLOs: borrowing Set<String>) throws(Rejection) -> EventBody {
        let slo = try fields.requiredString(.slo)
        guard knownSLOs.contains(slo) else { throw Rejection(.unknownSLO, excerpt(slo)) }
        let good = try fields.bool(.good)
        let latency = try fields.amount(.latencyMs)
        guard good != nil || latency != nil else { throw Rejection(.missingField, "good or latency_ms") }
        return .sli(slo: slo, good: good, latencyMs: latency)
    }
}
