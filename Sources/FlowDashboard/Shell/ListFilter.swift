import FlowCore
import TerminalUI

/// The `/` prompt, k9s-style: the pattern being typed for the focused pane's list, shown
/// in the footer; Enter keeps it as that pane's filter, Esc clears it.
public struct ListFilterPrompt: Sendable, Hashable {
    /// The pane whose list the pattern filters.
    public var pane: DashboardPane
    public var line: LineEditor
    /// Why Enter was refused (the pattern is not a regular expression); cleared by typing.
    public var error: String?

    public init(pane: DashboardPane, text: String = "") {
        self.pane = pane
        line = LineEditor(text)
    }
}

/// A pane's filter: a case-insensitive regular expression matched anywhere in a row's
/// name (an SLO and its series, an alert, a funnel stage, a channel).
///
/// ```swift
/// try ListFilter("^ai_").matches("ai_request_success")   // true
/// try ListFilter("(")                                     // throws: the pattern in words
/// ```
struct ListFilter {
    private let regex: Regex<AnyRegexOutput>

    /// Throws `ListFilterError` saying what is wrong with `pattern`.
    init(_ pattern: String) throws(ListFilterError) {
        do {
            regex = try Regex(pattern).ignoresCase()
        } catch {
            throw ListFilterError(pattern: pattern, reason: "\(error)")
        }
    }

    func matches(_ name: String) -> Bool { name.contains(regex) }
}

/// A pattern that is not a regular expression, said in words for the footer.
struct ListFilterError: Error {
    var pattern: String
    var reason: String

    var message: String { "not a regular expression: /\(pattern)/: \(reason)" }
}

extension DashboardState {
    /// The pattern filtering `pane` now: the one being typed while it is valid (the list
    /// follows the typing), else the kept one; nil when the pane is not filtered.
    public func filterPattern(for pane: DashboardPane) -> String? {
        if let prompt = filterPrompt, prompt.pane == pane, (try? ListFilter(prompt.line.text)) != nil {
            return prompt.line.text.isEmpty ? nil : prompt.line.text
        }
        return filters[pane]
    }

    /// `snapshot` with each filtered pane's list cut to the rows that match: what the panes
    /// draw and the keys move over, so selections, Enter and the row counts agree.
    public func visible(_ snapshot: EngineSnapshot) -> EngineSnapshot {
        var visible = snapshot
        func filter(_ pane: DashboardPane) -> ListFilter? {
            filterPattern(for: pane).flatMap { try? ListFilter($0) }
        }
        if let filter = filter(.slos) {
            visible.slos = snapshot.slos.filter { filter.matches($0.name) || filter.matches($0.series.label) }
        }
        if let filter = filter(.alerts) {
            visible.alerting.alerts = snapshot.alerting.alerts.filter {
                filter.matches(AlertText.name($0.alert, dot: "·"))
            }
        }
        if let filter = filter(.funnel) {
            visible.funnel.stages = snapshot.funnel.stages.filter { filter.matches($0.stage.name) }
        }
        if let filter = filter(.attribution) {
            visible.attribution.rows = snapshot.attribution.rows.filter { filter.matches($0.channel) }
        }
        return visible
    }

    /// `/` in the main view: the prompt for the focused pane, starting from its filter.
    mutating func openFilterPrompt() {
        filterPrompt = ListFilterPrompt(pane: focus, text: filters[focus] ?? "")
    }

    /// Every key but Ctrl-C goes to the open prompt. Enter keeps a valid pattern (an empty
    /// one clears the filter) and refuses an invalid one in words, keeping the old filter;
    /// Esc clears the pane's filter.
    mutating func handleInFilterPrompt(_ key: Key) {
        guard var prompt = filterPrompt else { return }
        switch key {
        case .enter:
            let text = prompt.line.text
            do throws(ListFilterError) {
                _ = try ListFilter(text)
                filters[prompt.pane] = text.isEmpty ? nil : text
                selection[prompt.pane] = 0
                filterPrompt = nil
            } catch {
                prompt.error = error.message
                filterPrompt = prompt
            }
        case .escape:
            filters[prompt.pane] = nil
            filterPrompt = nil
        default:
            if prompt.line.apply(key) {
                prompt.error = nil
                filterPrompt = prompt
            }
        }
    }
}

extension CellGrid {
    /// The filter on a pane, as k9s shows it: `/pattern` at the right of its top border.
    mutating func drawFilterMark(_ pattern: String?, on rect: Rect, context: DashboardContext) {
        guard let pattern, rect.width > 12 else { return }
        let mark = TextFit.truncate(" /" + pattern + " ", to: rect.width / 2, ellipsis: context.ellipsis)
        put(mark, x: rect.x + rect.width - 2 - DisplayWidth.of(mark), y: rect.y, style: CellStyle(.accent, bold: true))
    }
}

extension Footer {
    /// The open `/` prompt instead of the keys: `/pattern_`, then why Enter refused it, or
    /// what Enter and Esc do.
    func drawFilterPrompt(_ prompt: ListFilterPrompt, in rect: Rect, grid: inout CellGrid) {
        let inner = rect.inset(dx: 1, dy: 0)
        var x = inner.x
        x += grid.put("/", x: x, y: rect.y, style: CellStyle(.accent, bold: true), maxWidth: inner.maxX - x)
        x += grid.put(prompt.line.text + "_", x: x, y: rect.y, style: CellStyle(.normal, bold: true), maxWidth: inner.maxX - x)
        let after = prompt.error ?? "enter keep \(context.dot) esc clear \(context.dot) filters \(prompt.pane.title)"
        grid.put("  " + after, x: x, y: rect.y, style: prompt.error == nil ? CellStyle(.footer) : CellStyle(.crit, bold: true),
                 maxWidth: inner.maxX - x)
    }
}
