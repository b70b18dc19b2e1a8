import FlowCore
import TerminalUI

/// The tenant picker (`t`): every tenant the snapshot has seen, after "all tenants";
/// typing filters the list (case-insensitive, anywhere in the name), ↑↓ choose, Enter
/// applies, Esc leaves the filter as it was. With hundreds of tenants, stepping through
/// them one `t` at a time was no way to reach one.
public struct TenantPicker: Sendable, Hashable {
    public var line: LineEditor
    /// The highlighted row of `options(in:)`.
    public var highlighted: Int

    public init(line: LineEditor = LineEditor(), highlighted: Int = 0) {
        self.line = line
        self.highlighted = highlighted
    }

    /// nil (all tenants), then each tenant, those that match the typed text.
    public func options(in tenants: [String]) -> [String?] {
        let typed = line.text.lowercased()
        let all: [String?] = [nil] + tenants.map { Optional($0) }
        guard !typed.isEmpty else { return all }
        return all.filter { ($0 ?? "all tenants").lowercased().contains(typed) }
    }
}

extension DashboardState {
    /// `t`: the picker, the tenant shown now highlighted.
    mutating func openTenantPicker(snapshot: EngineSnapshot?) {
        let tenants = snapshot?.tenants ?? []
        let current = ([nil] + tenants.map { Optional($0) }).firstIndex(of: tenant) ?? 0
        tenantPicker = TenantPicker(highlighted: current)
    }

    /// Every key but Ctrl-C goes to the open picker.
    mutating func handleInTenantPicker(_ key: Key, snapshot: EngineSnapshot?) {
        guard var picker = tenantPicker else { return }
        let options = picker.options(in: snapshot?.tenants ?? [])
        switch key {
        case .escape:
            tenantPicker = nil
            return
        case .enter:
            if options.indices.contains(picker.highlighted) { tenant = options[picker.highlighted] }
            tenantPicker = nil
            return
        case .up, .down, .pageUp, .pageDown, .home, .end:
            if let step = Self.selectionStep(key), !options.isEmpty {
                picker.highlighted = Self.clamp(picker.highlighted, by: step, count: options.count)
            }
        default:
            // j and k are letters of tenant names here: they type.
            guard picker.line.apply(key) else { return }
            picker.highlighted = 0
        }
        tenantPicker = picker
    }
}

/// The picker, drawn in a box over the body: the typed filter, then the matching tenants.
struct TenantPickerView {
    var picker: TenantPicker
    var tenants: [String]
    var current: String?
    var context: DashboardContext

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let options = picker.options(in: tenants)
        let names = options.map { $0 ?? "all tenants" }
        let width = min(area.width - 2, max(36, (names.map(DisplayWidth.of).max() ?? 0) + 8))
        let height = min(area.height, max(5, options.count + 4))
        let box = area.centered(width: width, height: height)
        let inner = grid.drawBox(box, title: breadcrumb + context.crumbSeparator + "tenant", focused: true,
                                 glyphs: context.boxGlyphs).inset(dx: 1, dy: 0)
        guard inner.height >= 2 else { return }
        grid.fill(x: inner.x, y: inner.y, width: inner.width, height: inner.height)
        let used = grid.put("filter: ", x: inner.x, y: inner.y, style: CellStyle(.dim), maxWidth: inner.width)
        grid.put(picker.line.text + "_", x: inner.x + used, y: inner.y, style: CellStyle(.accent, bold: true),
                 maxWidth: inner.width - used)
        let rows = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        guard !options.isEmpty else {
            grid.put("no tenant matches", x: rows.x, y: rows.y, style: CellStyle(.dim), maxWidth: rows.width)
            return
        }
        let window = RowWindow(count: options.count, height: rows.height, selected: picker.highlighted)
        for (line, i) in window.range.enumerated() {
            let mark = options[i] == current ? context.marker + " " : "  "
            let style = i == picker.highlighted ? CellStyle(.selected, bold: true, reverse: true) : CellStyle(.normal)
            grid.put(TextFit.pad(mark + names[i], to: rows.width, ellipsis: context.ellipsis), x: rows.x,
                     y: rows.y + line, style: style)
        }
        grid.drawMore(window.hidden, in: rows, y: rows.y + window.range.count)
    }
}
