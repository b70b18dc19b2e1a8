import FlowCore
import FlowViewer
import Hummingbird
import Logging

/// The Hummingbird router of the API: every `AnalyticsEndpoints.all` path for GET (and
/// HEAD), 405 for the other methods on those paths, 404 elsewhere, every error as JSON.
///
/// Order matters, because a Hummingbird middleware applies to the routes added after it:
/// the JSON error middleware first (it covers everything, unknown paths included), then
/// the Kubernetes probes, then the bearer-token check, then every other endpoint.
///
/// ```swift
/// let routes = AnalyticsRouter.build(source: source, token: nil, logger: logger)
/// let app = Application(router: routes.router)
/// ```
enum AnalyticsRouter {
    /// Methods answered with 405 on a known path (HEAD comes with every GET).
    static let refusedMethods: [HTTPRequest.Method] = [.post, .put, .patch, .delete, .options, .trace]

    struct Routes {
        let router: Router<BasicRequestContext>
        /// Every GET path registered, in registration order: what the OpenAPI test compares.
        let paths: [String]
    }

    static func build(source: any AnalyticsSource, token: Secret?, viewers: ViewerHub? = nil, logger: Logger) -> Routes {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: JSONErrorMiddleware<BasicRequestContext>(logger: logger))
        var paths: [String] = []
        let answers = AnalyticsAnswers(source: source)
        for endpoint in AnalyticsEndpoints.all where endpoint.open {
            register(endpoint, on: router, answers: answers)
            paths.append(endpoint.path)
        }
        if let token { router.add(middleware: BearerTokenMiddleware<BasicRequestContext>(token: token)) }
        for endpoint in AnalyticsEndpoints.all where !endpoint.open {
            register(endpoint, on: router, answers: answers)
            paths.append(endpoint.path)
        }
        if let viewers { ViewerRoutes.register(on: router, hub: viewers, hasToken: token != nil) }
        return Routes(router: router, paths: paths)
    }

    private static func register(_ endpoint: Endpoint, on router: Router<BasicRequestContext>, answers: AnalyticsAnswers) {
        let path = RouterPath(endpoint.path)
        router.get(path) { request, context in
            var captured: [String: String] = [:]
            for parameter in endpoint.parameters where parameter.inPath {
                captured[parameter.name] = context.parameters.get(parameter.name)
            }
            let parameters = EndpointRequest(query: request.uri.query, path: captured, declared: endpoint.parameters)
            return response(try await endpoint.respond(parameters, answers))
        }
        for method in refusedMethods {
            router.on(path, method: method) { request, _ -> Response in
                throw APIError(status: 405, message: "\(request.method.rawValue) is not allowed on \(endpoint.path); use GET",
                               headers: [.allow("GET, HEAD")])
            }
        }
    }

    static func response(_ answer: APIResponse) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        headers[.cacheControl] = "no-store"
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
    }

    static func response(_ error: APIError) -> Response {
        var response = response(.json(error.body + "\n", status: error.status))
        for header in error.headers {
            switch header {
            case .wwwAuthenticate(let challenge): response.headers[.wwwAuthenticate] = challenge
            case .allow(let methods): response.headers[.allow] = methods
            case .retryAfter(let seconds): response.headers[.retryAfter] = String(seconds)
            }
        }
        return response
    }
}

/// Every failure as a JSON body: `APIError`s as they are, Hummingbird's own (an unknown
/// path) in the same shape, anything else as a bare 500 whose cause goes to the log,
/// never to the client.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            if error.status >= 500 {
                logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            return AnalyticsRouter.response(error)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path.count <= 200 ? request.uri.path : String(request.uri.path.prefix(200)) + "..."
            return AnalyticsRouter.response(APIError.notFound(
                "no endpoint at \(path); the endpoints are listed at \(AnalyticsEndpoints.openAPIPath)"))
        } catch let error as HTTPError {
            return AnalyticsRouter.response(APIError(status: error.status.code, message: error.body ?? error.status.reasonPhrase))
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return AnalyticsRouter.response(APIError(status: 500, message: "internal error; the server's log says more"))
        }
    }
}
