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

    /// The glyph: every chart character (braille, blocks, `╌`, ASCII) is one scalar of one
    /// column, kept as that scalar so a chart's cells are drawn without a `Character`
    /// (a string) each: the SLO detail draws about 2,000 of them a frame.
    public var scalar: Unicode.Scalar
    public var kind: Kind

    /// The glyph as a character.
    public var character: Character {
        get { Character(scalar) }
        set { scalar = newValue.unicodeScalars.first! }
    }

    /// A cell showing `character`, which must be one scalar (its first is kept).
    public init(_ character: Character, kind: Kind) {
        self.init(scalar: character.unicodeScalars.first!, kind: kind)
    }

    public init(scalar: Unicode.Scalar, kind: Kind) {
        self.scalar = scalar
        self.kind = kind
    }

    static let empty = ChartCell(scalar: " ", kind: .empty)
}
