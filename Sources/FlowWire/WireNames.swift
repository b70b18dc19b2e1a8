import FlowCore

/// The `type` values of EVENTS.md, matched straight against the line's bytes so the
/// type name never becomes a `String` on the accepted path.
enum WireEventType {
    case leadCreated, leadStage, touchpoint, aiResponseLatency, aiRequest
    case messageProcessingLatency, messageSent, sli, sync

    static func match(_ name: UnsafeRawBufferPointer) -> WireEventType? {
        switch name.count {
        case 3: name.equals("sli") ? .sli : nil
        case 4: name.equals("sync") ? .sync : nil
        case 10:
            name.equals("touchpoint") ? .touchpoint
                : name.equals("lead_stage") ? .leadStage
                : name.equals("ai_request") ? .aiRequest : nil
        case 12:
            name.equals("lead_created") ? .leadCreated
                : name.equals("message_sent") ? .messageSent : nil
        case 19: name.equals("ai_response_latency") ? .aiResponseLatency : nil
        case 26: name.equals("message_processing_latency") ? .messageProcessingLatency : nil
        default: nil
        }
    }

    /// Events about a lead, kept as long as leads are (`EventHorizon`).
    var isLeadEvent: Bool {
        switch self {
        case .leadCreated, .leadStage, .touchpoint: true
        default: false
        }
    }
}

extension Stage {
    /// The stages a `lead_stage` event may name. `lead_created` is not one of them: a
    /// lead enters the funnel through its own event type.
    static func matchWire(_ name: UnsafeRawBufferPointer) -> Stage? {
        switch name.count {
        case 3: name.equals("won") ? .won : nil
        case 4: name.equals("lost") ? .lost : nil
        case 7: name.equals("meeting") ? .meeting : nil
        case 8: name.equals("proposal") ? .proposal : nil
        case 9:
            name.equals("contacted") ? .contacted
                : name.equals("qualified") ? .qualified : nil
        default: nil
        }
    }
}

/// A client-supplied value quoted in a rejection detail, cut to a length that fits a
/// dashboard row and an ack line, with control characters made visible.
func excerpt(_ value: String, limit: Int = 48) -> String {
    var out = ""
    for (i, scalar) in value.unicodeScalars.enumerated() {
        if i == limit {
            out += "..."
            break
        }
        out.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? "?" : scalar)
    }
    return out
}
