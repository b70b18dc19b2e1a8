/// One multiwindow burn-rate rule (SRE Workbook, "Alerting on SLOs"): fires when the burn
/// rate over both the long and the short window is strictly above `factor`.
public struct AlertTier: Sendable, Hashable, Codable {
    public var severity: Severity
    public var longWindow: BurnWindow
    public var shortWindow: BurnWindow
    public var factor: Double
    /// A disabled tier is listed (so the config is visible) but never fires.
    public var enabled: Bool

    public init(severity: Severity, longWindow: BurnWindow, shortWindow: BurnWindow, factor: Double,
                enabled: Bool = true) {
        self.severity = severity
        self.longWindow = longWindow
        self.shortWindow = shortWindow
        self.factor = factor
        self.enabled = enabled
    }
}
