import Yams

extension SLOFileError {
    /// A YAML syntax error from Yams (libyaml), pointing where the parser gave up.
    ///
    /// ```
    /// slos.yaml:7:11: invalid YAML: mapping values are not allowed in this context
    /// ```
    init(yaml error: any Error, file: String) {
        guard let yamlError = error as? YamlError else {
            self.init(file: file, message: "invalid YAML: \(error)")
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, let yaml),
             .parser(let context, let problem, let mark, let yaml),
             .composer(let context, let problem, let mark, let yaml):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) that starts at line \(context.mark.line), column \(context.mark.column))"
            }
            if Self.isTab(at: mark, in: yaml) {
                message += "; YAML indents with spaces, not tabs"
            }
            self.init(file: file, line: mark.line, column: mark.column, message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            self.init(file: file, line: context.mark.line, column: context.mark.column,
                      message: "invalid YAML: the key \(keys) appears more than once in one mapping "
                          + "(first at this line); expected each key once")
        case .reader(let problem, _, _, _):
            self.init(file: file, message: "invalid YAML: \(problem)")
        default:
            self.init(file: file, message: "invalid YAML: \(yamlError)")
        }
    }

    /// Whether the character at `mark` is a tab: libyaml's "cannot start any token" then
    /// means tab indentation, the mistake most worth naming.
    private static func isTab(at mark: Mark, in yaml: String) -> Bool {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return false }
        let line = lines[mark.line - 1].unicodeScalars
        guard mark.column >= 1, mark.column <= line.count else { return false }
        return line[line.index(line.startIndex, offsetBy: mark.column - 1)] == "\t"
    }
}
