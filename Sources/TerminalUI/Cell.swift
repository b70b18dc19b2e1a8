import Synchronization

extension CellGrid {
    /// One cell of a grid: a character, its style, and whether it is the right half of a
    /// double-width character drawn in the cell to its left.
    ///
    /// Why it keeps a number rather than a `Character`: a `Character` is a string, so every
    /// copy, overwrite and release of a cell was a reference-count call, and a frame at
    /// 200x60 creates, clears, compares and frees 12,000 cells (about a fifth of a frame's
    /// CPU went there). A cell is plain bits now: a new grid is filled like memory, a freed
    /// one costs nothing per cell, and comparing two cells compares integers. The character
    /// is still what `character` reads and writes, exactly as it was given.
    ///
    /// Eight bytes with no padding (`bits`): `GridDiff` compares rows a word per cell.
    public struct Cell: Sendable, Hashable {
        /// The character's code (`Graphemes`) in the low 31 bits, `continuationBit` above.
        private var bits: UInt32
        public var style: CellStyle

        private static let continuationBit: UInt32 = 1 << 31

        public init(_ character: Character = " ", style: CellStyle = .normal, isContinuation: Bool = false) {
            self.init(code: Graphemes.code(of: character), style: style, isContinuation: isContinuation)
        }

        /// A cell from a code `Graphemes.code(of:)` gave (or a scalar's value): what the
        /// drawing loops write without building a `Character` per cell.
        init(code: UInt32, style: CellStyle, isContinuation: Bool = false) {
            bits = code | (isContinuation ? Self.continuationBit : 0)
            self.style = style
        }

        /// The character's Unicode scalar when it is one scalar (nearly every cell); from
        /// `Graphemes.firstCode` up, the number `Graphemes` gave a character of several.
        var code: UInt32 { bits & ~Self.continuationBit }

        /// The right half of a double-width character drawn in the cell to its left.
        public var isContinuation: Bool {
            get { bits & Self.continuationBit != 0 }
            set { bits = code | (newValue ? Self.continuationBit : 0) }
        }

        public var character: Character {
            get { Graphemes.character(code) }
            set { bits = Graphemes.code(of: newValue) | (bits & Self.continuationBit) }
        }

        /// `DisplayWidth.of(character)`, without building the character for a single scalar.
        var displayWidth: Int {
            let code = self.code
            // What frames draw (ASCII, box drawing, blocks, braille, ...): one column, none
            // for a control, decided here; the call below reached Unicode's property
            // tables for every cell `GridDiff` wrote (a quarter of its time).
            if DisplayWidth.isPlain(code) { return code < 0x20 || (code >= 0x7F && code < 0xA0) ? 0 : 1 }
            guard code < Graphemes.firstCode, let scalar = Unicode.Scalar(code) else {
                return DisplayWidth.of(character)
            }
            return DisplayWidth.of(leading: scalar, isCluster: false)
        }

        /// A cell is one 64-bit word whose bits are equal exactly when the cells are (a
        /// code, a one-byte role and three `Bool`s, no padding), so rows compare as words.
        static let isOneWord = MemoryLayout<Cell>.size == 8 && MemoryLayout<CellStyle>.size == 4

        /// The character is ASCII (one scalar below 0x80; "\r\n" is two and is not).
        var isASCII: Bool { code < 0x80 }
    }
}

/// The numbers cells keep for their characters: a character of one Unicode scalar is that
/// scalar's value; a character of several (an emoji with a modifier, a letter with a
/// combining mark) gets a number from `firstCode` up, the same for the same scalars in every
/// grid, so cells of two grids still compare as numbers.
///
/// Codes stay below 2^31 (`Cell` keeps a flag in the top bit): that is two billion distinct
/// characters of several scalars.
///
/// The table of those characters only grows, by each distinct many-scalar character ever
/// drawn (the names and labels in the data, not the frames), and is behind a lock that
/// single scalars never take.
enum Graphemes {
    /// Above every Unicode scalar value (U+10FFFF).
    static let firstCode: UInt32 = 0x11_0000

    private struct Table {
        var codes: [Key: UInt32] = [:]
        var characters: [Character] = []
    }

    /// A character compared by its UTF-8 bytes, not by `Character` equality (canonical
    /// equivalence): a cell gives back exactly the scalars it was given. A `String` of up
    /// to 15 bytes (an emoji with a modifier is 8) is stored inline, so looking one up
    /// allocates nothing.
    private struct Key: Hashable {
        let text: String

        static func == (a: Key, b: Key) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

        func hash(into hasher: inout Hasher) {
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }

    private static let table = Mutex(Table())

    /// The code of `character`: its scalar's value when it has one scalar.
    static func code(of character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        let start = scalars.startIndex
        let first = scalars[start]
        if scalars.index(after: start) == scalars.endIndex { return first.value }
        let key = Key(text: String(character))
        return table.withLock { table in
            if let code = table.codes[key] { return code }
            let code = firstCode + UInt32(clamping: table.characters.count)
            precondition(code < 1 << 31, "more distinct characters drawn than a cell can number")
            table.codes[key] = code
            table.characters.append(character)
            return code
        }
    }

    /// The character `code` stands for.
    static func character(_ code: UInt32) -> Character {
        if code < firstCode, let scalar = Unicode.Scalar(code) { return Character(scalar) }
        return table.withLock { $0.characters[Int(code - firstCode)] }
    }
}
