/// The part of a snapshot that walks every lead: the funnel analysis and the attribution
/// paths, each skipped when a fresh enough result is cached.
///
/// Why a value of its own: at 100,000 leads this pass takes a good part of a second's
/// budget, and under the engine's lock it would stall ingest and the dashboard alike.
/// `EngineHost` takes the work under the lock (the lead table is copied on write, so
/// taking it is O(1)), runs it outside, and stores the result back under the lock.
///
/// ```swift
/// let (partial, work) = engine.snapshotWithoutLeads(query, now: now)   // under the lock
/// let result = work.run()                                              // outside it
/// engine.store(result, of: work)                                       // under it again
/// let snapshot = result.complete(partial)
/// ```
struct LeadAnalysisWork: Sendable {
    let table: LeadTable
    let now: EpochMillis
    let funnelQuery: FunnelQuery
    let attributionKey: AttributionCacheKey
    let model: AttributionModel
    /// AI request spend per tenant over the attribution period.
    let aiSpend: [String: Double]
    let cachedFunnel: FunnelAnalysis?
    let cachedAttribution: AttributionBase?

    func run() -> LeadAnalysisResult {
        let funnel = cachedFunnel ?? FunnelAnalyzer.analyze(table.funnelLeads, query: funnelQuery, now: now)
        let base = cachedAttribution ?? AttributionAssembler.base(table, key: attributionKey, aiSpend: aiSpend, now: now)
        let attribution = AttributionAssembler.snapshot(base, model: model)
        return LeadAnalysisResult(funnel: funnel, base: base, attribution: attribution)
    }
}

/// What `LeadAnalysisWork` computed.
struct LeadAnalysisResult: Sendable {
    let funnel: FunnelAnalysis
    let base: AttributionBase
    let attribution: AttributionSnapshot

    /// `partial` with its funnel and attribution filled in.
    func complete(_ partial: EngineSnapshot) -> EngineSnapshot {
        var snapshot = partial
        snapshot.funnel = FunnelSnapshot(funnel)
        snapshot.funnelAnalysis = funnel
        snapshot.attribution = attribution
        return snapshot
    }
}
