import FlowCore

/// What an OpenSLO SLI (inline `indicator`, or an `SLI` document named by `indicatorRef`)
/// says about flowtop's events: which event type it reads and whether an event is good by
/// a latency threshold (`thresholdMetric`) or by a success field (`ratioMetric`). The
/// threshold itself comes from the SLO's objective, so this is turned into an `SLIKind`
/// only together with it (`ObjectiveField`).
///
/// ```yaml
/// thresholdMetric:
///   metricSource: {type: flowtop, spec: {event: ai_response_latency}}
/// ---
/// ratioMetric:
///   counter: true
///   good: {metricSource: {type: flowtop, spec: {event: ai_request, field: success}}}
///   total: {metricSource: {type: flowtop, spec: {event: ai_request}}}
/// ```
struct FlowtopIndicator {
    /// The event types that can feed an SLO (EVENTS.md).
    enum Event: String, CaseIterable {
        case aiResponseLatency = "ai_response_latency"
        case messageProcessingLatency = "message_processing_latency"
        case aiRequest = "ai_request"
        case sli

        /// The field a `thresholdMetric` compares with the objective's `value`.
        var latencyField: String {
            self == .aiRequest ? "duration_seconds" : "latency_ms"
        }

        static let list = allCases.map(\.rawValue).joined(separator: ", ")
    }

    enum Measure {
        /// Good when the latency field is at most the objective's `value`.
        case threshold
        /// Good by a success field; the kind needs nothing from the objective.
        case ratio(SLIKind)
    }

    var measure: Measure
    var event: Event
    /// `spec.slo` of a metric source on `sli` events: the SLO those events name, which
    /// must be the SLO using this SLI.
    var sloFilter: (name: String, field: FieldNode)?

    /// Reads the `spec` of an SLI: exactly one of `thresholdMetric` and `ratioMetric`.
    static func parse(spec: FieldMapping) throws(SLOFileError) -> FlowtopIndicator {
        try spec.rejectMisspelledKeys(known: ["description", "thresholdMetric", "ratioMetric"])
        switch (spec.optional("thresholdMetric"), spec.optional("ratioMetric")) {
        case (let threshold?, nil):
            let metric = try threshold.mapping()
            try metric.rejectMisspelledKeys(known: ["metricSource"])
            let source = try MetricSource.parse(try metric.required("metricSource", expecting: "a flowtop metric source"))
            if let field = source.field, field.name != source.event.latencyField {
                throw field.node.error("a thresholdMetric on \(source.event.rawValue) events compares "
                                       + "\(source.event.latencyField): expected field: \(source.event.latencyField) "
                                       + "(or no field), found `\(field.name)`")
            }
            return FlowtopIndicator(measure: .threshold, event: source.event, sloFilter: source.slo)
        case (nil, let ratio?):
            return try parseRatio(try ratio.mapping())
        case (.some, .some):
            throw (spec.keyNode("ratioMetric") ?? spec.field)
                .error("an SLI has either thresholdMetric or ratioMetric, not both")
        case (nil, nil):
            throw spec.missing("thresholdMetric", expecting: "thresholdMetric (latency under a threshold) "
                               + "or ratioMetric (good events over total events)")
        }
    }

    private static func parseRatio(_ ratio: FieldMapping) throws(SLOFileError) -> FlowtopIndicator {
        try ratio.rejectMisspelledKeys(known: ["counter", "good", "bad", "total", "raw", "rawType"])
        for unsupported in ["bad", "raw", "rawType"] {
            if let field = ratio.keyNode(unsupported) {
                throw field.error("flowtop counts good events over total events: expected good and total, "
                                  + "found \(unsupported)")
            }
        }
        if let counter = ratio.optional("counter"), try !counter.bool() {
            throw counter.error("flowtop counts events, so a ratioMetric is a counter: expected true, found false")
        }
        let goodField = try ratio.required("good", expecting: "a flowtop metric source with a good field").mapping()
        let totalField = try ratio.required("total", expecting: "a flowtop metric source").mapping()
        let good = try MetricSource.parse(try goodField.required("metricSource", expecting: "a flowtop metric source"))
        let total = try MetricSource.parse(try totalField.required("metricSource", expecting: "a flowtop metric source"))
        guard good.event == total.event else {
            throw total.eventField.error("good and total must count the same events: expected "
                                         + "\(good.event.rawValue), found `\(total.event.rawValue)`")
        }
        if let goodSLO = good.slo, let totalSLO = total.slo, goodSLO.name != totalSLO.name {
            throw totalSLO.field.error("good and total must count the same SLO's sli events: expected "
                                       + "\(goodSLO.name), found `\(totalSLO.name)`")
        }
        if let field = total.field {
            throw field.node.error("total counts every \(total.event.rawValue) event: expected no field, "
                                   + "found `\(field.name)`")
        }
        // The field that makes an event good, and what that measures.
        let (expected, kind): (String, SLIKind)
        switch good.event {
        case .aiRequest: (expected, kind) = ("success", .aiRequestSuccess)
        case .messageProcessingLatency: (expected, kind) = ("success", .messageProcessing(thresholdMs: .infinity))
        case .sli: (expected, kind) = ("good", .custom(thresholdMs: nil))
        case .aiResponseLatency:
            throw good.eventField.error("ai_response_latency events have no success field, so they only "
                                        + "feed a thresholdMetric; ratioMetric reads ai_request (success), "
                                        + "message_processing_latency (success) or sli (good)")
        }
        guard let field = good.field else {
            throw good.spec.missing("field", expecting: "\(expected), the field that makes "
                                    + "\(good.event.rawValue) events good")
        }
        guard field.name == expected else {
            throw field.node.error("\(good.event.rawValue) events are good by their \(expected) field: "
                                   + "expected \(expected), found `\(field.name)`")
        }
        return FlowtopIndicator(measure: .ratio(kind), event: good.event, sloFilter: good.slo ?? total.slo)
    }
}
