import FlowCore

/// One entry of `x-flowtop.tiers`: a multiwindow burn-rate rule. The threshold is either
/// the share of the error budget the long window may spend (`budgetConsumed`, scaled to
/// the SLO's window as the SRE Workbook and sloth do) or a burn-rate `factor` as is.
///
/// ```yaml
/// - severity: page        # page | ticket
///   longWindow: 1h        # 5m 30m 1h 2h 6h 1d 3d
///   shortWindow: 5m       # shorter than longWindow
///   budgetConsumed: 2%    # or 0.02; or instead factor: 14.4
///   enabled: true         # false: shown on the dashboard, never fires
/// ```
enum AlertTierField {
    static let keys = ["severity", "longWindow", "shortWindow", "budgetConsumed", "factor", "enabled"]

    static func parse(_ node: FieldNode, window: SLOWindow) throws(SLOFileError) -> AlertTier {
        let fields = try node.mapping()
        try fields.rejectUnknownKeys(allowed: keys)
        let severityField = try fields.required("severity", expecting: "page or ticket")
        let severityName = try severityField.string()
        guard let severity = Severity(rawValue: severityName) else {
            throw severityField.error("expected page or ticket, found `\(severityName)`")
        }
        let longWindow = try burnWindow(try fields.required("longWindow", expecting: "a burn-rate window, e.g. 1h"))
        let shortField = try fields.required("shortWindow", expecting: "a burn-rate window, e.g. 5m")
        let shortWindow = try burnWindow(shortField)
        guard shortWindow.millis < longWindow.millis else {
            throw shortField.error("the short window confirms the long one is still burning, so it must be "
                                   + "shorter: expected less than \(longWindow.rawValue), found `\(shortWindow.rawValue)`")
        }
        let enabled = try fields.optional("enabled")?.bool() ?? true
        switch (fields.optional("budgetConsumed"), fields.optional("factor")) {
        case (let field?, nil):
            return AlertTier(budgetConsumed: try budgetFraction(field), severity: severity, longWindow: longWindow,
                             shortWindow: shortWindow, sloWindow: window, enabled: enabled)
        case (nil, let field?):
            let factor = try field.number()
            guard factor > 0 else {
                throw field.error("expected a burn-rate factor above 0, e.g. 14.4, found \(field.found)")
            }
            return AlertTier(severity: severity, longWindow: longWindow, shortWindow: shortWindow, factor: factor,
                             enabled: enabled)
        case (.some, let field?):
            throw field.error("give either budgetConsumed or factor, not both")
        case (nil, nil):
            throw fields.missing("budgetConsumed", expecting: "the share of the error budget the long window "
                                 + "may spend, e.g. 2% (or a burn-rate factor: 14.4)")
        }
    }

    private static func burnWindow(_ field: FieldNode) throws(SLOFileError) -> BurnWindow {
        let name = try field.string()
        guard let window = BurnWindow(rawValue: name) else {
            let names = BurnWindow.allCases.map(\.rawValue).joined(separator: ", ")
            throw field.error("expected one of the burn-rate windows \(names), found `\(name)`")
        }
        return window
    }

    /// `2%` or `0.02`: a share of the whole error budget, above 0 and at most all of it.
    private static func budgetFraction(_ field: FieldNode) throws(SLOFileError) -> Double {
        let text = try field.string()
        let fraction: Double?
        if text.hasSuffix("%") {
            fraction = Percentage.fraction(String(text.dropLast()))
        } else {
            fraction = try field.number()
        }
        guard let fraction, fraction > 0, fraction <= 1 else {
            throw field.error("expected a share of the error budget: a percentage up to 100% (2%) or a "
                              + "fraction up to 1 (0.02), above 0, found \(field.found)")
        }
        return fraction
    }
}
