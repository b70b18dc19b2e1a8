import FlowCore

/// Reads an SLO's single entry of `spec.objectives`: the target, and for a
/// `thresholdMetric` SLI the latency threshold (`op: lte`, `value` in milliseconds).
///
/// ```yaml
/// objectives:
///   - op: lte
///     value: 2000        # ms: an event is good when its latency is at most this
///     target: 0.99       # or targetPercent: 99
/// ```
struct ObjectiveField {
    /// The fraction of good events the SLO promises, in (0, 1).
    var target: Double
    var op: FieldNode?
    var value: FieldNode?
    /// The objective mapping, for errors about a missing key.
    var fields: FieldMapping

    static func parse(in spec: FieldMapping) throws(SLOFileError) -> ObjectiveField {
        let list = try spec.required("objectives", expecting: "a list with one objective, e.g. `- target: 0.99`")
        let entries = try list.list()
        guard let first = entries.first else {
            throw list.error("expected one objective, e.g. `- target: 0.99`, found an empty list")
        }
        guard entries.count == 1 else {
            throw entries[1].error("flowtop tracks one objective per SLO, found \(entries.count); "
                                   + "split them into several SLOs, each with its own name")
        }
        let objective = try first.mapping()
        try objective.rejectMisspelledKeys(known: [
            "displayName", "op", "value", "target", "targetPercent", "timeSliceTarget", "timeSliceWindow",
            "indicator", "indicatorRef", "compositeWeight",
        ])
        for timeslice in ["timeSliceTarget", "timeSliceWindow"] {
            if let key = objective.keyNode(timeslice) {
                throw key.error("flowtop counts events (budgetingMethod: Occurrences), not time slices: "
                                + "remove \(timeslice)")
            }
        }
        for composite in ["indicator", "indicatorRef"] {
            if let key = objective.keyNode(composite) {
                throw key.error("composite SLOs are not supported: give the indicator in spec, not in the objective")
            }
        }
        return ObjectiveField(target: try target(of: objective), op: objective.optional("op"),
                              value: objective.optional("value"), fields: objective)
    }

    private static func target(of objective: FieldMapping) throws(SLOFileError) -> Double {
        switch (objective.optional("target"), objective.optional("targetPercent")) {
        case (let field?, nil):
            let target = try field.number()
            guard target > 0, target < 1 else {
                var message = "expected a fraction between 0 and 1 (exclusive), e.g. 0.999, found \(field.found)"
                if target > 1, target < 100 { message += "; for a percentage write targetPercent: \(try field.string())" }
                throw field.error(message)
            }
            return target
        case (nil, let field?):
            let percent = try field.number()
            guard percent > 0, percent < 100, let fraction = Percentage.fraction(try field.string()) else {
                throw field.error("expected a percentage between 0 and 100 (exclusive), e.g. 99.9, found \(field.found)")
            }
            return fraction
        case (.some, let field?):
            throw field.error("give either target or targetPercent, not both")
        case (nil, nil):
            throw objective.missing("target", expecting: "the share of good events, e.g. target: 0.999 "
                                    + "(or targetPercent: 99.9)")
        }
    }

    /// The SLI kind `indicator` measures under this objective, for the SLO named `slo`.
    func kind(of indicator: FlowtopIndicator, slo: String) throws(SLOFileError) -> SLIKind {
        if let filter = indicator.sloFilter, filter.name != slo {
            throw filter.field.error("sli events name the SLO they feed: expected \(slo) (this SLO's name) "
                                     + "or no slo, found `\(filter.name)`")
        }
        switch indicator.measure {
        case .ratio(let kind):
            for key in ["op", "value"] {
                if let field = fields.keyNode(key) {
                    throw field.error("\(key) sets a latency threshold, which only a thresholdMetric SLI has; "
                                      + "a ratioMetric objective needs only target")
                }
            }
            return kind
        case .threshold:
            let threshold = try thresholdMs()
            switch indicator.event {
            case .aiResponseLatency: return .aiResponseLatency(thresholdMs: threshold)
            case .messageProcessingLatency: return .messageProcessing(thresholdMs: threshold)
            case .aiRequest: return .aiRequestDuration(thresholdMs: threshold)
            case .sli: return .custom(thresholdMs: threshold)
            }
        }
    }

    /// `op: lte` and `value`: an event is good when its latency is at most `value` ms.
    private func thresholdMs() throws(SLOFileError) -> Double {
        let opField = try fields.required("op", expecting: "lte (an event is good when its latency is at most value)")
        let op = try opField.string()
        guard op == "lte" else {
            throw opField.error("expected lte (good when latency <= value, the only comparison flowtop makes), "
                                + "found `\(op)`")
        }
        let valueField = try fields.required("value", expecting: "the latency threshold in milliseconds, e.g. 2000")
        let value = try valueField.number()
        guard value > 0 else {
            throw valueField.error("expected a latency threshold in milliseconds above 0, found \(valueField.found)")
        }
        return value
    }
}
