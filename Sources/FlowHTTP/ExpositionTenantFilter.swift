/// `?tenant=T` on the metrics endpoints: the exposition with every sample labelled with
/// another tenant left out. Samples with no `tenant` label (process-wide counters, the
/// all-tenant series) stay, and so do `# HELP` and `# TYPE` lines, so the result is still
/// a valid exposition of the same families.
///
/// Why filter text rather than ask the engine: the exposition is one document written in
/// one place (`PrometheusExposition`); dropping lines by label is what Prometheus's own
/// federation does with `match[]`, and keeps that writer free of query options.
///
/// ```swift
/// ExpositionTenantFilter.keeping(tenant: "acme", in: """
///     flowtop_events_total{tenant="acme"} 4
///     flowtop_events_total{tenant="globex"} 9
///     flowtop_up 1
///     """)
/// // flowtop_events_total{tenant="acme"} 4
/// // flowtop_up 1
/// ```
enum ExpositionTenantFilter {
    static func keeping(tenant: String, in exposition: String) -> String {
        exposition.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in labelValue("tenant", in: line).map { $0 == tenant } ?? true }
            .joined(separator: "\n")
    }

    /// The value of label `name` on a sample line, unescaped; nil for a comment, a
    /// sample without labels or without that label, and for a line that does not parse.
    static func labelValue(_ name: String, in line: Substring) -> String? {
        guard !line.hasPrefix("#"), let open = line.firstIndex(of: "{") else { return nil }
        var rest = line[line.index(after: open)...]
        while let first = rest.first, first != "}" {
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let label = rest[..<equals].trimmingLeadingSpaces()
            rest = rest[rest.index(after: equals)...]
            guard rest.first == "\"" else { return nil }
            rest = rest.dropFirst()
            var value = ""
            var escaped = false
            var closed = false
            while let c = rest.first {
                rest = rest.dropFirst()
                if escaped {
                    value.append(c == "n" ? "\n" : c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    closed = true
                    break
                } else {
                    value.append(c)
                }
            }
            guard closed else { return nil }
            if label == name { return value }
            rest = rest.drop(while: { $0 == "," || $0 == " " })
        }
        return nil
    }
}

private extension Substring {
    func trimmingLeadingSpaces() -> Substring { drop(while: { $0 == " " || $0 == "," }) }
}
