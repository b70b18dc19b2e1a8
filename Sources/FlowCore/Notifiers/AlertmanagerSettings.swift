/// Alertmanager API v2 (the notify file's `alertmanager:`): every alert posted to every
/// URL (replicas of one cluster), again every `resendInterval` while it fires, as
/// Prometheus does. Nothing secret in it.
///
/// ```swift
/// let alertmanager = AlertmanagerSettings(urls: ["http://127.0.0.1:9093"])
/// alertmanager.resendInterval   // 60_000: Prometheus' default
/// ```
public struct AlertmanagerSettings: Sendable, Equatable {
    public var urls: [String]
    /// Sent as each alert's `generatorURL` (a link back to flowtop); none by default.
    public var generatorURL: String?
    public var resendInterval: EpochMillis

    public init(urls: [String], generatorURL: String? = nil, resendInterval: EpochMillis = 60_000) {
        self.urls = urls
        self.generatorURL = generatorURL
        self.resendInterval = resendInterval
    }
}
