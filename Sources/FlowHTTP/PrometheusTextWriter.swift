import FlowCore

/// Prometheus' metric types, as `# TYPE` lines name them.
enum PrometheusMetricType: String {
    case counter, gauge, histogram
}

/// Writes the text exposition format 0.0.4: a `# HELP` and `# TYPE` line per family, then
/// its samples, one per line, `name{label="value",...} value`.
///
/// Why a writer of its own (and not string interpolation at each family): the format's
/// escaping rules live in one place (label values escape `\`, `"` and newlines; help text
/// `\` and newlines), empty label values are left out (Prometheus reads `a=""` as no label
/// `a`), and a family's header is written with its first sample, so a family with no
/// series yet writes nothing rather than a header that lints as unused.
///
/// ```swift
/// var out = PrometheusTextWriter()
/// out.family("flowtop_events_accepted_total", .counter, "Events the engine accepted.")
/// out.sample("flowtop_events_accepted_total", [], 1200)
/// out.text   // "# HELP ...\n# TYPE ... counter\nflowtop_events_accepted_total 1200\n"
/// ```
///
/// Made with `collectingSamples`, it keeps each sample as a `MetricSample` instead of text:
/// remote_write sends exactly the series a scrape sees, from the same family writers.
struct PrometheusTextWriter {
    private(set) var text = ""
    /// Every sample written, when made with `collectingSamples` (else empty, and text is kept).
    private(set) var samples: [MetricSample] = []
    private let collecting: Bool
    private var pendingHeader: String?

    init() {
        collecting = false
        text.reserveCapacity(64 * 1024)
    }

    /// A writer that keeps samples as values and writes no text.
    init(collectingSamples: Void) {
        collecting = true
        samples.reserveCapacity(1024)
    }

    /// Starts a family; its header is written with its first sample.
    mutating func family(_ name: String, _ type: PrometheusMetricType, _ help: String) {
        pendingHeader = "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type.rawValue)\n"
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Int64) {
        if collecting { return collect(name, labels, Double(value)) }
        line(name, labels, String(value))
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Int) {
        if collecting { return collect(name, labels, Double(value)) }
        line(name, labels, String(value))
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
        if collecting { return collect(name, labels, value) }
        line(name, labels, Self.format(value))
    }

    /// `_bucket` per bound with `le`, the `+Inf` bucket, `_sum` and `_count`.
    mutating func histogram(_ name: String, _ labels: [(String, String)], _ h: HistogramSnapshot) {
        for (i, bound) in h.upperBounds.enumerated() {
            sample(name + "_bucket", labels + [("le", Self.formatBound(bound))], h.cumulativeCounts[i])
        }
        sample(name + "_bucket", labels + [("le", "+Inf")], h.count)
        sample(name + "_sum", labels, h.sum)
        sample(name + "_count", labels, h.count)
    }

    private mutating func collect(_ name: String, _ labels: [(String, String)], _ value: Double) {
        pendingHeader = nil
        samples.append(MetricSample(name: name, labels: labels.filter { !$0.1.isEmpty }, value: value))
    }

    private mutating func line(_ name: String, _ labels: [(String, String)], _ value: String) {
        if let header = pendingHeader {
            text += header
            pendingHeader = nil
        }
        text += name
        var first = true
        for (label, labelValue) in labels where !labelValue.isEmpty {
            text += first ? "{" : ","
            first = false
            text += label
            text += "=\""
            text += Self.escapeLabelValue(labelValue)
            text += "\""
        }
        if !first { text += "}" }
        text += " "
        text += value
        text += "\n"
    }

    /// `\` as `\\`, `"` as `\"`, a newline as `\n` (`PrometheusLabelValue`, which the
    /// fleet's queries share).
    static func escapeLabelValue(_ s: String) -> String { PrometheusLabelValue.escaped(s) }

    /// `\` as `\\`, a newline as `\n` (quotes stay as they are in help text).
    static func escapeHelp(_ s: String) -> String {
        s.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }

    /// Go's spelling of special values (`+Inf`, `-Inf`, `NaN`); Swift's shortest
    /// round-tripping decimal otherwise (`0.1`, `1e-05`, `4800.0`), which Go parses.
    static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        return v.description
    }

    /// A bucket bound as client_golang writes it (`0.005`, `1`, `2.5`), so `le="1"` in a
    /// query matches: Prometheus before 3.0 compares `le` as text.
    static func formatBound(_ v: Double) -> String {
        let s = format(v)
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }
}
