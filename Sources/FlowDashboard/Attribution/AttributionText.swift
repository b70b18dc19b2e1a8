import FlowCore
import TerminalUI

/// How attribution numbers read in the channel, feature and AI ROI views, so the three
/// agree with each other and with the AI ROI headline.
enum AttributionText {
    /// A ratio as a multiple, as the AI ROI headline writes it: "53x" from 10 on, "3.2x"
    /// below, "-0.5x" for a loss; "–" with nothing to divide by (no cost, nothing spent).
    static func multiple(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return NumberFormat.fixed(x, digits: abs(x).rounded() >= 10 ? 0 : 1) + "x"
    }

    /// ROI as a whole percentage, as the attribution pane shows it: "412%", "-12%"; "–"
    /// without cost, or with a cost near zero (`shownROI`).
    static func roi(_ roi: Double?) -> String {
        shownROI(roi).map { NumberFormat.percent($0, digits: 0) } ?? "–"
    }

    /// The highest ROI shown, 99 (9,900%): above it the cost is under 1% of the revenue
    /// set against it (revenue > 100 × cost), which says the channel's cost is barely
    /// tracked (messages at a cent each, a share of the AI spend), not that it returns
    /// a thousandfold. Such an ROI reads "–", as none at all does.
    static let maxShownROI = 99.0

    /// `roi`, or nil when there is none or it is above `maxShownROI`.
    static func shownROI(_ roi: Double?) -> Double? {
        guard let roi, roi.isFinite, roi <= maxShownROI else { return nil }
        return roi
    }

    /// A conversion rate with one decimal, "–" for a group with no lead.
    static func rate(_ ratio: Double?) -> String {
        ratio.map { NumberFormat.percent($0) } ?? "–"
    }

    /// An amount, "–" when there is none (a group with no lead, no won deal).
    static func money(_ x: Double?) -> String {
        x.map(NumberFormat.money) ?? "–"
    }

    /// Conversions credited to a channel: fractional under multi-touch models ("37.5").
    static func conversions(_ x: Double) -> String {
        NumberFormat.compact(x)
    }

    /// What the numbers cover: "last 30d: 1,240 journeys, 84 converted".
    static func period(_ attribution: AttributionSnapshot) -> String {
        "last \(attribution.periodDays)d: \(NumberFormat.grouped(Int64(attribution.paths))) journeys, "
            + "\(NumberFormat.grouped(Int64(attribution.conversions))) converted"
    }

    /// ROI or ROAS in ok, a loss in warn, none in dim.
    static func role(_ x: Double?, breakEven: Double = 0) -> StyleRole {
        guard let x else { return .dim }
        return x < breakEven ? .warn : .ok
    }
}
