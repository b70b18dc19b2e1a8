/// A journey shape that ended in a conversion: its channels in order (a channel repeated
/// back to back shown once, as GA4's conversion paths and the Markov chain read it), how
/// many converted paths had it and their revenue.
public struct ConversionPath: Sendable, Equatable, Hashable {
    public var channels: [String]
    public var conversions: Int
    public var revenue: Double

    public init(channels: [String], conversions: Int, revenue: Double) {
        self.channels = channels
        self.conversions = conversions
        self.revenue = revenue
    }

    /// `ads > whatsapp > email`.
    public var label: String { channels.joined(separator: " > ") }
}

/// The most common converting paths, overall and per channel.
///
/// ```swift
/// let top = ConversionPaths.top(prepared, limit: 10, perChannel: 5)
/// top.overall.first?.label          // "ads > whatsapp"
/// top.byChannel["email"]?.count     // at most 5
/// ```
public struct ConversionPaths: Sendable, Equatable {
    /// Most conversions first, then most revenue, then by label.
    public var overall: [ConversionPath]
    /// Per channel, the paths holding it, in the same order.
    public var byChannel: [String: [ConversionPath]]

    public init(overall: [ConversionPath] = [], byChannel: [String: [ConversionPath]] = [:]) {
        self.overall = overall
        self.byChannel = byChannel
    }

    public static func top(_ prepared: PreparedPaths, limit: Int, perChannel: Int) -> ConversionPaths {
        var tally: [[Int32]: (count: Int, revenue: Double)] = [:]
        var shape: [Int32] = []
        for p in 0..<prepared.pathCount where prepared.converted[p] {
            shape.removeAll(keepingCapacity: true)
            for i in prepared.bounds[p]..<prepared.bounds[p + 1] where shape.last != prepared.channel[i] {
                shape.append(prepared.channel[i])
            }
            tally[shape, default: (0, 0)].count += 1
            tally[shape, default: (0, 0)].revenue += prepared.revenue[p]
        }
        let ranked = tally.map { ids, value in
            ConversionPath(channels: ids.map { prepared.names[Int($0)] }, conversions: value.count, revenue: value.revenue)
        }.sorted { a, b in
            if a.conversions != b.conversions { return a.conversions > b.conversions }
            if a.revenue != b.revenue { return a.revenue > b.revenue }
            return a.label < b.label
        }
        var byChannel: [String: [ConversionPath]] = [:]
        for path in ranked {
            for channel in Set(path.channels) where byChannel[channel, default: []].count < perChannel {
                byChannel[channel, default: []].append(path)
            }
        }
        return ConversionPaths(overall: Array(ranked.prefix(max(0, limit))), byChannel: byChannel)
    }
}
