/// The labels of the exported metrics whose values come from the wire, each capped.
public enum MetricLabel: String, Sendable, CaseIterable, Hashable, Codable {
    case tenant, source, provider, model, scenario, channel
    case messageType = "message_type"
}

/// How many distinct values each wire-fed label may take in the exported metrics, and how
/// many label combinations (series) one family may hold.
///
/// Why caps: every label value here comes from a client, so a buggy one could create
/// series without end and make each scrape larger than Prometheus wants to take. Past a
/// label's cap, new values are exported as `other` (a real value named `other` shares it),
/// the way `TenantDirectory` folds tenants; past `seriesPerFamily`, a new combination counts
/// in one series whose every label is `other`. Tenants and models use the engine's
/// `maxSeriesPerSLO`, so a model label here names the same models as the per-model SLO
/// series (the same cap, applied in the same order of arrival).
///
/// ```swift
/// let caps = MetricLabelCaps(tenants: 1000, models: 1000)
/// caps.limit(for: .provider)   // 64
/// ```
public struct MetricLabelCaps: Sendable, Equatable, Codable {
    /// Distinct tenants; the engine folds them before the metrics see them.
    public var tenants: Int
    /// Distinct models, separately for `ai_request` and `ai_response_latency` events.
    public var models: Int
    /// Distinct providers, scenarios, channels, lead sources and message types, each.
    public var otherLabels: Int
    /// Label combinations per metric family.
    public var seriesPerFamily: Int

    public static let defaultOtherLabels = 64
    public static let defaultSeriesPerFamily = 10_000

    public init(tenants: Int, models: Int, otherLabels: Int = MetricLabelCaps.defaultOtherLabels,
                seriesPerFamily: Int = MetricLabelCaps.defaultSeriesPerFamily) {
        self.tenants = tenants
        self.models = models
        self.otherLabels = otherLabels
        self.seriesPerFamily = seriesPerFamily
    }

    /// The cap on `label`'s distinct values.
    public func limit(for label: MetricLabel) -> Int {
        switch label {
        case .tenant: tenants
        case .model: models
        case .source, .provider, .scenario, .channel, .messageType: otherLabels
        }
    }
}

/// Label values seen by one dimension (providers, say), each with a small index that the
/// series tables key on; past `capacity` distinct values, new ones get the index of
/// `other`, exactly as `TenantDirectory` does.
///
/// Why indices: a series key of a few integers hashes and compares in a few nanoseconds,
/// where a key of strings would hash every string again for every table. Index 0 is the
/// empty value (an event without a `scenario`, say): exported without that label, and never
/// counted against the cap. The last value looked up is remembered, because streams repeat
/// the same provider or channel: comparing a short string is far cheaper than hashing it.
///
/// ```swift
/// var providers = MetricLabelDirectory(capacity: 2)
/// providers.index(of: "openai")      // 1
/// providers.index(of: "anthropic")   // 2
/// providers.index(of: "mistral")     // 3, named "other"; foldedEvents 1
/// ```
struct MetricLabelDirectory: Sendable, Codable {
    let capacity: Int
    private var indexByName: [String: UInt32] = ["": 0]
    /// Value of each index; index 0 is "".
    private(set) var names: [String] = [""]
    /// Lookups that were answered with `other` because the directory was full.
    private(set) var foldedEvents: Int64 = 0
    private var lastName = ""
    private var lastIndex: UInt32 = 0
    /// Values with their index, by their string's bits: the mixed stream alternates a few
    /// models, providers and channels, so the last value alone missed often and hashing
    /// the name cost about 4% of ingest. A name keeps its index for good, so a hit answers
    /// as the dictionary would. Not part of the state (`CodingKeys`).
    private var recent = StringIdentityCache<UInt32>()

    private enum CodingKeys: String, CodingKey {
        case capacity, indexByName, names, foldedEvents, lastName, lastIndex
    }

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The index `name` is counted under: its own, or `other`'s once the cap is reached.
    mutating func index(of name: String) -> UInt32 {
        if name == lastName { return lastIndex }
        if let i = recent.value(for: name) {
            lastName = name
            lastIndex = i
            return i
        }
        if let i = indexByName[name] {
            recent.store(i, for: name)
            lastName = name
            lastIndex = i
            return i
        }
        if names.count - 1 >= capacity {
            foldedEvents += 1
            return overflowIndex()
        }
        let i = insert(name)
        lastName = name
        lastIndex = i
        return i
    }

    /// The index of `other`, added past the cap when it is not there yet.
    mutating func overflowIndex() -> UInt32 {
        indexByName[SLOTracker.overflowLabel] ?? insert(SLOTracker.overflowLabel)
    }

    private mutating func insert(_ name: String) -> UInt32 {
        let i = UInt32(names.count)
        names.append(name)
        indexByName[name] = i
        return i
    }

    /// The value of an index this directory handed out.
    func name(_ index: UInt32) -> String { names[Int(index)] }
}
