/// A journey shape that ended in a conversion: its channels in order (a channel repeated
/// back to back shown once, as GA4's conversion paths and the Markov chain read it), how
/// many converted paths had it and their revenue.
public struct ConversionPath: Sendable, Equatable, Hashable, Codable {
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
public struct ConversionPaths: Sendable, Equatable, Codable {
    /// Most conversions first, then most revenue, then by channel names in order.
    public var overall: [ConversionPath]
    /// Per channel, the paths holding it, in the same order.
    public var byChannel: [String: [ConversionPath]]

    public init(overall: [ConversionPath] = [], byChannel: [String: [ConversionPath]] = [:]) {
        self.overall = overall
        self.byChannel = byChannel
    }

    /// Why ids until the end: a period can hold tens of thousands of distinct shapes, and
    /// only the top few become names; ranking compares channel names in place.
    public static func top(_ prepared: PreparedPaths, limit: Int, perChannel: Int) -> ConversionPaths {
        var index: [[Int32]: Int] = [:]
        var shapes: [[Int32]] = []
        var counts: [Int] = []
        var revenue: [Double] = []
        var shape: [Int32] = []
        for p in 0..<prepared.pathCount where prepared.converted[p] {
            shape.removeAll(keepingCapacity: true)
            for i in prepared.bounds[p]..<prepared.bounds[p + 1] where shape.last != prepared.channel[i] {
                shape.append(prepared.channel[i])
            }
            if let k = index[shape] {
                counts[k] += 1
                revenue[k] += prepared.revenue[p]
            } else {
                index[shape] = shapes.count
                shapes.append(shape)
                counts.append(1)
                revenue.append(prepared.revenue[p])
            }
        }
        let names = prepared.names
        let ranked = shapes.indices.sorted { a, b in
            if counts[a] != counts[b] { return counts[a] > counts[b] }
            if revenue[a] != revenue[b] { return revenue[a] > revenue[b] }
            return shapes[a].lexicographicallyPrecedes(shapes[b]) { names[Int($0)] < names[Int($1)] }
        }
        func path(_ k: Int) -> ConversionPath {
            ConversionPath(channels: shapes[k].map { names[Int($0)] }, conversions: counts[k], revenue: revenue[k])
        }
        var byID = [[ConversionPath]](repeating: [], count: names.count)
        var open = perChannel > 0 ? Set(shapes.flatMap { $0 }) : []
        for k in ranked where !open.isEmpty {
            var built: ConversionPath?
            for c in Set(shapes[k]) where byID[Int(c)].count < perChannel {
                let p = built ?? path(k)
                built = p
                byID[Int(c)].append(p)
                if byID[Int(c)].count == perChannel { open.remove(c) }
            }
        }
        var byChannel: [String: [ConversionPath]] = [:]
        for (c, paths) in byID.enumerated() where !paths.isEmpty { byChannel[names[c]] = paths }
        return ConversionPaths(overall: ranked.prefix(max(0, limit)).map(path), byChannel: byChannel)
    }
}
