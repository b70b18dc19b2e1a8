import FlowCore
import FlowFormats
import FlowReports

/// Every parameter an endpoint takes, with its rules written once: the check that turns
/// the text of a request into a typed value (or a 400 naming the parameter) and the
/// schema the OpenAPI document shows for it.
///
/// ```swift
/// APIParameter.periodDays.schema    // {"type": "integer", "minimum": 1, "maximum": 3650, "default": 30}
/// try request.value(.periodDays)    // 400 {"error": "period_days must be ...", "parameter": "period_days"}
/// ```
enum APIParameter: String, CaseIterable, Sendable {
    case tenant
    case periodDays = "period_days"
    case model
    case sloName = "slo_name"
    case series
    case range
    case probeType = "probe_type"

    /// Longest tenant name the event protocol accepts (docs/events.md), in code points.
    static let maxTenantLength = 128
    /// The report's limit on day counts: ten years.
    static let maxPeriodDays = 3650
    static let defaultPeriodDays = 30

    var name: String { rawValue }

    var inPath: Bool { self == .sloName || self == .probeType }

    var description: String {
        switch self {
        case .tenant:
            "Only this tenant's series, alerts, leads and journeys (default: all tenants). "
                + "A tenant that sent no events gives empty results, not an error."
        case .periodDays:
            "The funnel: leads created in the last N days. Attribution: journeys that converted or were last "
                + "touched in them. Leads idle longer than --lead-retention-days are no longer kept."
        case .model: "Attribution model (docs/attribution.md)."
        case .sloName: "The SLO's name, as /slo/status lists it."
        case .series: "Which series of the SLO: total, tenant:NAME or model:NAME (default: tenant:T with tenant=T, else total)."
        case .range: "How far back the history reaches."
        case .probeType: "Which probe."
        }
    }

    /// The OpenAPI 3.1 schema: type, allowed values, range, default.
    var schema: JSONValue {
        let strings = { (values: [String]) in JSONValue.array(values.map(JSONValue.string)) }
        return switch self {
        case .tenant:
            .object([("type", .string("string")), ("minLength", .int(1)), ("maxLength", .int(Int64(Self.maxTenantLength)))])
        case .periodDays:
            .object([("type", .string("integer")), ("minimum", .int(1)), ("maximum", .int(Int64(Self.maxPeriodDays))),
                     ("default", .int(Int64(Self.defaultPeriodDays)))])
        case .model:
            .object([("type", .string("string")), ("enum", strings(AttributionModel.allCases.map(\.rawValue))),
                     ("default", .string(AttributionModel.linear.rawValue))])
        case .sloName:
            .object([("type", .string("string")), ("minLength", .int(1))])
        case .series:
            .object([("type", .string("string")), ("pattern", .string("^(total|tenant:.+|model:.+)$"))])
        case .range:
            .object([("type", .string("string")), ("enum", strings(SLOHistoryRange.allCases.map(\.label))),
                     ("default", .string("6h"))])
        case .probeType:
            .object([("type", .string("string")), ("enum", strings(ProbeKind.allCases.map(\.rawValue)))])
        }
    }

    /// The allowed values of an enumerated parameter, as a message lists them.
    private var choices: String {
        switch self {
        case .model: AttributionModel.allCases.map(\.rawValue).joined(separator: ", ")
        case .range: SLOHistoryRange.allCases.map(\.label).joined(separator: ", ")
        case .probeType: ProbeKind.allCases.map(\.rawValue).joined(separator: ", ")
        default: ""
        }
    }

    /// A value as the message quotes it: at most 64 characters, so a huge query string
    /// does not come back whole.
    private static func quoted(_ text: String) -> String {
        text.count <= 64 ? "'\(text)'" : "'\(text.prefix(64))...'"
    }

    func invalid(_ text: String) -> APIError {
        let message: String
        switch self {
        case .tenant: message = "tenant must be 1 to \(Self.maxTenantLength) characters, not \(Self.quoted(text))"
        case .periodDays:
            message = "period_days must be a whole number of days from 1 to \(Self.maxPeriodDays), not \(Self.quoted(text))"
        case .model, .range, .probeType: message = "\(name) must be one of \(choices), not \(Self.quoted(text))"
        case .sloName: message = "slo_name must not be empty"
        case .series: message = "series must be total, tenant:NAME or model:NAME (e.g. tenant:acme), not \(Self.quoted(text))"
        }
        return .badParameter(name, message)
    }

    /// A value whose `%XX` escapes decode to bytes that are not UTF-8 (`%ff%fe`).
    func notUTF8() -> APIError {
        .badParameter(name, "\(name) must be UTF-8 text; its %XX escapes decode to bytes that are not UTF-8")
    }

    // MARK: Parsing

    func tenant(_ text: String) throws(APIError) -> String {
        guard (1...Self.maxTenantLength).contains(text.unicodeScalars.count) else { throw invalid(text) }
        return text
    }

    func periodDays(_ text: String) throws(APIError) -> Int {
        guard let days = Int(text), (1...Self.maxPeriodDays).contains(days) else { throw invalid(text) }
        return days
    }

    func model(_ text: String) throws(APIError) -> AttributionModel {
        guard let model = AttributionModel(rawValue: text) else { throw invalid(text) }
        return model
    }

    func series(_ text: String) throws(APIError) -> SLOSeriesID {
        guard let series = SLOSeriesID(label: text) else { throw invalid(text) }
        return series
    }

    func range(_ text: String) throws(APIError) -> SLOHistoryRange {
        guard let range = SLOHistoryRange(label: text) else { throw invalid(text) }
        return range
    }

    func probe(_ text: String) throws(APIError) -> ProbeKind {
        guard let probe = ProbeKind(rawValue: text) else { throw invalid(text) }
        return probe
    }
}
