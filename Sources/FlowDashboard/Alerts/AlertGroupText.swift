import FlowCore
import TerminalUI

/// How an alert group is named in a column of any width, never cut so that two different
/// groups read the same: `ai_re… · claude-sonnet` once stood for two SLOs at 100 columns.
///
/// A group of burn-rate alerts of one SLO is named by the SLO, with the series its key
/// holds (`ai_request_success · tenant:acme` when grouped by tenant too); a threshold
/// rule's group by its `alertname` and the key's other labels (`AICostHigh team=revenue`).
/// When the column is short, the name gets shorter in this order:
///
/// 1. the series without its `tenant:`/`model:` prefix (`ai_request_success · acme`);
/// 2. the SLO's short name (`x-flowtop.shortName` in its file, e.g. `ai-success · acme`);
/// 3. cut at the end (`ai-succ…`), and, where two names would be cut to the same text,
///    cut in the middle instead so that both ends show (`ai_r…success`, `ai_r…latency`).
///
/// ```swift
/// AlertGroupText.fitted(groups, width: 20, shortNames: ["ai_request_success": "ai-success"], dot: "·")
/// ```
enum AlertGroupText {
    /// Key labels said by the other columns (severity, tier) or by the name itself.
    private static let unnamed: Set<String> = ["alertname", "slo", "severity", "tenant", "model", "long_window",
                                               "short_window"]

    /// The group's names, longest first, each as the part that may be cut (the SLO or rule
    /// name) and the part kept whole (the series and other key labels); the last is the
    /// one to cut.
    static func forms(_ group: AlertGroup, shortNames: [String: String], showsSLO: Bool,
                      dot: String) -> [(head: String, tail: String)] {
        let extra = group.key.pairs.filter { !unnamed.contains($0.name) }.map { "\($0.name)=\($0.value)" }
        let extras = extra.isEmpty ? "" : " " + extra.joined(separator: " ")
        guard let slo = group.slo else {
            let name = group.key["alertname"] ?? group.lead.alert.labels["alertname"] ?? "alert"
            return [(name + extras, "")]
        }
        let series: SLOSeriesID? = group.key["tenant"].map { .tenant($0) } ?? group.key["model"].map { .model($0) }
            ?? group.key["instance"].map { .instance($0) }
        guard showsSLO else {
            let shown = series ?? (group.members.count == 1 ? AlertText.series(group.lead.alert) : nil)
            return [((shown?.label ?? "all series") + extras, "")]
        }
        guard let series else {
            return [(slo, extras)] + (shortNames[slo].map { [($0, extras)] } ?? [])
        }
        let bare = " \(dot) " + series.bareName + extras
        var forms = [(slo, " \(dot) " + series.label + extras), (slo, bare)]
        if let short = shortNames[slo] { forms.append((short, bare)) }
        return forms
    }

    /// The group's full name.
    static func fullName(_ group: AlertGroup, shortNames: [String: String] = [:], showsSLO: Bool = true,
                         dot: String) -> String {
        let first = forms(group, shortNames: shortNames, showsSLO: showsSLO, dot: dot)[0]
        return first.head + first.tail
    }

    /// Every group's name in at most `width` columns, in the groups' order: the first form
    /// that fits, else the last form with its name cut (the series kept whole while the
    /// name keeps 5 columns); names cut to the same text though their groups differ are cut
    /// in the middle instead, with an end long enough to tell them apart.
    static func fitted(_ groups: [AlertGroup], width: Int, shortNames: [String: String], showsSLO: Bool = true,
                       dot: String) -> [String] {
        let allForms = groups.map { forms($0, shortNames: shortNames, showsSLO: showsSLO, dot: dot) }
        func cut(_ form: (head: String, tail: String), middle tail: Int?) -> String {
            let room = width - DisplayWidth.of(form.tail)
            guard room >= 5 else {
                let whole = form.head + form.tail
                return tail.map { middleCut(whole, to: width, tail: $0) } ?? TextFit.truncate(whole, to: width)
            }
            return (tail.map { middleCut(form.head, to: room, tail: $0) } ?? TextFit.truncate(form.head, to: room))
                + form.tail
        }
        var names = allForms.map { forms in
            forms.first { DisplayWidth.of($0.head + $0.tail) <= width }.map { $0.head + $0.tail }
                ?? cut(forms[forms.count - 1], middle: nil)
        }
        let full = allForms.map { $0[0].head + $0[0].tail }
        for i in names.indices {
            let clash = names.indices.filter { names[$0] == names[i] && full[$0] != full[i] }
            guard !clash.isEmpty else { continue }
            let together = [i] + clash
            let others = Set(names.indices.filter { !together.contains($0) }.map { names[$0] })
            for tail in 1...max(1, width - 2) {
                let cuts = together.map { cut(allForms[$0][allForms[$0].count - 1], middle: tail) }
                if Set(cuts).count == cuts.count, others.isDisjoint(with: cuts) {
                    for (k, j) in together.enumerated() { names[j] = cuts[k] }
                    break
                }
            }
        }
        return names
    }

    /// `head…tail` in `width` columns, with `tail` characters of the end.
    static func middleCut(_ text: String, to width: Int, tail: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        let chars = Array(text)
        let head = width - 1 - tail
        guard head >= 1, tail >= 1, chars.count > head + tail else { return TextFit.truncate(text, to: width) }
        let cut = String(chars.prefix(head)) + "…" + String(chars.suffix(tail))
        return DisplayWidth.of(cut) <= width ? cut : TextFit.truncate(text, to: width)
    }

    /// The group in a sentence, for the prompt, the notices and the breadcrumb: its name
    /// and, when the key says it, its severity (`ai_request_success page`).
    static func name(_ group: AlertGroup, dot: String) -> String {
        if group.members.count == 1, group.key == group.lead.alert.labels { return AlertText.name(group.lead.alert, dot: dot) }
        let name = fullName(group, dot: dot)
        return group.key["severity"].map { name + " " + $0 } ?? name
    }

    /// `7 series`; `1 series` reads oddly but lines up, and says the same.
    static func seriesCount(_ group: AlertGroup) -> String {
        "\(group.seriesCount) series"
    }
}

extension SLOSeriesID {
    /// The tenant or model without its `tenant:`/`model:` prefix; `total` for the total.
    var bareName: String {
        switch self {
        case .total: "total"
        case .tenant(let t): t
        case .model(let m): m
        case .instance(let i): i
        }
    }
}

extension EngineSnapshot {
    /// Each SLO's short name (`x-flowtop.shortName`), by SLO name.
    var sloShortNames: [String: String] {
        var names: [String: String] = [:]
        for slo in slos { if let short = slo.shortName { names[slo.name] = short } }
        return names
    }
}
