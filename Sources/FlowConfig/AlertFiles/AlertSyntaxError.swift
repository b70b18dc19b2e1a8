/// A matcher, duration or rule expression that does not read, with a message saying what
/// was expected and what was found. Files report it at the field it came from; a prompt
/// (the dashboard's silence prompt) can show `message` as it is.
///
/// ```swift
/// try LabelMatcher.parse("severity=~\"page|\"ticket")
/// // AlertSyntaxError: expected the matcher to end at the value's closing quote, found `ticket"` after it ...
/// ```
public struct AlertSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension FieldNode {
    /// This node's text read by `parse`; its syntax error (an `AlertSyntaxError`, or
    /// FlowFormats' `DurationSyntaxError`) becomes an error at this node.
    ///
    /// ```swift
    /// let millis = try field.parsed(PrometheusDuration.millis)
    /// // rules.yaml:7:14: groups[0].rules[0].for: unknown unit `min` in `5min`; ...
    /// ```
    func parsed<T, Failure: Error & CustomStringConvertible>(_ parse: (String) throws(Failure) -> T)
        throws(SLOFileError) -> T
    {
        let text = try string()
        do throws(Failure) {
            return try parse(text)
        } catch {
            throw self.error(error.description)
        }
    }
}
