import FlowCore

/// The `--demo` workload at the pace of one real SalesFlow deployment, the same before
/// the start (30 days of SLO traffic, 60 of lead journeys) and after it (live), so every
/// window, period and budget reads as it would at a customer's:
///
/// - **SLO traffic** at a fixed number of events a minute per built-in SLO (`perMinute`),
///   sparse enough that the 30-day backfill (about 260k events) is in within a second or
///   two, and live at the same pace, so the 5m, 1h, 6h and 3d windows weigh alike and a
///   live incident costs the 30-day budget what it would (a few percent). Events older
///   than 6 hours are gathered into one minute per chart bucket (`gathered`).
/// - **Past incidents** (`pastIncidents`, 2 to 20 days ago) leave the budgets 60-90%
///   remaining; the live ones follow `DemoWorkload.incident(at:)` (the first 20 s in).
/// - **Leads** arrive at `leadsPerDay` from 60 days back on, before the start and after it,
///   each with its whole journey (`DemoWorkload.journey`, days to weeks) written event by
///   event as its time comes: the 30-day funnel holds steady instead of filling up.
/// - **Costs** as a business has them: AI requests at list prices (low thousands of
///   dollars a month), paid clicks that earn back 2-10x, messages at a cent.
///
/// Deterministic for a seed: the clock only says up to when to write.
///
/// ```swift
/// var business = DemoBusiness(seed: 42, start: now)
/// var bytes: [UInt8] = []
/// business.advance(to: now, into: &bytes)          // the backfill
/// business.advance(to: now + 1_000, into: &bytes)  // the next second, live
/// ```
public struct DemoBusiness: Sendable {
    static let minuteMillis: EpochMillis = 60_000
    /// Days of SLO traffic before the start (the built-in SLOs' window).
    public static let sloDays = 30
    /// Days of lead journeys before the start (the funnel's 90-day period then holds two
    /// months of leads, the 30-day one a full month).
    public static let leadDays = 60
    /// New leads a day, before the start and live.
    public static let leadsPerDay = 100.0
    /// Events a minute of each kind behind the built-in SLOs: AI requests (99.9%, so the
    /// densest: its budget is the smallest), AI response times and processed messages.
    static let perMinute: [(kind: DemoWorkload.Incident, rate: Double)] =
        [(.aiRequestFailures, 3), (.aiLatencySpike, 1.5), (.messageProcessingErrors, 1.5)]
    /// How hard a live incident hits (`DemoWorkload`'s strength; 1.4 fails every gpt-4o
    /// request): enough to page on the sparse traffic, a few percent of the budget.
    static let liveStrength = 1.4

    /// An incident in the backfill, `daysAgo` before the start.
    public struct PastIncident: Sendable, Equatable {
        public var kind: DemoWorkload.Incident
        public var daysAgo: Double
        public var minutes: Int
        public var strength: Double
    }

    /// A message-queue outage 20 days ago, a provider's bad hour 9 days ago and a slow
    /// model 2 days ago (inside the 3d window, so it burns above the 6h one).
    public static let pastIncidents = [
        PastIncident(kind: .messageProcessingErrors, daysAgo: 20, minutes: 90, strength: 1),
        PastIncident(kind: .aiRequestFailures, daysAgo: 9, minutes: 45, strength: 0.3),
        PastIncident(kind: .aiLatencySpike, daysAgo: 2, minutes: 120, strength: 1),
    ]

    var workload: DemoWorkload
    public let start: EpochMillis
    /// The first minute of SLO traffic: no event is stamped earlier (the engine keeps 30 days).
    private let sloFrom: EpochMillis
    /// SLO traffic is scheduled for every minute before this one.
    private var sloCursor: EpochMillis
    /// The next lead's creation time.
    private var nextArrival: EpochMillis
    /// SLO events owed per kind (fractional rates add up minute by minute).
    private var owed: [Double]
    private var pending = DemoSchedule()

    public init(seed: UInt64, start: EpochMillis) {
        workload = DemoWorkload(seed: seed, start: start)
        self.start = start
        // A few minutes inside the 30 days, so the oldest events are not too old for the
        // engine when they arrive.
        let from = start - EpochMillis(Self.sloDays) * DemoWorkload.dayMillis + 5 * Self.minuteMillis
        sloFrom = from - ((from % Self.minuteMillis) + Self.minuteMillis) % Self.minuteMillis
        sloCursor = sloFrom
        nextArrival = start - EpochMillis(Self.leadDays) * DemoWorkload.dayMillis
        owed = Array(repeating: 0, count: Self.perMinute.count)
    }

