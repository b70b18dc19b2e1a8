import Foundation
import Yams

/// The two steps every single-document config file starts with: read the file as UTF-8
/// text, and parse that text into one YAML root whose mistakes point at a line.
///
/// ```swift
/// let text = try YAMLFileText.read(path: "rules.yaml", expecting: "a rules file")
/// let root = try YAMLFileText.root(of: text, file: "rules.yaml", expecting: "`groups:` with a list of groups")
/// ```
enum YAMLFileText {
    /// The file's text; a missing, unreadable or binary file is an error naming the path.
    /// `expected` names what the file should be (`a rules file (YAML)`).
    static func read(path: String, expecting expected: String) throws(SLOFileError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SLOFileError(file: path, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw SLOFileError(file: path, message: "is a directory; expected \(expected)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SLOFileError(file: path, message: "cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SLOFileError(file: path, message: "is not UTF-8 text; expected \(expected)")
        }
        return text
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
