import FlowFormats

/// The OpenAPI 3.1 description of the API, served at `/api/analytics/openapi.json`:
/// every path of `AnalyticsEndpoints.all` with its parameters (type, allowed values,
/// range, default) and responses.
///
/// Built from the same table the router registers, so a new endpoint is documented the
/// moment it exists. Load it into any OpenAPI viewer, or generate a client:
///
/// ```sh
/// curl -s http://127.0.0.1:8000/api/analytics/openapi.json | jq '.paths | keys'
/// ```
///
/// Written in the `serializationIndented` style (keys sorted), so the order members are
/// listed in here does not matter.
enum OpenAPIDocument {
    static let json: String = document.rendered(.serializationIndented) + "\n"

    static var document: JSONValue {
        .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([
                ("title", .string("flowtop analytics API")),
                ("version", .string("1")),
                ("description", .string("The endpoints of the SalesFlow analytics framework, served from flowtop's engine "
                    + "(docs/http-api.md). Unknown query parameters are ignored; a parameter given twice is a 400. "
                    + "With --http-token-file every endpoint but the Kubernetes probes needs "
                    + "`Authorization: Bearer <token>`.")),
            ])),
            ("paths", .object(AnalyticsEndpoints.all.map { ($0.path, .object([("get", operation($0))])) })),
            ("components", .object([
                ("schemas", .object([("Error", errorSchema)])),
                ("securitySchemes", .object([("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))]))])),
            ])),
            // A bearer token, or none: which one depends on how the server was started.
            ("security", .array([.object([("bearer", .array([]))]), .object([])])),
        ])
    }

    private static func operation(_ endpoint: Endpoint) -> JSONValue {
        var responses: [(String, JSONValue)] = [
            ("200", .object([
                ("description", .string(endpoint.okDescription)),
                ("content", .object([(endpoint.contentType, .object([("schema", bodySchema(endpoint))]))])),
            ])),
        ]
        if endpoint.parameters.contains(where: { !$0.inPath || $0 == .probeType }) {
            responses.append(("400", errorResponse("A parameter has a value the endpoint cannot use; `parameter` names it.")))
        }
        if !endpoint.open {
            responses.append(("401", errorResponse("The server has a token (--http-token-file) and the request did not bring it.")))
        }
        for (status, description) in endpoint.otherResponses {
            responses.removeAll { $0.0 == String(status) }
            responses.append((String(status), status == 503 ? healthResponse(description) : errorResponse(description)))
        }
        var operation: [(String, JSONValue)] = [
            ("operationId", .string(operationID(endpoint.path))),
            ("summary", .string(endpoint.summary)),
            ("description", .string(endpoint.description)),
            ("parameters", .array(endpoint.parameters.map(parameter))),
            ("responses", .object(responses)),
        ]
        if endpoint.open { operation.append(("security", .array([]))) }
        return .object(operation)
    }

    private static func parameter(_ p: APIParameter) -> JSONValue {
        .object([("name", .string(p.name)), ("in", .string(p.inPath ? "path" : "query")), ("required", .bool(p.inPath)),
                 ("description", .string(p.description)), ("schema", p.schema)])
    }

    private static func bodySchema(_ endpoint: Endpoint) -> JSONValue {
        .object([("type", .string(endpoint.contentType == APIResponse.jsonContentType ? "object" : "string"))])
    }

    private static func errorResponse(_ description: String) -> JSONValue {
        .object([
            ("description", .string(description)),
            ("content", .object([
                (APIResponse.jsonContentType, .object([("schema", .object([("$ref", .string("#/components/schemas/Error"))]))])),
            ])),
        ])
    }

    private static func healthResponse(_ description: String) -> JSONValue {
        .object([
            ("description", .string(description)),
            ("content", .object([(APIResponse.jsonContentType, .object([("schema", .object([("type", .string("object"))]))]))])),
        ])
    }

    private static var errorSchema: JSONValue {
        .object([
            ("type", .string("object")),
            ("required", .array([.string("error")])),
            ("properties", .object([
                ("error", .object([("type", .string("string")), ("description", .string("What is wrong, and what would be right."))])),
                ("parameter", .object([("type", .string("string")), ("description", .string("The parameter at fault, when one is."))])),
            ])),
        ])
    }

    /// `/api/analytics/attribution/ai-roi` -> `attribution_ai_roi`; `/metrics` -> `metrics`.
    static func operationID(_ path: String) -> String {
        let local = path.hasPrefix(AnalyticsEndpoints.prefix + "/") ? path.dropFirst(AnalyticsEndpoints.prefix.count) : path[...]
        return local.split(whereSeparator: { "/-{}.".contains($0) }).joined(separator: "_")
    }
}
