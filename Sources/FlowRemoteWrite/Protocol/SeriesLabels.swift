import FlowCore

/// The label set remote_write sends for one `/metrics` sample: `__name__`, the sample's own
/// labels, `instance` (`--remote-write-instance`, default the host name) and each
/// `--external-label`, sorted by name as the remote-write spec requires.
///
/// Added labels never replace the sample's own (as Prometheus' external labels never
/// replace a series' labels), and `__name__` cannot be given as an external label. flowtop's
/// own families carry no `instance`, so every series gets the one of this engine, which
/// is what the fleet's recording rules sum over.
///
/// ```swift
/// let labels = try SeriesLabels(instance: "web-1", external: [("region", "eu")])
/// labels.labels(for: MetricSample(name: "flowtop_events_accepted_total", labels: [], value: 3))
/// // __name__="flowtop_events_accepted_total", instance="web-1", region="eu"
/// ```
public struct SeriesLabels: Sendable, Equatable {
    /// `instance` first, then the external labels as given (names checked, no repeats).
    public let added: [MetricLabelPair]

    public init(instance: String, external: [(String, String)]) throws(UserFacingError) {
        guard !instance.isEmpty else { throw UserFacingError("--remote-write-instance must not be empty") }
        var added = [MetricLabelPair(name: "instance", value: instance)]
        for (name, value) in external {
            guard Self.isValidName(name), !name.hasPrefix("__") else {
                throw UserFacingError("--external-label: '\(name)' is not a label name (letters, digits and _, "
                                      + "not starting with a digit or __)")
            }
            guard !value.isEmpty else {
                throw UserFacingError("--external-label \(name)= has an empty value, which Prometheus reads as no label")
            }
            guard !added.contains(where: { $0.name == name }) else {
                throw UserFacingError("--external-label \(name) is given twice"
                                      + (name == "instance" ? " (instance is added by default; set it with --remote-write-instance)" : ""))
            }
            added.append(MetricLabelPair(name: name, value: value))
        }
        self.added = added
    }

    /// `k=v` of `--external-label`, split at the first `=`.
    public static func parseExternal(_ text: String) throws(UserFacingError) -> (String, String) {
        guard let equals = text.firstIndex(of: "=") else {
            throw UserFacingError("--external-label must be name=value, not '\(text)'")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    /// Sorted by name; the sample's own labels win over added ones of the same name.
    public func labels(for sample: MetricSample) -> [MetricLabelPair] {
        var out = [MetricLabelPair(name: "__name__", value: sample.name)]
        out.reserveCapacity(sample.labels.count + added.count + 1)
        out += sample.labels
        for label in added where !sample.labels.contains(where: { $0.name == label.name }) { out.append(label) }
        out.sort { $0.name < $1.name }
        return out
    }

    /// Prometheus' label name rule: `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { c in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: "_")
        }
    }
}
