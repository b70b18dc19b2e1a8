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
enum OpenAPIDocument {
    static let json: String = JSONText.serialize(document, pretty: true)

    static var document: [String: Any] {
        var paths: [String: Any] = [:]
        for endpoint in AnalyticsEndpoints.all { paths[endpoint.path] = ["get": operation(endpoint)] }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "flowtop analytics API",
                "version": "1",
                "description": "The endpoints of the SalesFlow analytics framework, served from flowtop's engine "
                    + "(docs/http-api.md). Unknown query parameters are ignored; a parameter given twice is a 400. "
                    + "With --http-token-file every endpoint but the Kubernetes probes needs "
                    + "`Authorization: Bearer <token>`.",
            ] as [String: Any],
            "paths": paths,
            "components": [
                "schemas": ["Error": errorSchema],
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            ],
            // A bearer token, or none: which one depends on how the server was started.
            "security": [["bearer": [String]()], [String: Any]()],
        ]
    }

    private static func operation(_ endpoint: Endpoint) -> [String: Any] {
        var responses: [String: Any] = [
            "200": ["description": endpoint.okDescription, "content": [endpoint.contentType: ["schema": bodySchema(endpoint)]]],
        ]
        if endpoint.parameters.contains(where: { !$0.inPath || $0 == .probeType }) {
            responses["400"] = errorResponse("A parameter has a value the endpoint cannot use; `parameter` names it.")
        }
        if !endpoint.open {
            responses["401"] = errorResponse("The server has a token (--http-token-file) and the request did not bring it.")
        }
        for (status, description) in endpoint.otherResponses {
            responses[String(status)] = status == 503 ? healthResponse(description) : errorResponse(description)
        }
        var operation: [String: Any] = [
            "operationId": operationID(endpoint.path),
            "summary": endpoint.summary,
            "description": endpoint.description,
            "parameters": endpoint.parameters.map(parameter),
            "responses": responses,
        ]
        if endpoint.open { operation["security"] = [[String: Any]]() }
        return operation
    }

    private static func parameter(_ p: APIParameter) -> [String: Any] {
        ["name": p.name, "in": p.inPath ? "path" : "query", "required": p.inPath, "description": p.description,
         "schema": p.schema]
    }

    private static func bodySchema(_ endpoint: Endpoint) -> [String: Any] {
        endpoint.contentType == APIResponse.jsonContentType ? ["type": "object"] : ["type": "string"]
    }

    private static func errorResponse(_ description: String) -> [String: Any] {
        ["description": description,
         "content": [APIResponse.jsonContentType: ["schema": ["$ref": "#/components/schemas/Error"]]]]
    }

    private static func healthResponse(_ description: String) -> [String: Any] {
        ["description": description, "content": [APIResponse.jsonContentType: ["schema": ["type": "object"]]]]
    }

    private static var errorSchema: [String: Any] {
        [
            "type": "object",
            "required": ["error"],
            "properties": [
                "error": ["type": "string", "description": "What is wrong, and what would be right."],
                "parameter": ["type": "string", "description": "The parameter at fault, when one is."],
            ],
        ]
    }

    /// `/api/analytics/attribution/ai-roi` -> `attribution_ai_roi`; `/metrics` -> `metrics`.
    static func operationID(_ path: String) -> String {
        let local = path.hasPrefix(AnalyticsEndpoints.prefix + "/") ? path.dropFirst(AnalyticsEndpoints.prefix.count) : path[...]
        return local.split(whereSeparator: { "/-{}.".contains($0) }).joined(separator: "_")
    }
}
