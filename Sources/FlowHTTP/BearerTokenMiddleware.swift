import FlowCore
import Hummingbird

/// `--http-token-file`: every request through this middleware must carry
/// `Authorization: Bearer <token>`; anything else gets a 401 with
/// `WWW-Authenticate: Bearer` (RFC 6750) and a JSON error that does not say how close a
/// wrong token came.
///
/// The router adds it after the Kubernetes probes, so kubelets (which send no headers)
/// still reach those; unknown paths are behind it too, so a client without the token
/// learns nothing about which paths exist.
///
/// ```sh
/// curl -H "Authorization: Bearer $(cat /etc/flowtop/http-token)" http://10.0.0.5:8000/api/analytics/slo/status
/// ```
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: Secret

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw Self.unauthorized("this server needs a bearer token: send Authorization: Bearer <token>", error: nil)
        }
        guard let presented = BearerToken.parse(header) else {
            throw Self.unauthorized("the Authorization header must be 'Bearer <token>'", error: "invalid_request")
        }
        guard BearerToken.constantTimeEqual(Array(presented.utf8), Array(token.revealed.utf8)) else {
            throw Self.unauthorized("the bearer token is not the one this server was given", error: "invalid_token")
        }
        return try await next(request, context)
    }

    private static func unauthorized(_ message: String, error: String?) -> APIError {
        let challenge = error.map { "Bearer realm=\"flowtop\", error=\"\($0)\"" } ?? "Bearer realm=\"flowtop\""
        return APIError(status: 401, message: message, headers: [.wwwAuthenticate(challenge)])
    }
}

/// The two pure parts of the check, apart from the middleware so tests can reach them.
enum BearerToken {
    /// The token of `Bearer <token>`; the scheme is case-insensitive (RFC 7235).
    static func parse(_ header: String) -> Substring? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].drop(while: { $0 == " " })
        return token.isEmpty ? nil : token
    }

    /// Whether `a` equals `b`, in a time that depends only on their lengths, so a client
    /// cannot find the token a byte at a time by timing the answers.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}
