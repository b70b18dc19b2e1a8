/// A completed minute's alert evaluation, spread over the batches that follow it.
///
/// Why: judging every tier of every series and running the alert lifecycles at once took
/// about 10 ms at 10,000 series, and the batch that crossed the minute waited for all of
/// it: an ingest stall once a minute. The engine instead judges `Engine.seriesPerBatch`
/// series after each batch, in series order, then steps twice as many tracked
/// alerts through their lifecycles (`AlertBook.Pass`) a batch, and admits new alerts at
/// the end. Nothing else changes:
///
/// - a tier is judged on the minute's windows whenever it runs: events of the next
///   minute land in the next minute's bucket (a late event for this minute makes the
///   next read judge it again, as before);
/// - the rules' observations are taken when the minute ends (`rules`), before any event
///   of the next minute moves their metrics;
/// - the series judged are those that existed when the minute ended (`seriesCounts`);
///   a series created since had no event in that minute;
/// - every read (snapshot, alerting), acknowledgement, silence and checkpoint first
///   finishes the evaluation under way, so none sees a minute half judged;
/// - a second minute ending finishes the first one before it starts.
///
/// So the states, alerts and episodes are those of judging the minute at once, and a
/// replay still lists exactly the alerts a live run would.
///
/// ```swift
/// var evaluation = MinuteEvaluation(minute: m, rules: rules, seriesCounts: [3, 10_001])
/// // Engine.continueEvaluation: judge some series, observe their active tiers, and at
/// // the end alerting.finish(&evaluation).
/// ```
struct MinuteEvaluation: Sendable {
    /// The completed minute judged.
    let minute: Int64
    /// The threshold rules' observations at the end of `minute`.
    let rules: [AlertObservation]
    /// How many series each SLO had when the minute ended.
    let seriesCounts: [Int]
    /// The next series to judge: SLO index, series index.
    var slo = 0
    var series = 0
    /// The active burn-rate tiers of the series judged so far, as observations by
    /// fingerprint (what `AlertBook.evaluate(holding:at:)` takes: hashed a slice at a time).
    var holding: [String: AlertObservation] = [:]
    /// Fingerprints of the inhibited ones among them.
    var inhibited: Set<String> = []
    /// The lifecycles' pass over the tracked alerts, once every series is judged.
    var pass: AlertBook.Pass?

    init(minute: Int64, rules: [AlertObservation], seriesCounts: [Int]) {
        self.minute = minute
        self.rules = rules
        self.seriesCounts = seriesCounts
    }

    /// Every series judged.
    var seriesJudged: Bool { slo >= seriesCounts.count }
}
