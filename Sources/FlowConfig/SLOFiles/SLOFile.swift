import FlowCore
import Foundation

/// SLO files: OpenSLO v1 YAML that replaces or extends flowtop's built-in SLOs
/// (`flowtop --slo FILE`). The format, with every field and a full example, is in
/// docs/slo-files.md; docs/examples/slos.yaml spells out the built-ins.
///
/// Every mistake is an `SLOFileError` naming the file, line, column and field, so an
/// operator can fix the file without reading flowtop's source:
///
/// ```swift
/// let slos = SLOFile.merge(try SLOFile.load(path: "slos.yaml"), into: SLODefinition.builtIn)
/// // or, on a mistake:
/// // slos.yaml:14:15: spec.objectives[0].target: expected a fraction between 0 and 1 (exclusive), ...
/// ```
public enum SLOFile {
    /// Reads and parses one file; a missing or unreadable file is an `SLOFileError` too.
    public static func load(path: String) throws(SLOFileError) -> [SLODefinition] {
        let text = try YAMLFileText.read(path: path, expecting: "an OpenSLO YAML file")
        return try parse(text, file: path)
    }

    /// Parses the text of an SLO file; `file` names it in errors. SLOs come out in file
    /// order; `SLI` objects serve `indicatorRef`s, other OpenSLO kinds are skipped.
    public static func parse(_ yaml: String, file: String) throws(SLOFileError) -> [SLODefinition] {
        let objects = try OpenSLOObject.read(yaml, file: file)
        let indicators = try indicatorsByName(objects)
        var definitions: [SLODefinition] = []
        var firstLine: [String: Int] = [:]
        for object in objects where object.kind == .slo {
            let definition = try SLODocument.definition(of: object, indicators: indicators)
            let nameField = try object.name().field
            if let line = firstLine[definition.name] {
                throw nameField.error("SLO `\(definition.name)` is already defined at line \(line); "
                                      + "expected each SLO name once per file")
            }
            firstLine[definition.name] = nameField.node.mark?.line ?? 0
            definitions.append(definition)
        }
        guard !definitions.isEmpty else {
            throw SLOFileError(file: file, message: "no SLO found: expected at least one object with "
                               + "apiVersion: openslo/v1 and kind: SLO")
        }
        return definitions
    }

    /// The built-ins with a file's SLOs merged in: a file SLO replaces the built-in of the
    /// same name in place; the others follow the built-ins, in file order.
    ///
    /// ```swift
    /// SLOFile.merge([stricterAIRequestSuccess, checkoutLatency], into: SLODefinition.builtIn)
    /// // [ai_response_latency, message_processing_latency, stricterAIRequestSuccess, checkoutLatency]
    /// ```
    public static func merge(_ file: [SLODefinition], into builtIn: [SLODefinition]) -> [SLODefinition] {
        let builtInNames = Set(builtIn.map(\.name))
        let replaced = builtIn.map { slo in file.first { $0.name == slo.name } ?? slo }
        return replaced + file.filter { !builtInNames.contains($0.name) }
    }

    /// Every `SLI` object, checked even when no SLO refers to it.
    private static func indicatorsByName(_ objects: [OpenSLOObject]) throws(SLOFileError) -> [String: FlowtopIndicator] {
        var indicators: [String: FlowtopIndicator] = [:]
        var firstLine: [String: Int] = [:]
        for object in objects where object.kind == .sli {
            let (name, nameField) = try object.name()
            if let line = firstLine[name] {
                throw nameField.error("SLI `\(name)` is already defined at line \(line); expected each SLI name once "
                                      + "per file")
            }
            firstLine[name] = nameField.node.mark?.line ?? 0
            let spec = try object.fields.required("spec", expecting: "thresholdMetric or ratioMetric").mapping()
            indicators[name] = try FlowtopIndicator.parse(spec: spec)
        }
        return indicators
    }
}
