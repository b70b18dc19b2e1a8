import FlowTestKit
import Foundation
import Testing
@testable import FlowCore

/// A minute's evaluation builds no strings it can look up: burn-rate alerts keep their
/// labels and fingerprint, and their summaries format rates from integers. Both must say
/// exactly what the plain way says.
@Suite struct BurnObservationTests {
    /// What the summary printed before: the value rounded to hundredths, through `Double`.
    static func plainRate(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        let scaled = (x * 100).rounded() / 100
        return scaled == scaled.rounded() ? String(Int64(scaled)) : String(scaled)
    }

    @Test func ratesReadAsTheValueRoundedToHundredthsAlwaysPrinted() {
        let fixed: [Double] = [0, 1, 6, 14.4, 0.25, 0.05, 0.1, 0.005, 0.004999, 2.675, 1.005, 999.995, 1_000,
                               -0.001, -0.25, -1.5, 123_456_789.12, 9.999_999_999_99e11, 1e12, 3e12, 1e14, 1e17,
                               .infinity, -.infinity, .nan, .ulpOfOne, 36_000.01]
        for x in fixed {
            #expect(EngineAlerting.rate(x) == Self.plainRate(x), "\(x)")
        }
        #expect(EngineAlerting.rate(1e20) == "1e+20", "too large for Int64: printed as a Double, not a trap")
        var rng = SeededGenerator(seed: 2_026)
        for _ in 0..<200_000 {
            let magnitude = Double.random(in: -3...13, using: &rng)
            let x = pow(10, magnitude) * (Bool.random(using: &rng) ? 1 : -1)
            #expect(EngineAlerting.rate(x) == Self.plainRate(x), "\(x)")
        }
    }

    @Test func aCachedObservationEqualsTheOneBuiltFromScratch() {
        let tier = SLODefinition.workbookTiers[0]
        for series in [SLOSeriesID.total, .tenant("acme"), .model("gpt-4o")] {
            let alert = ActiveAlert(slo: "ai_request_success", series: series, tier: tier, since: 0,
                                    longBurn: 15.123, shortBurn: 20, inhibited: false)
            let plain = EngineAlerting.observation(alert)
            let labels = EngineAlerting.labels(alert)
            let cached = EngineAlerting.observation(alert, labels: labels, fingerprint: labels.fingerprint)
            #expect(cached == plain)
            #expect(cached.fingerprint == plain.labels.fingerprint)
            #expect(plain.annotations["summary"] == "ai_request_success (\(series.label)) burns its error budget at "
                        + "15.12x over 1h and 20x over 5m, above 14.4x")
        }
    }

    @Test func changedLabelsForgetTheCachedFingerprint() {
        let labels = AlertLabels(["alertname": "A"])
        var observation = AlertObservation(labels: labels, fingerprint: labels.fingerprint, holds: true)
        observation.labels = AlertLabels(["alertname": "B"])
        #expect(observation.fingerprint == AlertLabels(["alertname": "B"]).fingerprint)
    }
}
