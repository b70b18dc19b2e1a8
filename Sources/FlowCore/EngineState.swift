/// The engine as state that outlives a process: carried into another configuration, and
/// its Codable conformance, which synthesis needs in Engine.swift, is encoded for
/// checkpoints (FlowStore). The stored properties are internal to FlowCore so that this
/// lives beside, not inside, the engine's behaviour.
extension Engine {
    /// This engine's state under `configuration`, for a data directory written under
    /// another one (an SLO, rules or lead file changed between runs). What still fits is
    /// kept: SLOs whose definition and series cap are unchanged keep their series and
    /// alert state (the others start empty), leads when their caps are unchanged, tenants
    /// and `/metrics` counters when the series cap is, and always the intake counters,
    /// alert lifecycle, silences and acknowledgements.
    public func reconfigured(to configuration: EngineConfiguration) -> Engine {
        var judged = self
        judged.finishEvaluation()
        return judged.reconfiguredJudged(to: configuration)
    }

    /// `reconfigured(to:)` of an engine with no minute's evaluation under way.
    private func reconfiguredJudged(to configuration: EngineConfiguration) -> Engine {
        var fresh = Engine(configuration: configuration)
        let old = self.configuration
        for (i, definition) in configuration.slos.enumerated() {
            if let j = sloIndexByName[definition.name], slos[j].definition == definition,
               old.maxSeriesPerSLO == configuration.maxSeriesPerSLO {
                fresh.slos[i] = slos[j]
            }
        }
        if old.maxSeriesPerSLO == configuration.maxSeriesPerSLO {
            fresh.tenants = tenants
            fresh.exports = exports
        }
        if old.maxLeads == configuration.maxLeads, old.maxTouchesPerLead == configuration.maxTouchesPerLead,
           old.maxChannels == configuration.maxChannels {
            fresh.leads = leads
            if old.leadRetentionDays == configuration.leadRetentionDays { fresh.retention = retention }
        }
        fresh.ingest = ingest
        fresh.ruleMetrics = ruleMetrics
        fresh.alertClock = alertClock
        fresh.lateSinceEvaluation = lateSinceEvaluation
        fresh.alerting = EngineAlerting(rules: configuration.alertRules, keeping: alerting)
        fresh.takeLabels(from: configuration)
        return fresh
    }

    /// The SLOs' short names from `configuration`: labels that checkpoints do not keep and
    /// that do not make two configurations differ, so an engine read back from a data
    /// directory takes them from the files it runs with now, its state untouched.
    public mutating func takeLabels(from configuration: EngineConfiguration) {
        for i in slos.indices {
            if let definition = configuration.slos.first(where: { $0.name == slos[i].definition.name }) {
                slos[i].relabel(definition)
            }
        }
    }
}
