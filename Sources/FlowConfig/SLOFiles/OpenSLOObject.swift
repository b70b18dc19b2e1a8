import Yams

/// The OpenSLO objects of one file, in file order, with their `apiVersion` checked and
/// their `kind` read.
///
/// A file may separate objects with `---` (one per YAML document), list them at the top
/// level, or mix both:
///
/// ```yaml
/// apiVersion: openslo/v1
/// kind: SLO
/// ...
/// ---
/// - apiVersion: openslo/v1
///   kind: SLI
///   ...
/// ```
struct OpenSLOObject {
    /// The OpenSLO kinds flowtop knows. It reads `SLO` and `SLI` (for `indicatorRef`)
    /// and skips the rest, which other OpenSLO tools use.
    enum Kind: String, CaseIterable {
        case slo = "SLO", sli = "SLI", service = "Service", alertPolicy = "AlertPolicy"
        case alertCondition = "AlertCondition", alertNotificationTarget = "AlertNotificationTarget"
        case dataSource = "DataSource"
    }

    static let apiVersion = "openslo/v1"

    var kind: Kind
    var fields: FieldMapping

    /// Every object in `yaml`; a syntax error, a non-object or a wrong `apiVersion` or
    /// `kind` fails the whole file.
    static func read(_ yaml: String, file: String) throws(SLOFileError) -> [OpenSLOObject] {
        var roots: [Node] = []
        do {
            let parser = try Parser(yaml: yaml)
            while let root = try parser.nextRoot() {
                roots.append(root)
            }
        } catch {
            throw SLOFileError(yaml: error, file: file)
        }
        var objects: [OpenSLOObject] = []
        for root in roots {
            let field = FieldNode(node: root, path: "", file: file)
            if field.isNull { continue }  // an empty document, e.g. after a trailing `---`
            let items = root.sequence == nil ? [field] : try field.list()
            for item in items {
                objects.append(try object(item))
            }
        }
        return objects
    }

    private static func object(_ item: FieldNode) throws(SLOFileError) -> OpenSLOObject {
        guard item.node.mapping != nil else {
            throw item.error("expected an OpenSLO object (apiVersion, kind, metadata, spec), found \(item.found)")
        }
        let fields = try item.mapping()
        try fields.rejectMisspelledKeys(known: ["apiVersion", "kind", "metadata", "spec"])
        let versionField = try fields.required("apiVersion", expecting: apiVersion)
        let version = try versionField.string()
        guard version == apiVersion else {
            throw versionField.error("flowtop reads OpenSLO v1 files: expected \(apiVersion), found `\(version)`")
        }
        let kindField = try fields.required("kind", expecting: "SLO")
        let name = try kindField.string()
        guard let kind = Kind(rawValue: name) else {
            let others = Kind.allCases.filter { $0 != .slo }.map(\.rawValue).joined(separator: ", ")
            throw kindField.error("unknown kind `\(name)`; expected SLO (or \(others), which flowtop skips "
                                  + "except SLIs named by an indicatorRef)")
        }
        return OpenSLOObject(kind: kind, fields: fields)
    }

    /// `metadata.name`, checked only for being text: SLO names have stricter rules
    /// (`SLOName`), names of other kinds are OpenSLO's business.
    func name() throws(SLOFileError) -> (name: String, field: FieldNode) {
        let metadata = try fields.required("metadata", expecting: "a mapping with a name").mapping()
        let field = try metadata.required("name", expecting: "the object's name")
        return (try field.string(), field)
    }
}
