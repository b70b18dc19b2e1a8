import SmallFiles
import Yams

/// The two steps every single-document config file starts with: read the file as UTF-8
/// text, and parse that text into one YAML root whose mistakes point at a line.
///
/// ```swift
/// let text = try YAMLFileText.read(path: "rules.yaml", expecting: "a rules file")
/// let root = try YAMLFileText.root(of: text, file: "rules.yaml", expecting: "`groups:` with a list of groups")
/// ```
enum YAMLFileText {
    /// The file's text; a missing, unreadable or binary file, one that is not a regular
    /// file (a directory, a FIFO, `/dev/zero`) or one larger than 1 MiB is an error naming
    /// the path and never its content. `expected` names what the file should be
    /// (`a rules file (YAML)`).
    static func read(path: String, expecting expected: String) throws(SLOFileError) -> String {
        do throws(SmallFileError) {
            return try SmallFile.read(atPath: path, limit: SmallFile.configLimit).text()
        } catch {
            let message = switch error {
            case .notFound: "no such file"
            case .permissionDenied: "cannot be read (check its permissions)"
            case .notRegularFile, .notText: "the file \(error); expected \(expected)"
            case .tooLarge, .system: "the file \(error)"
            }
            throw SLOFileError(file: path, message: message)
        }
    }

    /// The one YAML document of `yaml`: a syntax error, a second document (`---`) or an
    /// empty file is an error. `expected` says what the top of the file should hold.
    static func root(of yaml: String, file: String, expecting expected: String) throws(SLOFileError) -> FieldNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SLOFileError(yaml: error, file: file)
        }
        guard let root, root.null == nil else {
            throw SLOFileError(file: file, message: "the file is empty; expected \(expected)")
        }
        return FieldNode(node: root, path: "", file: file)
    }
}
