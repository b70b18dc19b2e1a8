/// How the engine judges completed minutes: at once for reads, spread over the batches
/// that follow for ingest (`MinuteEvaluation` says why and what stays the same).
extension Engine {
    /// Series judged after each batch while a minute's evaluation is under way
    /// (`seriesPerBatch`), then twice as many tracked alerts stepped: a few hundred
    /// µs at most (a series with recent bad events costs up to a µs to judge and observe,
    /// a quiet one a few ns; docs/benchmarks.md, "SLO engine"), so 10,000 series and as
    /// many alerts take about 60 batches, a few ms of a busy socket.
    public static let defaultSeriesPerBatch = 256

    /// Whether a completed minute is still being judged, a slice after each batch.
    public var isJudgingMinute: Bool { evaluation != nil }

    /// Moves alert time forward to `time`, judging each minute completed by then. With
    /// `spread`, the last of them is judged over the next batches; earlier ones (a gap in
    /// the events) at once, as is any evaluation still under way when a minute ends.
    mutating func advanceAlerts(to time: EpochMillis, spread: Bool) {
        ruleMetrics.noteTime(time)
        guard let minutes = alertClock.advance(to: time) else { return }
        for minute in minutes {
            startEvaluation(of: minute)
            if !spread || minute != minutes.upperBound { finishEvaluation() }
        }
    }

    /// Judges `minute` at once (a backfill judged again).
    mutating func evaluate(completedMinute minute: Int64) {
        startEvaluation(of: minute)
        finishEvaluation()
    }

    /// Finishes the evaluation under way, then begins `minute`'s: the rules are observed
    /// and the series counted now, as the minute ends.
    private mutating func startEvaluation(of minute: Int64) {
        finishEvaluation()
        evaluation = MinuteEvaluation(
            minute: minute,
            rules: alerting.ruleObservations(at: (minute + 1) * TimeMath.minuteMillis, metrics: ruleMetrics,
                                             lastEventAt: ingest.lastEventAt),
            seriesCounts: slos.map(\.series.count))
    }

    /// Finishes the evaluation under way, if any.
    mutating func finishEvaluation() {
        if evaluation != nil { continueEvaluation(series: .max) }
    }

    /// Judges up to `budget` more series of the evaluation under way and observes their
    /// active tiers; once every series is judged, steps the alert lifecycles with what is
    /// left of the budget (two alerts for a series: a step costs about half a µs, two hash
    /// lookups and the alert's fields, about what a series with recent bad events costs).
    mutating func continueEvaluation(series budget: Int) {
        guard var work = evaluation else { return }
        evaluation = nil   // so `work` is the only reference and grows in place
        var left = budget
        var active: [ActiveAlert] = []
        while !work.seriesJudged, left > 0 {
            let count = work.seriesCounts[work.slo]
            let end = work.series + min(count - work.series, left)
            let range = work.series..<end
            slos[work.slo].evaluateAlerts(completedMinute: work.minute, series: range)
            active.removeAll(keepingCapacity: true)
            slos[work.slo].appendActiveAlerts(of: range, to: &active)
            alerting.observe(active, into: &work)
            left -= range.count
            if end == count {
                work.slo += 1
                work.series = 0
            } else {
                work.series = end
            }
        }
        if work.seriesJudged, left > 0 {
            if work.pass == nil { alerting.beginLifecycles(&work) }
            if alerting.continueLifecycles(&work, alerts: left > Int.max / 2 ? .max : 2 * left) { return }
        }
        evaluation = work
    }
}