    /// The incident at `time` and its strength: a past one, or the live schedule's.
    public func incident(at time: EpochMillis) -> (kind: DemoWorkload.Incident, strength: Double)? {
        for past in Self.pastIncidents {
            let begins = start - EpochMillis(past.daysAgo * Double(DemoWorkload.dayMillis))
            if time >= begins, time < begins + EpochMillis(past.minutes) * Self.minuteMillis {
                return (past.kind, past.strength)
            }
        }
        return workload.incident(at: time).map { ($0, Self.liveStrength) }
    }

    /// Appends every event stamped before `time` not written yet, in time order; returns
    /// how many. From a fresh value, `advance(to: start)` is the whole backfill.
    @discardableResult
    public mutating func advance(to time: EpochMillis, into out: inout [UInt8]) -> Int {
        var written = 0
        while true {
            // Everything before `edge` is scheduled: SLO minutes before the cursor, and the
            // journeys of leads created before it (their events all come later).
            let edge = min(time, sloCursor)
            while nextArrival < edge {
                for (t, line) in workload.journey(createdAt: nextArrival) { pending.add(line, at: t) }
                nextArrival += EpochMillis(workload.rng.exponential(mean: Double(DemoWorkload.dayMillis) / Self.leadsPerDay))
                    + 1
            }
            written += pending.write(before: edge, into: &out)
            guard sloCursor < time else { return written }
            scheduleMinute(at: sloCursor)
            sloCursor += Self.minuteMillis
        }
    }

    /// The SLO events of the minute from `minute`, each at a random time inside it.
    private mutating func scheduleMinute(at minute: EpochMillis) {
        for (i, signal) in Self.perMinute.enumerated() {
            owed[i] += signal.rate
            while owed[i] >= 1 {
                owed[i] -= 1
                let t = minute + EpochMillis(workload.rng.unit() * Double(Self.minuteMillis))
                let trouble = incident(at: t)
                let stamp = gathered(t)
                let strength = trouble?.kind == signal.kind ? trouble?.strength ?? 0 : 0
                var line = LineWriter()
                switch signal.kind {
                case .aiRequestFailures: workload.aiRequest(&line, failures: strength)
                case .aiLatencySpike: workload.aiResponseLatency(&line, spike: strength)
                case .messageProcessingErrors: workload.messageProcessing(&line, errors: strength)
                }
                pending.add(line, at: stamp)
            }
        }
    }

    /// Where an SLO event older than 6 hours is stamped: the first minute of the chart
    /// bucket it falls in (5 minutes up to a day old, 15 up to 3 days, an hour beyond:
    /// the SLO detail's 1d, 3d and 30d charts), at the same second.
    ///
    /// Why: the engine pays for every minute a series opens (its latency histograms, AI
    /// request durations included, are merged again, some 30 µs per series), so 30 days of
    /// events a minute apart took 15 s to take in; gathered, about a second, and every
    /// window, percentile and chart past the last 6 hours reads the same.
    func gathered(_ t: EpochMillis) -> EpochMillis {
        let age = start - t
        guard age > 6 * 3_600_000 else { return t }
        let block: EpochMillis = age <= DemoWorkload.dayMillis ? 5 * Self.minuteMillis
            : age <= 3 * DemoWorkload.dayMillis ? 15 * Self.minuteMillis : 60 * Self.minuteMillis
        let second = ((t % Self.minuteMillis) + Self.minuteMillis) % Self.minuteMillis
        return max(sloFrom, t - (((t % block) + block) % block) + second)
    }
}

/// Event lines waiting for their time: a binary min-heap by time, then by the order they
/// were added, so the same seed writes the same bytes.
struct DemoSchedule: Sendable {
    private var heap: [(time: EpochMillis, order: Int, line: LineWriter)] = []
    private var added = 0

    var count: Int { heap.count }

    mutating func add(_ line: LineWriter, at time: EpochMillis) {
        heap.append((time, added, line))
        added += 1
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.before(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    /// Writes and removes every line stamped before `time`, earliest first; returns how many.
    mutating func write(before time: EpochMillis, into out: inout [UInt8]) -> Int {
        var written = 0
        while let first = heap.first, first.time < time {
            var line = first.line
            line.finish(time: first.time)
            out.append(contentsOf: line.bytes)
            written += 1
            removeFirst()
        }
        return written
    }

    private mutating func removeFirst() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var least = i
            if l < heap.count, Self.before(heap[l], heap[least]) { least = l }
            if r < heap.count, Self.before(heap[r], heap[least]) { least = r }
            guard least != i else { return }
            heap.swapAt(i, least)
            i = least
        }
    }

    private static func before(_ a: (time: EpochMillis, order: Int, line: LineWriter),
                               _ b: (time: EpochMillis, order: Int, line: LineWriter)) -> Bool {
        a.time != b.time ? a.time < b.time : a.order < b.order
    }
}
