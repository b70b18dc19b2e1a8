import FlowCore

/// The SLOs a command runs with: the built-in three, with the SLOs of each `--slo FILE`
/// replacing built-ins of the same name and adding the rest.
///
/// Why here and not in each command: the dashboard, the replaying commands and `slos`
/// must agree on which SLOs exist, or a report would judge `sli` events the dashboard
/// accepts as `unknown_slo`.
///
/// ```swift
/// let slos = try loadSLODefinitions(files: ["slos.yaml"], includeBuiltIn: true)
/// let engine = Engine(configuration: EngineConfiguration(slos: slos))
/// ```
public func loadSLODefinitions(files: [String], includeBuiltIn: Bool) throws(UserFacingError) -> [SLODefinition] {
    var slos = includeBuiltIn ? SLODefinition.builtIn : []
    var origin: [String: String] = [:]
    for file in files {
        let loaded: [SLODefinition]
        do {
            loaded = try SLOFile.load(path: file)
        } catch {
            throw UserFacingError(error.description)
        }
        for slo in loaded {
            if let other = origin[slo.name] {
                throw UserFacingError("\(file): SLO '\(slo.name)' is already defined in \(other); give one of them another name")
            }
            origin[slo.name] = file
        }
        slos = SLOFile.merge(loaded, into: slos)
    }
    if slos.isEmpty {
        throw UserFacingError("no SLOs to track: --no-builtin-slos needs at least one --slo FILE")
    }
    return slos
}
