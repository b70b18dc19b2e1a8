/// A mistake in an SLO file, pointing at the file, line and field.
///
/// Rules and silences files report their mistakes with it too, under the names
/// `RulesFileError` and `SilencesFileError`: all three are read with `FieldNode`, so a
/// mistake reads the same whichever file it is in.
public struct SLOFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the file could not be read at all.
    public var line: Int?
    public var column: Int?
    /// The path of the field in the document, e.g. `spec.objectives[0].target`.
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `slos.yaml:12:5: spec.objectives[0].target: must be between 0 and 1 (got 99.9)`
    public var description: String {
        var out = file
        if let line { out += ":\(line)" }
        if let column { out += ":\(column)" }
        out += ": "
        if let field { out += "\(field): " }
        return out + message
    }
}
