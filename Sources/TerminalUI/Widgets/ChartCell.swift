/// One cell of a rendered chart: its character and what put it there, so the drawing
/// code can give data, off-scale data and each threshold their own style.
///
/// ```swift
/// let rows = ChartRenderer.cells(series: [3, 20], width: 1, height: 1, range: 0...10,
///                                mode: .braille, fill: false)
/// rows[0][0].kind   // .clipped: 20 is above the range and drawn at the top
/// ```
public struct ChartCell: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Nothing: no data here (a gap, or above a value) and no threshold.
        case empty
        /// Part of the series.
        case data
        /// Part of the series holding a point outside the range, drawn at its edge.
        case clipped
        /// The threshold at this index of the list the chart was given.
        case threshold(Int)
    }

    public var character: Character
    public var kind: Kind

    public init(_ character: Character, kind: Kind) {
        self.character = character
        self.kind = kind
    }

    static let empty = ChartCell(" ", kind: .empty)
}
