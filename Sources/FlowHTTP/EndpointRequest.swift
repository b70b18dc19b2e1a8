import FlowCore
import Foundation

/// The parameters of one request, read only through the checks of `APIParameter` and
/// only when the endpoint declared them (so the OpenAPI document, built from the same
/// declarations, cannot drift from what the endpoint really reads).
///
/// The query string is decoded as HTML forms and Python's `parse_qsl` (the original
/// framework's) decode it: `+` is a space, then `%XX` escapes. A parameter the endpoint
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
    private let query: [String: [String]]
    private let path: [String: String]

    init(query: String?, path: [String: String], declared: [APIParameter]) {
        self.declared = declared
        self.path = path
        var values: [String: [String]] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.formDecoded(parts[0])
            values[key, default: []].append(parts.count > 1 ? Self.formDecoded(parts[1]) : "")
        }
        self.query = values
    }

    /// `a+b%2Fc` -> `a b/c`; text with a broken escape is kept as it came.
    static func formDecoded(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The raw text of `parameter`, nil when absent.
    private func text(_ parameter: APIParameter) throws(APIError) -> String? {
        guard declared.contains(parameter) else {
            // A programming error: the endpoint reads what it did not declare.
            throw APIError(status: 500, message: "internal error")
        }
        if parameter.inPath {
            return path[parameter.name].map { $0.removingPercentEncoding ?? $0 }
        }
        guard let values = query[parameter.name] else { return nil }
        guard values.count == 1 else {
            throw .badParameter(parameter.name, "\(parameter.name) is given \(values.count) times; give it once")
        }
        return values[0]
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
    func probe() throws(APIError) -> KubernetesProbe {
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
