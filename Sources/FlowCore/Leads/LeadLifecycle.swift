/// Applies the lead events (`lead_created`, `lead_stage`, `touchpoint`) to the lead table,
/// the funnel and attribution, keeping the three consistent.
///
/// Rules:
/// - a stage or touchpoint for an unknown lead creates it with source `unknown`; a later
///   `lead_created` fills in the real source;
/// - a touchpoint alone does not put a lead in the funnel; any stage event does (as
///   `lead_created` at least);
/// - each lead's stage times follow `FunnelLead`'s rules (earliest time per stage,
///   jumps pass the skipped stages, late and lost events), which the funnel analysis reads;
/// - attribution is computed at snapshot time from the kept leads' touches and won
///   times (`AttributionAssembler`); here only the AI spend is summed per tenant;
/// - every event makes its lead active at its time (`LeadTable.modify(_:at:_:)`), which
///   `expire(before:)` judges.
///
/// ```swift
/// var leads = LeadLifecycle(maxLeads: 1000, maxTouchesPerLead: 32)
/// leads.apply(stage: .won, revenue: 500, lead: "L-1", tenant: "acme", at: now)
/// ```
struct LeadLifecycle: Sendable, Codable {
    static let unknownSource = "unknown"

    private(set) var table: LeadTable
    /// `ai_request` cost per tenant and UTC day (not tied to a lead), split over channels
    /// by AI-assisted touches when attribution is shown.
    private(set) var aiSpend: [String: TimeSums] = [:]
    let maxTouchesPerLead: Int
    /// Touchpoint channels and features, capped (`LabelFold`): past the cap, `other`.
    private(set) var channels: LabelFold
    private(set) var features: LabelFold

    init(maxLeads: Int, maxTouchesPerLead: Int, maxChannels: Int = EngineConfiguration.defaultMaxChannels) {
        table = LeadTable(capacity: maxLeads)
        self.maxTouchesPerLead = max(1, maxTouchesPerLead)
        channels = LabelFold(capacity: maxChannels)
        features = LabelFold(capacity: maxChannels)
    }

    /// Changes the lead of `key` for an event at `time`, creating it first with `source`
    /// when it is unknown (one lookup of the key either way: `LeadTable.modifyOrInsert`);
    /// nil only when the table keeps no leads (`maxLeads` 0).
    @discardableResult
    private mutating func modifyEnsuring<R>(_ key: LeadKey, source: String, at time: EpochMillis,
                                            _ body: (inout LeadRecord) -> R) -> R? {
        table.modifyOrInsert(key, at: time, creating: { LeadRecord(source: source, created: time) }, body)
    }

    /// Records a stage event in the lead's funnel times (`FunnelLead` keeps each stage's
    /// earliest time, counts skipped stages and handles late and lost events).
    private mutating func recordFunnel(_ key: LeadKey, stage: Stage, revenue: Double, at time: EpochMillis) {
        modifyEnsuring(key, source: Self.unknownSource, at: time) { lead in
            // Changed in place where there is one (nil when not): `lead.funnel == nil`
            // copied the whole funnel record, its stage array retained and released.
            if lead.funnel?.apply(stage: stage, at: time, revenue: revenue) == nil {
                var funnel = FunnelLead.firstSeen(tenant: key.tenant, stage: stage, at: time, revenue: revenue)
                funnel.source = lead.source
                lead.funnel = funnel
            }
        }
    }

    mutating func applyCreated(lead id: String, source: String, tenant: String, at time: EpochMillis) {
        let key = LeadKey(tenant: tenant, id: id)
        modifyEnsuring(key, source: source, at: time) { lead in
            if lead.source == Self.unknownSource { lead.source = source }
            lead.created = min(lead.created, time)
            if lead.funnel?.applyCreated(source: source, at: time) == nil {   // in place, as in recordFunnel
                lead.funnel = FunnelLead(tenant: tenant, source: lead.source, created: time)
            }
        }
    }

    mutating func applyStage(_ stage: Stage, revenue: Double, lead id: String, tenant: String, at time: EpochMillis) {
        recordFunnel(LeadKey(tenant: tenant, id: id), stage: stage, revenue: revenue, at: time)
    }

    mutating func applyTouch(_ touch: Touchpoint, tenant: String, at time: EpochMillis) {
        let key = LeadKey(tenant: tenant, id: touch.leadID)
        let limit = maxTouchesPerLead
        let channel = channels.fold(touch.channel)
        let feature = touch.featureUsed.map { features.fold($0) }
        modifyEnsuring(key, source: Self.unknownSource, at: time) { lead in
            lead.addTouch(TouchRecord(channel: channel, time: time, cost: touch.cost, aiAssisted: touch.aiAssisted,
                                      feature: feature),
                          limit: limit)
        }
    }

    /// Forgets the leads with no event since `cutoff` (retention); returns how many.
    @discardableResult
    mutating func expire(before cutoff: EpochMillis) -> Int {
        table.removeLeads(lastActiveBefore: cutoff)
    }

    mutating func applyAISpend(_ cost: Double, tenant: String, at time: EpochMillis) {
        aiSpend[tenant, default: .days()].add(cost, at: time)
    }

    /// AI spend per tenant over the last `days` days (whole UTC days), of one tenant or
    /// of all.
    func aiSpend(tenant: String?, days: Int, now: EpochMillis) -> [String: Double] {
        var out: [String: Double] = [:]
        if tenant == nil { out.reserveCapacity(aiSpend.count) }   // no rehashing at 10,000 tenants
        for (name, sums) in aiSpend where tenant == nil || tenant == name {
            out[name] = sums.total(last: days, now: now)
        }
        return out
    }
}
