/// What an SLO measures: which events feed it and when one is good.
public enum SLIKind: Sendable, Equatable, Codable {
    /// `ai_response_latency` events; good when `latency_ms <= thresholdMs`.
    case aiResponseLatency(thresholdMs: Double)
    /// `message_processing_latency` events; good when `success` and `latency_ms <= thresholdMs`
    /// (an infinite threshold makes it a pure success ratio).
    case messageProcessing(thresholdMs: Double)
    /// `ai_request` events; good when `success`.
    case aiRequestSuccess
    /// `ai_request` events; good when `success` and `duration_seconds x 1000 <= thresholdMs`.
    case aiRequestDuration(thresholdMs: Double)
    /// `sli` events naming this SLO; good when `good`, or when `latency_ms <= thresholdMs`.
    case custom(thresholdMs: Double?)

    /// The latency threshold in milliseconds, for latency SLIs.
    public var thresholdMs: Double? {
        switch self {
        case .aiResponseLatency(let t), .messageProcessing(let t), .aiRequestDuration(let t):
            return t.isFinite ? t : nil
        case .custom(let t): return t
        case .aiRequestSuccess: return nil
        }
    }
}

/// The period an SLO's objective is measured over.
///
/// Rolling windows slide with time (the last N days, to the hour at the old edge);
/// calendar months reset at 00:00 UTC on the first of each month, so early in a month the
/// budget is spent over few events (as pyrra and sloth's calendar modes do).
public enum SLOWindow: Sendable, Hashable, Codable {
    case rolling(days: Int)
    /// The current calendar month in UTC.
    case calendarMonth

    public static let thirtyDays = SLOWindow.rolling(days: 30)

    /// Nominal length in days: the rolling length, 30 for a calendar month. Burn-rate
    /// factors derived from budget percentages use it.
    public var nominalDays: Int {
        switch self {
        case .rolling(let days): days
        case .calendarMonth: 30
        }
    }

    /// Days of hour buckets a series keeps for this window (31 for a calendar month).
    var retainedDays: Int {
        switch self {
        case .rolling(let days): days
        case .calendarMonth: 31
        }
    }

    /// `30d`, `7d`, `month`.
    public var label: String {
        switch self {
        case .rolling(let days): "\(days)d"
        case .calendarMonth: "month"
        }
    }
}

/// Longest rolling window an SLO may use: hour buckets for it are kept per series.
public let maximumSLOWindowDays = 400

public struct SLODefinition: Sendable, Equatable, Codable {
    public var name: String
    public var kind: SLIKind
    /// e.g. 0.999
    public var objective: Double
    public var window: SLOWindow
    /// Multiwindow burn-rate tiers, fastest first; disabled tiers are shown but never fire.
    public var tiers: [AlertTier]
    /// Whether the SLO is also tracked per AI model.
    public var perModel: Bool
    /// A tier fires only when its long window holds at least this many events (0: always),
    /// so 1 bad event out of 3 does not page anyone.
    public var minEvents: Int64
    /// A human title (OpenSLO `displayName`); nil shows `name`.
    public var displayName: String?
    /// What a narrow column shows instead of `name` (`x-flowtop.shortName`), so names are
    /// shortened by someone who knows which part tells them apart, not cut; nil: none.
    /// A label, not state: it does not make two definitions differ (changing it keeps an
    /// SLO's series over a restart) and is not written to checkpoints (`CodingKeys`), so
    /// their format stays.
    public var shortName: String? {
        get { label.text }
        set { label.text = newValue }
    }
    private var label = DisplayLabel()

    /// Checkpointed fields: every stored one but the short name. A field added here without
    /// a default fails to compile until listed; one with a default must be listed to persist.
    private enum CodingKeys: String, CodingKey {
        case name, kind, objective, window, tiers, perModel, minEvents, displayName
    }

    public init(name: String, kind: SLIKind, objective: Double, window: SLOWindow = .thirtyDays,
                tiers: [AlertTier]? = nil, perModel: Bool = false, minEvents: Int64 = SLODefinition.defaultMinEvents,
                displayName: String? = nil) {
        self.name = name
        self.kind = kind
        self.objective = objective
        self.window = window
        self.tiers = tiers ?? SLODefinition.workbookTiers(for: window)
        self.perModel = perModel
        self.minEvents = minEvents
        self.displayName = displayName
    }

    public static let defaultMinEvents: Int64 = 10

    /// Nominal window length in days (30 for a calendar month).
    public var windowDays: Int { window.nominalDays }

    /// The SRE Workbook's four tiers, as budget consumed over the long window: 2% in 1h and
    /// 5% in 6h page, 10% in 1d and 10% in 3d open a ticket. For a 30-day window these are
    /// factors 14.4, 6, 3 and 1; other windows scale them as sloth does.
    public static func workbookTiers(for window: SLOWindow) -> [AlertTier] {
        [
            AlertTier(budgetConsumed: 0.02, severity: .page, longWindow: .h1, shortWindow: .m5, sloWindow: window),
            AlertTier(budgetConsumed: 0.05, severity: .page, longWindow: .h6, shortWindow: .m30, sloWindow: window),
            AlertTier(budgetConsumed: 0.10, severity: .ticket, longWindow: .d1, shortWindow: .h2, sloWindow: window),
            AlertTier(budgetConsumed: 0.10, severity: .ticket, longWindow: .d3, shortWindow: .h6, sloWindow: window),
        ]
    }

    /// The four tiers for a 30-day window.
    public static let workbookTiers: [AlertTier] = workbookTiers(for: .thirtyDays)

    /// The three built-in SLOs of EVENTS.md.
    public static let builtIn: [SLODefinition] = [
        SLODefinition(name: "ai_response_latency", kind: .aiResponseLatency(thresholdMs: 2000),
                      objective: 0.99, perModel: true),
        SLODefinition(name: "message_processing_latency", kind: .messageProcessing(thresholdMs: 500),
                      objective: 0.995),
        SLODefinition(name: "ai_request_success", kind: .aiRequestSuccess, objective: 0.999, perModel: true),
    ]
}

extension AlertTier {
    /// A tier from the share of the error budget it lets the long window spend (sloth's
    /// derivation): factor = consumed x SLO window hours / long window hours. 2% of a
    /// 30-day budget in 1h is 0.02 x 720 / 1 = 14.4; of a 28-day budget, 13.44.
    public init(budgetConsumed fraction: Double, severity: Severity, longWindow: BurnWindow,
                shortWindow: BurnWindow, sloWindow: SLOWindow, enabled: Bool = true) {
        let windowHours = Double(sloWindow.nominalDays * 24)
        let longHours = Double(longWindow.millis) / 3_600_000
        // Rounded to parts per million: the precision `ErrorBudget.exceeds` compares at.
        let factor = (fraction * windowHours / longHours * 1_000_000).rounded() / 1_000_000
        self.init(severity: severity, longWindow: longWindow, shortWindow: shortWindow, factor: factor,
                  enabled: enabled)
    }
}

/// Text shown beside a value that never makes two values differ (`SLODefinition.shortName`).
struct DisplayLabel: Sendable, Hashable {
    var text: String?

    static func == (a: DisplayLabel, b: DisplayLabel) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
