/// A set of paths encoded once so that every model credits it with array arithmetic:
/// channel names interned to small integer ids (the `maxChannels` most touched by name,
/// the rest as `other`), and the touches inside each path's lookback window laid out
/// path after path in flat arrays. A converted path left with no touch gets one on
/// `direct`, so no model has to special-case it.
///
/// Preparing costs one dictionary look-up per touch; crediting then allocates only
/// per-channel arrays. Prepare once, credit under as many models as you show.
///
/// ```swift
/// let prepared = PreparedPaths(paths, parameters: AttributionParameters(lookbackDays: 30))
/// let linear = prepared.credit(.linear)
/// let markov = prepared.credit(.markov)
/// ```
public struct PreparedPaths: Sendable {
    /// Where converted paths with no touch in their lookback window are credited.
    public static let directChannel = "direct"
    /// Where channels past `maxChannels` are summed.
    public static let otherChannel = "other"

    public let parameters: AttributionParameters

    /// Channel label by id.
    private(set) var names: [String] = []
    /// Credited touches (inside the lookback), all paths one after another.
    private(set) var channel: [Int32] = []
    private(set) var time: [EpochMillis] = []
    /// Per credited touch: its feature id into `featureNames` (-1 for none), and whether
    /// the AI assisted it.
    private(set) var feature: [Int32] = []
    private(set) var aiAssisted: [Bool] = []
    /// Path `p`'s credited touches are `bounds[p] ..< bounds[p + 1]`.
    private(set) var bounds: [Int] = [0]
    private(set) var converted: [Bool] = []
    private(set) var revenue: [Double] = []
    /// Each path's end (conversion time, else last touch time): the age reference.
    private(set) var end: [EpochMillis] = []
    private(set) var qualifiedAt: [EpochMillis?] = []
    /// Each path's tenant id into `tenantNames`.
    private(set) var tenant: [Int32] = []
    /// Per channel id, over every touch given (inside the lookback or not).
    private(set) var touchCount: [Int] = []
    private(set) var aiTouchCount: [Int] = []
    private(set) var touchCost: [Double] = []
    private(set) var aiTouchCost: [Double] = []
    private(set) var featureNames: [String] = []
    private(set) var tenantNames: [String] = []
    /// Per tenant id, every AI-assisted touch given and its cost.
    private(set) var tenantAITouches: [Int] = []
    private(set) var tenantAICost: [Double] = []

    /// Converted paths and their total revenue: what every model's credits add up to.
    public private(set) var convertedCount = 0
    public private(set) var totalRevenue = 0.0

    public var pathCount: Int { converted.count }
    var channelCount: Int { names.count }

    public init(_ paths: [AttributionPath], parameters: AttributionParameters = AttributionParameters()) {
        self.init(PathCollector(paths), parameters: parameters)
    }

    init(_ collected: PathCollector, parameters: AttributionParameters) {
        self.parameters = parameters
        featureNames = collected.featureNames
        tenantNames = collected.tenantNames
        tenantAITouches = collected.tenantAITouches
        tenantAICost = collected.tenantAICost
        let finalID = fold(collected)
        layOut(collected, finalID: finalID)
    }

    /// Adds a channel label; returns its id.
    private mutating func append(channel name: String) -> Int32 {
        names.append(name)
        touchCount.append(0)
        aiTouchCount.append(0)
        touchCost.append(0)
        aiTouchCost.append(0)
        return Int32(names.count - 1)
    }

    /// Keeps the `maxChannels` most touched names (ties by name) plus `direct` and
    /// `other` themselves; maps the rest to `other`. Returns the final id of each raw id.
    private mutating func fold(_ raw: PathCollector) -> [Int32] {
        let reserved: Set<String> = [Self.directChannel, Self.otherChannel]
        let rawNames = raw.channelNames
        let ranked = rawNames.indices
            .filter { !reserved.contains(rawNames[$0]) }
            .sorted { a, b in
                raw.channelTouches[a] != raw.channelTouches[b]
                    ? raw.channelTouches[a] > raw.channelTouches[b] : rawNames[a] < rawNames[b]
            }
        var finalID = [Int32](repeating: -1, count: rawNames.count)
        for (rank, r) in ranked.enumerated() where rank < max(0, parameters.maxChannels) {
            finalID[r] = append(channel: rawNames[r])
        }
        var reservedID: [String: Int32] = [:]
        for r in rawNames.indices where finalID[r] < 0 {
            let label = rawNames[r] == Self.directChannel ? Self.directChannel : Self.otherChannel
            let id = reservedID[label] ?? append(channel: label)
            reservedID[label] = id
            finalID[r] = id
        }
        for r in rawNames.indices {
            let f = Int(finalID[r])
            touchCount[f] += raw.channelTouches[r]
            aiTouchCount[f] += raw.channelAITouches[r]
            touchCost[f] += raw.channelCost[r]
            aiTouchCost[f] += raw.channelAICost[r]
        }
        return finalID
    }

    /// Fills the flat arrays with each path's touches inside its lookback window.
    private mutating func layOut(_ raw: PathCollector, finalID: [Int32]) {
        let pathCount = raw.converted.count
        channel.reserveCapacity(raw.channel.count)
        time.reserveCapacity(raw.channel.count)
        feature.reserveCapacity(raw.channel.count)
        aiAssisted.reserveCapacity(raw.channel.count)
        bounds.reserveCapacity(pathCount + 1)
        converted = raw.converted
        revenue = raw.revenue
        end = raw.end
        qualifiedAt = raw.qualifiedAt
        tenant = raw.tenant
        var directID: Int32?
        for p in 0..<pathCount {
            let pathEnd = raw.end[p]
            let window = LookbackWindow(end: pathEnd, days: parameters.lookbackDays)
            for k in raw.bounds[p]..<raw.bounds[p + 1] where window.contains(raw.time[k]) {
                channel.append(finalID[Int(raw.channel[k])])
                time.append(raw.time[k])
                feature.append(raw.feature[k])
                aiAssisted.append(raw.aiAssisted[k])
            }
            if raw.converted[p] {
                if channel.count == bounds[bounds.count - 1] {
                    let direct = directID ?? names.firstIndex(of: Self.directChannel).map(Int32.init)
                        ?? append(channel: Self.directChannel)
                    directID = direct
                    channel.append(direct)
                    time.append(pathEnd)
                    feature.append(-1)
                    aiAssisted.append(false)
                }
                convertedCount += 1
                totalRevenue += raw.revenue[p]
            }
            bounds.append(channel.count)
        }
    }

    /// One row per channel that was touched or credited, highest revenue first, then most
    /// conversions, then by name.
    func rows(revenue credited: [Double], conversions: [Double]) -> [ChannelCredit] {
        names.indices.compactMap { c -> ChannelCredit? in
            guard touchCount[c] > 0 || credited[c] != 0 || conversions[c] != 0 else { return nil }
            return ChannelCredit(channel: names[c], revenue: credited[c], conversions: conversions[c],
                                 touches: touchCount[c], aiAssistedTouches: aiTouchCount[c], touchCost: touchCost[c])
        }.sorted { a, b in
            if a.revenue != b.revenue { return a.revenue > b.revenue }
            if a.conversions != b.conversions { return a.conversions > b.conversions }
            return a.channel < b.channel
        }
    }
}
