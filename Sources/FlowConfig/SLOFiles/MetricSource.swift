/// A `metricSource` of type `flowtop`: which of our events to count, and which field.
///
/// ```yaml
/// metricSource:
///   type: flowtop
///   spec: {event: sli, field: good, slo: checkout_latency}
/// ```
struct MetricSource {
    var event: FlowtopIndicator.Event
    var eventField: FieldNode
    /// The `spec` mapping, for errors about a missing key in it.
    var spec: FieldMapping
    var field: (name: String, node: FieldNode)?
    var slo: (name: String, field: FieldNode)?

    static func parse(_ node: FieldNode) throws(SLOFileError) -> MetricSource {
        let source = try node.mapping()
        try source.rejectMisspelledKeys(known: ["type", "spec", "metricSourceRef"])
        if let ref = source.keyNode("metricSourceRef") {
            throw ref.error("flowtop reads its own events, not data sources: expected type: flowtop "
                            + "with spec.event, found metricSourceRef")
        }
        let typeField = try source.required("type", expecting: "flowtop")
        let type = try typeField.string()
        guard type == "flowtop" else {
            throw typeField.error("flowtop reads its own events: expected type: flowtop, found `\(type)`")
        }
        let spec = try source.required("spec", expecting: "a mapping with the event type, e.g. {event: ai_request}")
            .mapping()
        try spec.rejectUnknownKeys(allowed: ["event", "field", "slo"])
        let eventField = try spec.required("event", expecting: "one of \(FlowtopIndicator.Event.list)")
        let name = try eventField.string()
        guard let event = FlowtopIndicator.Event(rawValue: name) else {
            throw eventField.error("expected an event type that feeds SLOs (\(FlowtopIndicator.Event.list)), "
                                   + "found `\(name)`")
        }
        var result = MetricSource(event: event, eventField: eventField, spec: spec)
        if let field = spec.optional("field") {
            result.field = (try field.string(), field)
        }
        if let slo = spec.optional("slo") {
            guard event == .sli else {
                throw slo.error("only sli events name an SLO; remove slo from this \(name) source")
            }
            result.slo = (try slo.string(), slo)
        }
        return result
    }
}
