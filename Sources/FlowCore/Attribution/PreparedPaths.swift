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
    /// Path `p`'s credited touches are `bounds[p] ..< bounds[p + 1]`.
    private(set) var bounds: [Int] = [0]
    private(set) var converted: [Bool] = []
    private(set) var revenue: [Double] = []
    /// Each path's end (conversion time, else last touch time): the age reference.
    private(set) var end: [EpochMillis] = []
    private(set) var qualifiedAt: [EpochMillis?] = []
    /// Per channel id, over every touch given (inside the lookback or not).
    private(set) var touchCount: [Int] = []
    private(set) var aiTouchCount: [Int] = []
    private(set) var touchCost: [Double] = []

    /// Converted paths and their total revenue: what every model's credits add up to.
    public private(set) var convertedCount = 0
    public private(set) var totalRevenue = 0.0

    public var pathCount: Int { converted.count }
    var channelCount: Int { names.count }

    public init(_ paths: [AttributionPath], parameters: AttributionParameters = AttributionParameters()) {
        self.parameters = parameters
        let (rawIDs, raw) = Self.intern(paths)
        let finalID = fold(raw)
        layOut(paths, rawIDs: rawIDs, finalID: finalID)
    }

    /// Adds a channel label; returns its id.
    private mutating func append(channel name: String) -> Int32 {
        names.append(name)
        touchCount.append(0)
        aiTouchCount.append(0)
        touchCost.append(0)
        return Int32(names.count - 1)
    }

    /// Every distinct channel name with its touch count, cost and AI-assisted count.
    private struct RawChannels {
        var names: [String] = []
        var touches: [Int] = []
        var aiTouches: [Int] = []
        var cost: [Double] = []
    }

    /// One id per touch, in path order, and the channels behind the ids.
    private static func intern(_ paths: [AttributionPath]) -> ([Int32], RawChannels) {
        var raw = RawChannels()
        var lookup: [String: Int32] = [:]
        var ids: [Int32] = []
        ids.reserveCapacity(paths.reduce(0) { $0 + $1.touches.count })
        // Journeys repeat a channel often: compare with the last name before hashing.
        var lastName = ""
        var lastID: Int32 = -1
        for path in paths {
            for touch in path.touches {
                let id: Int32
                if lastID >= 0, touch.channel == lastName {
                    id = lastID
                } else if let known = lookup[touch.channel] {
                    id = known
                } else {
                    id = Int32(raw.names.count)
                    lookup[touch.channel] = id
                    raw.names.append(touch.channel)
                    raw.touches.append(0)
                    raw.aiTouches.append(0)
                    raw.cost.append(0)
                }
                lastName = touch.channel
                lastID = id
                ids.append(id)
                raw.touches[Int(id)] += 1
                raw.cost[Int(id)] += touch.cost
                if touch.aiAssisted { raw.aiTouches[Int(id)] += 1 }
            }
        }
        return (ids, raw)
    }

    /// Keeps the `maxChannels` most touched names (ties by name) plus `direct` and
    /// `other` themselves; maps the rest to `other`. Returns the final id of each raw id.
    private mutating func fold(_ raw: RawChannels) -> [Int32] {
        let reserved: Set<String> = [Self.directChannel, Self.otherChannel]
        let ranked = raw.names.indices
            .filter { !reserved.contains(raw.names[$0]) }
            .sorted { a, b in
                raw.touches[a] != raw.touches[b] ? raw.touches[a] > raw.touches[b] : raw.names[a] < raw.names[b]
            }
        var finalID = [Int32](repeating: -1, count: raw.names.count)
        for (rank, r) in ranked.enumerated() where rank < max(0, parameters.maxChannels) {
            finalID[r] = append(channel: raw.names[r])
        }
        var reservedID: [String: Int32] = [:]
        for r in raw.names.indices where finalID[r] < 0 {
            let label = raw.names[r] == Self.directChannel ? Self.directChannel : Self.otherChannel
            let id = reservedID[label] ?? append(channel: label)
            reservedID[label] = id
            finalID[r] = id
        }
        for r in raw.names.indices {
            let f = Int(finalID[r])
            touchCount[f] += raw.touches[r]
            aiTouchCount[f] += raw.aiTouches[r]
            touchCost[f] += raw.cost[r]
        }
        return finalID
    }

    /// Fills the flat arrays with each path's touches inside its lookback window.
    private mutating func layOut(_ paths: [AttributionPath], rawIDs: [Int32], finalID: [Int32]) {
        channel.reserveCapacity(rawIDs.count)
        time.reserveCapacity(rawIDs.count)
        bounds.reserveCapacity(paths.count + 1)
        converted.reserveCapacity(paths.count)
        revenue.reserveCapacity(paths.count)
        end.reserveCapacity(paths.count)
        qualifiedAt.reserveCapacity(paths.count)
        var directID: Int32?
        var k = 0
        for path in paths {
            let pathEnd = path.end ?? 0
            let window = LookbackWindow(end: pathEnd, days: parameters.lookbackDays)
            for touch in path.touches {
                if window.contains(touch.time) {
                    channel.append(finalID[Int(rawIDs[k])])
                    time.append(touch.time)
                }
                k += 1
            }
            if path.converted {
                if channel.count == bounds[bounds.count - 1] {
                    let direct = directID ?? names.firstIndex(of: Self.directChannel).map(Int32.init)
                        ?? append(channel: Self.directChannel)
                    directID = direct
                    channel.append(direct)
                    time.append(pathEnd)
                }
                convertedCount += 1
                totalRevenue += path.revenue
            }
            bounds.append(channel.count)
            converted.append(path.converted)
            revenue.append(path.revenue)
            end.append(pathEnd)
            qualifiedAt.append(path.qualifiedAt)
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
