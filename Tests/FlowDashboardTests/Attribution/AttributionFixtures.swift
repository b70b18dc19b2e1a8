import FlowCore

/// Attribution as the engine would give it for the fixture's 84 won deals ($403.2k over
/// 1,240 journeys in the last 30 days): five channels whose credit moves with the model
/// (whatsapp $182.4k under linear, $171.25k under Markov, $210k under last touch), the
/// paths through them, three features and the AI spend of two tenants.
extension Fixture {
    static let channelCosts: [(channel: String, cost: Double, touches: Int)] = [
        ("whatsapp", 2_140, 412), ("linkedin", 4_310, 190), ("website", 880, 260), ("email", 120, 75),
        ("referral", 0, 12),
    ]

    /// Each channel's revenue under each model, in `channelCosts` order; every model
    /// credits the same $403.2k.
    static let modelRevenue: [AttributionModel: [Double]] = [
        .firstTouch: [150_000, 120_000, 80_000, 20_000, 33_200],
        .lastTouch: [210_000, 70_000, 50_000, 55_000, 18_200],
        .linear: [182_400, 96_800, 61_300, 38_900, 23_800],
        .positionBased: [178_000, 100_400, 62_000, 38_000, 24_800],
        .wShaped: [185_600, 94_000, 60_000, 40_400, 23_200],
        .timeDecay: [195_300, 88_000, 58_000, 42_700, 19_200],
        .markov: [171_250, 104_600, 66_350, 36_000, 25_000],
        .shapley: [176_900, 101_300, 64_100, 37_100, 23_800],
    ]

    /// Linear's conversions as the pane has always shown them; the other models' in
    /// proportion to their revenue, to the quarter.
    static func conversions(_ model: AttributionModel, _ i: Int) -> Double {
        if model == .linear { return [37.5, 19.25, 14, 8.25, 5][i] }
        return ((modelRevenue[model]?[i] ?? 0) / 403_200 * 84 * 4).rounded() / 4
    }

    static let channelComparison: [ChannelComparison] = channelCosts.enumerated().map { i, c in
        ChannelComparison(channel: c.channel, touches: c.touches, cost: c.cost,
                          revenue: modelRevenue.mapValues { $0[i] },
                          conversions: Dictionary(uniqueKeysWithValues: AttributionModel.allCases.map {
                              ($0, conversions($0, i))
                          }))
    }

    static func path(_ label: String, _ conversions: Int, _ revenue: Double) -> ConversionPath {
        ConversionPath(channels: label.split(separator: " > ").map(String.init), conversions: conversions,
                       revenue: revenue)
    }

    static let topPaths: ConversionPaths = {
        let overall = [
            path("whatsapp > email", 22, 105_600), path("linkedin > whatsapp", 18, 86_400),
            path("whatsapp", 12, 57_600), path("website > whatsapp > email", 9, 43_200),
            path("linkedin", 7, 33_600), path("website", 6, 28_800), path("referral", 5, 23_800),
            path("email", 4, 19_200), path("linkedin > website", 1, 4_800),
        ]
        var byChannel: [String: [ConversionPath]] = [:]
        for p in overall {
            for channel in Set(p.channels) { byChannel[channel, default: []].append(p) }
        }
        return ConversionPaths(overall: overall, byChannel: byChannel)
    }()

    static let features: [FeatureImpactRow] = [
        FeatureImpactRow(feature: "ai_response_generation", leadsTouched: 610, conversionsTouched: 58,
                         conversionRateTouched: 58.0 / 610, revenuePerLeadTouched: 456.4, leadsNotTouched: 630,
                         conversionsNotTouched: 26, conversionRateNotTouched: 26.0 / 630,
                         revenuePerLeadNotTouched: 198.1, lift: 2.30, attributedRevenue: 96_400),
        FeatureImpactRow(feature: "lead_scoring", leadsTouched: 480, conversionsTouched: 31,
                         conversionRateTouched: 31.0 / 480, revenuePerLeadTouched: 310, leadsNotTouched: 760,
                         conversionsNotTouched: 53, conversionRateNotTouched: 53.0 / 760,
                         revenuePerLeadNotTouched: 334.7, lift: 0.93, attributedRevenue: 41_200),
        FeatureImpactRow(feature: "follow_up_automation", leadsTouched: 220, conversionsTouched: 12,
                         conversionRateTouched: 12.0 / 220, revenuePerLeadTouched: 261.8, leadsNotTouched: 1_020,
                         conversionsNotTouched: 72, conversionRateNotTouched: 72.0 / 1_020,
                         revenuePerLeadNotTouched: 338.8, lift: 0.77, attributedRevenue: 18_300),
    ]

    /// Revenue credited to AI-assisted touches under each model ($118k under linear).
    static let aiRevenue: [AttributionModel: Double] = [
        .firstTouch: 96_000, .lastTouch: 140_000, .linear: 118_000, .positionBased: 112_000, .wShaped: 121_000,
        .timeDecay: 131_000, .markov: 118_000, .shapley: 118_000,
    ]

    /// $2.2k of AI spend ($412.37 of requests) and 42 won deals with AI; acme spends
    /// $1.5k of it on 30 of the deals, globex $700 on 12.
    static func aiROI(_ model: AttributionModel, share: Double = 1, requests: Double = 412.37,
                      touches: Double = 1_787.63, won: Int = 42) -> AIROISummary {
        AIROISummary(model: model, aiRequestSpend: requests, aiTouchCost: touches,
                     aiAssistedTouches: Int(1_204 * share), attributedRevenue: (aiRevenue[model] ?? 0) * share,
                     wonDealsWithAI: won)
    }

    static func attribution(_ model: AttributionModel = .linear) -> AttributionSnapshot {
        let comparison = channelComparison.sorted { ($0.revenue[model] ?? 0) > ($1.revenue[model] ?? 0) }
        return AttributionSnapshot(
            model: model, rows: comparison.map { $0.row(model) }, totalRevenue: 403_200, totalCost: 7_450,
            aiSpend: 412.37, periodDays: 30, paths: 1_240, conversions: 84, comparison: comparison,
            features: features, aiROI: aiROI(model), aiROIByModel: AttributionModel.allCases.map { aiROI($0) },
            aiROIByTenant: [
                TenantAIROI(tenant: "acme",
                            summary: aiROI(model, share: 84.0 / 118, requests: 280, touches: 1_220, won: 30)),
                TenantAIROI(tenant: "globex",
                            summary: aiROI(model, share: 34.0 / 118, requests: 132.37, touches: 567.63, won: 12)),
            ],
            topPaths: topPaths)
    }
}
