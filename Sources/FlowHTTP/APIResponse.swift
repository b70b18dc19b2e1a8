import FlowFormats

/// What one endpoint answers: a status, a content type and a body, nothing about HTTP
/// beyond that. FlowApp builds these from reports; FlowHTTP puts them on the wire.
///
/// Why a plain value: the report builders live in FlowApp and must not learn Hummingbird,
/// and a value is easy to compare in a test.
///
/// ```swift
/// APIResponse.json(renderReport(.slo, snapshot: snap, format: .json))
/// APIResponse(status: 503, contentType: APIResponse.jsonContentType, body: report)
/// ```
public struct APIResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: String

    public static let jsonContentType = "application/json; charset=utf-8"
    public static let markdownContentType = "text/markdown; charset=utf-8"

    public init(status: Int = 200, contentType: String, body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// A JSON document, 200 unless told otherwise.
    public static func json(_ body: String, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: jsonContentType, body: body)
    }

    /// A Markdown document (the SLO report for tickets and chat).
    public static func markdown(_ body: String) -> APIResponse {
        APIResponse(contentType: markdownContentType, body: body)
    }
}

/// A request the API will not answer as asked, with the JSON body that says why:
/// `{"error": "period_days must be ...", "parameter": "period_days"}`.
///
/// Endpoints (and `AnalyticsSource` implementations) throw it; the router turns it into
/// the response. Any other error becomes a bare 500 whose body says nothing of the
/// cause, so no stack trace or internal detail ever reaches a client.
///
/// ```swift
/// throw APIError.notFound("no SLO named 'x'; the SLOs are: a, b", parameter: "slo_name")
/// ```
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var message: String
    /// The query or path parameter at fault; nil when the request as a whole is.
    public var parameter: String?
    /// Sent with the error: `WWW-Authenticate` on a 401, `Allow` on a 405.
    public var headers: [Header]

    /// The headers an error can bring.
    public enum Header: Sendable, Equatable {
        case wwwAuthenticate(String)
        case allow(String)
        /// With a 503: when to try again.
        case retryAfter(seconds: Int)
    }

    public init(status: Int, message: String, parameter: String? = nil, headers: [Header] = []) {
        self.status = status
        self.message = message
        self.parameter = parameter
        self.headers = headers
    }

    /// 400: a parameter with a value the endpoint cannot use.
    public static func badParameter(_ parameter: String, _ message: String) -> APIError {
        APIError(status: 400, message: message, parameter: parameter)
    }

    /// 404: the path names nothing, or a parameter names something that does not exist.
    public static func notFound(_ message: String, parameter: String? = nil) -> APIError {
        APIError(status: 404, message: message, parameter: parameter)
    }

    public var description: String { message }

    /// `{"error": ..., "parameter": ...}`, `parameter` left out when nil.
    public var body: String {
        var fields: [(String, JSONValue)] = [("error", .string(message))]
        if let parameter { fields.append(("parameter", .string(parameter))) }
        return JSONValue.object(fields).rendered(.serializationCompact)
    }
}
