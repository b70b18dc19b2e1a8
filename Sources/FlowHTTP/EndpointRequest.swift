import FlowCore
import FlowReports
import Foundation

/// The parameters of one request, read only through the checks of `APIParameter` and
/// only when the endpoint declared them (so the OpenAPI document, built from the same
/// declarations, cannot drift from what the endpoint really reads).
///
/// The query string is decoded as HTML forms and Python's `parse_qsl` (the original
/// framework's) decode it: `+` is a space, then `%XX` escapes. Escapes that decode to
/// bytes that are not UTF-8 (`tenant=%ff%fe`) are a 400 naming the parameter, where
/// Python would slip U+FFFD into a tenant name. A parameter the endpoint
/// does not know is ignored, as FastAPI ignores it; a known one given twice is a 400,
/// since either choice would be a guess.
///
/// ```swift
/// let request = EndpointRequest(query: "period_days=7&tenant=acme", path: [:], declared: [.tenant, .periodDays])
/// try request.periodDays()   // 7
/// try request.tenant()       // "acme"
/// ```
struct EndpointRequest: Sendable {
    let declared: [APIParameter]
    /// Each value decoded; nil where its escapes decode to bytes that are not UTF-8.
    private let query: [String: [String?]]
    private let path: [String: String]

    init(query: String?, path: [String: String], declared: [APIParameter]) {
        self.declared = declared
        self.path = path
        var values: [String: [String?]] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            // A key that is not UTF-8 names no parameter, so any spelling of it will do.
            let key = Self.formDecoded(parts[0]) ?? String(decoding: parts[0].utf8, as: UTF8.self)
            values[key, default: []].append(parts.count > 1 ? Self.formDecoded(parts[1]) : "")
        }
        self.query = values
    }

    /// `a+b%2Fc` -> `a b/c`; nil when the escapes decode to bytes that are not UTF-8
    /// (`%ff%fe`), which no name or value of the API can be.
    static func formDecoded(_ text: Substring) -> String? {
        percentDecoded(text.replacingOccurrences(of: "+", with: " ")[...])
    }

    /// `%XX` escapes decoded to bytes, the whole read as UTF-8; nil when it is not UTF-8.
    /// A `%` without two hex digits after it is kept as it came, as Python's `unquote`
    /// (the original framework's) keeps it.
    static func percentDecoded(_ text: Substring) -> String? {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
               let high = hexValue(utf8[i + 1]), let low = hexValue(utf8[i + 2]) {
                bytes.append(high << 4 | low)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The raw text of `parameter`, nil when absent; a value that is not UTF-8 once
    /// decoded is a 400 naming the parameter.
    private func text(_ parameter: APIParameter) throws(APIError) -> String? {
        guard declared.contains(parameter) else {
            // A programming error: the endpoint reads what it did not declare.
            throw APIError(status: 500, message: "internal error")
        }
        if parameter.inPath {
            guard let raw = path[parameter.name] else { return nil }
            guard let decoded = Self.percentDecoded(raw[...]) else { throw parameter.notUTF8() }
            return decoded
        }
        guard let values = query[parameter.name] else { return nil }
        guard values.count == 1 else {
            throw .badParameter(parameter.name, "\(parameter.name) is given \(values.count) times; give it once")
        }
        guard let value = values[0] else { throw parameter.notUTF8() }
        return value
    }

    /// `tenant=`: nil for all tenants.
    func tenant() throws(APIError) -> String? {
        try text(.tenant).map { text throws(APIError) in try APIParameter.tenant.tenant(text) }
    }

    /// `period_days=`: 30 when absent.
    func periodDays() throws(APIError) -> Int {
        guard let text = try text(.periodDays) else { return APIParameter.defaultPeriodDays }
        return try APIParameter.periodDays.periodDays(text)
    }

    /// `model=`: linear when absent.
    func model() throws(APIError) -> AttributionModel {
        guard let text = try text(.model) else { return .linear }
        return try APIParameter.model.model(text)
    }

    func series() throws(APIError) -> SLOSeriesID? {
        try text(.series).map { text throws(APIError) in try APIParameter.series.series(text) }
    }

    func range() throws(APIError) -> SLOHistoryRange? {
        try text(.range).map { text throws(APIError) in try APIParameter.range.range(text) }
    }

    /// The `{slo_name}` of the path, percent-decoded.
    func sloName() throws(APIError) -> String {
        guard let name = try text(.sloName), !name.isEmpty else { throw APIParameter.sloName.invalid("") }
        return name
    }

    /// The `{probe_type}` of the path.
    func probe() throws(APIError) -> ProbeKind {
        try APIParameter.probeType.probe(try text(.probeType) ?? "")
    }

    // MARK: The requests of AnalyticsSource

    func funnelRequest() throws(APIError) -> FunnelRequest {
        FunnelRequest(periodDays: try periodDays(), tenant: try tenant())
    }

    func attributionRequest() throws(APIError) -> AttributionRequest {
        AttributionRequest(model: try model(), periodDays: try periodDays(), tenant: try tenant())
    }

    func sloRequest() throws(APIError) -> SLORequest {
        SLORequest(name: try sloName(), series: try series(), range: try range(), tenant: try tenant())
    }
}
