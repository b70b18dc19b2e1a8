/// Gathers journeys touch by touch into flat arrays, interning channel, feature and
/// tenant names as it goes: the first step of `PreparedPaths`, fed either from an array of
/// `AttributionPath` or straight from the engine's lead table (no intermediate paths).
///
/// Why flat arrays: at 100,000 leads and 1,000,000 touches an array of paths costs a
/// million `PathTouch` values (each with its strings retained) just to be read once. Here
/// each touch is a few integers.
///
/// ```swift
/// var collector = PathCollector()
/// collector.addTouch(channel: "ads", time: t0)
/// collector.addTouch(channel: "email", time: t1, feature: "ai_reply", aiAssisted: true, cost: 0.02)
/// collector.endPath(converted: true, revenue: 500, conversionTime: t2, qualifiedAt: nil, tenant: "acme")
/// let prepared = PreparedPaths(collector, parameters: AttributionParameters())
/// ```
struct PathCollector {
    /// Every distinct channel name, with per-name totals over every touch given.
    var channelNames: [String] = []
    var channelTouches: [Int] = []
    var channelAITouches: [Int] = []
    var channelCost: [Double] = []
    var channelAICost: [Double] = []
    private var channelLookup: [String: Int32] = [:]

    /// Distinct feature names (`nil`, "" and "none" are no feature).
    var featureNames: [String] = []
    private var featureLookup: [String: Int32] = [:]

    /// Distinct tenants, with every AI-assisted touch's count and cost per tenant.
    var tenantNames: [String] = []
    var tenantAITouches: [Int] = []
    var tenantAICost: [Double] = []
    private var tenantLookup: [String: Int32] = [:]

    /// Per touch, every path one after another.
    var channel: [Int32] = []
    var time: [EpochMillis] = []
    var feature: [Int32] = []
    var aiAssisted: [Bool] = []

    /// Path `p`'s touches are `bounds[p] ..< bounds[p + 1]`.
    var bounds: [Int] = [0]
    var converted: [Bool] = []
    var revenue: [Double] = []
    /// Conversion time, else last touch time, else 0.
    var end: [EpochMillis] = []
    var qualifiedAt: [EpochMillis?] = []
    var tenant: [Int32] = []

    // Journeys repeat a channel, a feature and a tenant back to back: compare with the
    // last name before hashing.
    private var lastChannel = ""
    private var lastChannelID: Int32 = -1
    private var lastFeature = ""
    private var lastFeatureID: Int32 = -1
    private var lastTenant = ""
    private var lastTenantID: Int32 = -1
    /// AI-assisted touches and their cost on the open path, for its tenant's totals.
    private var openAITouches = 0
    private var openAICost = 0.0

    init(expectedTouches: Int = 0, expectedPaths: Int = 0) {
        channel.reserveCapacity(expectedTouches)
        time.reserveCapacity(expectedTouches)
        feature.reserveCapacity(expectedTouches)
        aiAssisted.reserveCapacity(expectedTouches)
        bounds.reserveCapacity(expectedPaths + 1)
    }

    /// Touches since the last `endPath`.
    var openTouchCount: Int { channel.count - bounds[bounds.count - 1] }

    /// The current path's next touch (callers add them in time order). `counted` false is
    /// for the lead-source step of a won lead with no touch: it carries credit but is no
    /// touchpoint, so no channel's `touches` counts it (docs/attribution.md).
    mutating func addTouch(channel name: String, time t: EpochMillis, feature featureName: String? = nil,
                           aiAssisted ai: Bool = false, cost: Double = 0, counted: Bool = true) {
        let id: Int32
        if lastChannelID >= 0, name == lastChannel {
            id = lastChannelID
        } else if let known = channelLookup[name] {
            id = known
        } else {
            id = Int32(channelNames.count)
            channelLookup[name] = id
            channelNames.append(name)
            channelTouches.append(0)
            channelAITouches.append(0)
            channelCost.append(0)
            channelAICost.append(0)
        }
        lastChannel = name
        lastChannelID = id
        let c = Int(id)
        if counted { channelTouches[c] += 1 }
        channelCost[c] += cost
        if ai {
            channelAITouches[c] += 1
            channelAICost[c] += cost
            openAITouches += 1
            openAICost += cost
        }
        channel.append(id)
        time.append(t)
        feature.append(featureID(featureName))
        aiAssisted.append(ai)
    }

    /// Closes the current path. Its end is `conversionTime`, else its last touch's time.
    mutating func endPath(converted won: Bool, revenue value: Double, conversionTime: EpochMillis?,
                          qualifiedAt qualified: EpochMillis?, tenant tenantName: String) {
        let start = bounds[bounds.count - 1]
        end.append(conversionTime ?? (channel.count > start ? time[channel.count - 1] : 0))
        bounds.append(channel.count)
        converted.append(won)
        revenue.append(value)
        qualifiedAt.append(qualified)
        let t = Int(tenantID(tenantName))
        tenant.append(Int32(t))
        tenantAITouches[t] += openAITouches
        tenantAICost[t] += openAICost
        openAITouches = 0
        openAICost = 0
    }

    private mutating func tenantID(_ name: String) -> Int32 {
        if lastTenantID >= 0, name == lastTenant { return lastTenantID }
        let id: Int32
        if let known = tenantLookup[name] {
            id = known
        } else {
            id = Int32(tenantNames.count)
            tenantLookup[name] = id
            tenantNames.append(name)
            tenantAITouches.append(0)
            tenantAICost.append(0)
        }
        lastTenant = name
        lastTenantID = id
        return id
    }

    private mutating func featureID(_ name: String?) -> Int32 {
        guard let name else { return -1 }
        if lastFeatureID >= 0, name == lastFeature { return lastFeatureID }
        if TouchWeighting.isNoFeature(name) { return -1 }
        let id: Int32
        if let known = featureLookup[name] {
            id = known
        } else {
            id = Int32(featureNames.count)
            featureLookup[name] = id
            featureNames.append(name)
        }
        lastFeature = name
        lastFeatureID = id
        return id
    }
}

extension PathCollector {
    /// Every path of `paths`, tenant "" (paths built by hand have none).
    init(_ paths: [AttributionPath]) {
        self.init(expectedTouches: paths.reduce(0) { $0 + $1.touches.count }, expectedPaths: paths.count)
        for path in paths {
            for t in path.touches {
                addTouch(channel: t.channel, time: t.time, feature: t.feature, aiAssisted: t.aiAssisted, cost: t.cost)
            }
            endPath(converted: path.converted, revenue: path.revenue, conversionTime: path.conversionTime,
                    qualifiedAt: path.qualifiedAt, tenant: "")
        }
    }
}
