import FlowCore

/// One `kind: SLO` object read into an `SLODefinition`.
///
/// ```yaml
/// apiVersion: openslo/v1
/// kind: SLO
/// metadata:
///   name: ai_request_success
/// spec:
///   budgetingMethod: Occurrences
///   timeWindow: [{duration: 30d, isRolling: true}]
///   indicatorRef: ai-request-success      # or an inline indicator
///   objectives: [{target: 0.999}]
/// ```
enum SLODocument {
    /// The SLO spec's keys in OpenSLO v1, plus ours; others are ignored unless misspelt.
    static let specKeys = [
        "description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod", "objectives",
        "alertPolicies", "displayName", FlowtopExtension.key,
    ]

    /// `indicators`: the file's `SLI` objects by name, for `indicatorRef`.
    static func definition(of object: OpenSLOObject,
                           indicators: [String: FlowtopIndicator]) throws(SLOFileError) -> SLODefinition {
        let (name, nameField) = try object.name()
        try SLOName.check(name, field: nameField)
        let metadata = try object.fields.required("metadata", expecting: "a mapping with a name").mapping()
        try metadata.rejectMisspelledKeys(known: ["name", "displayName", "labels", "annotations"])
        let spec = try object.fields.required("spec", expecting: "the SLO's indicator and objectives").mapping()
        try spec.rejectMisspelledKeys(known: specKeys)
        try checkBudgetingMethod(spec)
        let window = try TimeWindowField.window(in: spec)
        let indicator = try self.indicator(in: spec, indicators: indicators)
        let objective = try ObjectiveField.parse(in: spec)
        let kind = try objective.kind(of: indicator, slo: name)
        let options = try FlowtopExtension.parse(in: spec, window: window)
        var definition = SLODefinition(
            name: name, kind: kind, objective: objective.target, window: window, tiers: options.tiers,
            perModel: options.perModel ?? [.aiResponseLatency, .aiRequest].contains(indicator.event),
            minEvents: options.minEvents ?? SLODefinition.defaultMinEvents,
            displayName: try displayName(metadata: metadata, spec: spec))
        definition.shortName = options.shortName
        return definition
    }

    /// flowtop counts good and bad events; time-slice budgeting needs data it does not keep.
    private static func checkBudgetingMethod(_ spec: FieldMapping) throws(SLOFileError) {
        guard let field = spec.optional("budgetingMethod") else { return }
        let method = try field.string()
        guard method == "Occurrences" else {
            throw field.error("flowtop counts events, not time slices: expected Occurrences, found `\(method)`")
        }
    }

    private static func indicator(in spec: FieldMapping,
                                  indicators: [String: FlowtopIndicator]) throws(SLOFileError) -> FlowtopIndicator {
        switch (spec.optional("indicator"), spec.optional("indicatorRef")) {
        case (let inline?, nil):
            let fields = try inline.mapping()
            try fields.rejectMisspelledKeys(known: ["metadata", "spec"])
            return try FlowtopIndicator.parse(
                spec: try fields.required("spec", expecting: "thresholdMetric or ratioMetric").mapping())
        case (nil, let ref?):
            let name = try ref.string()
            guard let indicator = indicators[name] else {
                let known = indicators.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
                throw ref.error("expected the name of an SLI in this file (\(known.isEmpty ? "there is none" : known)), "
                                + "found `\(name)`")
            }
            return indicator
        case (.some, let ref?):
            throw ref.error("give either an inline indicator or an indicatorRef, not both")
        case (nil, nil):
            throw spec.missing("indicator", expecting: "an inline indicator (or an indicatorRef to an SLI in this file)")
        }
    }

    /// OpenSLO keeps it in `metadata`; `spec.displayName` is accepted as well.
    private static func displayName(metadata: FieldMapping, spec: FieldMapping) throws(SLOFileError) -> String? {
        let fromMetadata = try metadata.optional("displayName")?.string()
        guard let field = spec.optional("displayName") else { return fromMetadata }
        let fromSpec = try field.string()
        if let fromMetadata, fromMetadata != fromSpec {
            throw field.error("metadata.displayName already says `\(fromMetadata)`: expected one display name, "
                              + "found `\(fromSpec)` as well")
        }
        return fromSpec
    }
}
