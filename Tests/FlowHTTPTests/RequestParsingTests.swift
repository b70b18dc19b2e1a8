import FlowCore
import Testing

@testable import FlowHTTP

/// The pure parts: reading parameters from a query string, and the tenant filter over
/// an exposition.
@Suite("HTTP API: parameter parsing and the exposition filter")
struct RequestParsingTests {
    @Test func parametersHaveTheirDefaultsWhenAbsent() throws {
        let request = EndpointRequest(query: nil, path: [:], declared: [.tenant, .periodDays, .model])
        #expect(try request.tenant() == nil)
        #expect(try request.periodDays() == 30)
        #expect(try request.model() == .linear)
    }

    @Test func parametersParseToTheirTypes() throws {
        let request = EndpointRequest(query: "model=w_shaped&period_days=90&tenant=big+corp&x", path: [:],
                                      declared: [.tenant, .periodDays, .model])
        #expect(try request.attributionRequest() == AttributionRequest(model: .wShaped, periodDays: 90, tenant: "big corp"))
        let slo = EndpointRequest(query: "series=model%3Agpt-4o&range=3d", path: ["slo_name": "ai%5Frequest_success"],
                                  declared: [.sloName, .series, .range, .tenant])
        #expect(try slo.sloRequest() == SLORequest(name: "ai_request_success", series: .model("gpt-4o"), range: .d3))
    }

    @Test func aParameterTheEndpointDidNotDeclareCannotBeRead() {
        let request = EndpointRequest(query: "model=linear", path: [:], declared: [.tenant])
        #expect(throws: APIError(status: 500, message: "internal error")) { try request.model() }
    }

    @Test func aTenantCountsCodePoints() throws {
        let long = String(repeating: "é", count: 128)
        #expect(try EndpointRequest(query: "tenant=\(long)", path: [:], declared: [.tenant]).tenant() == long)
        #expect(throws: APIError.self) {
            try EndpointRequest(query: "tenant=\(long)x", path: [:], declared: [.tenant]).tenant()
        }
    }

    @Test func aLongBadValueIsQuotedShort() {
        let value = String(repeating: "9", count: 500)
        #expect(throws: APIError.badParameter(
            "period_days", "period_days must be a whole number of days from 1 to 3650, not '\(String(repeating: "9", count: 64))...'")) {
            try EndpointRequest(query: "period_days=\(value)", path: [:], declared: [.periodDays]).periodDays()
        }
    }

    @Test func theTenantFilterKeepsThatTenantAndTheUnlabelled() {
        let exposition = """
            # HELP flowtop_x A family.
            # TYPE flowtop_x counter
            flowtop_x{slo="a",tenant="acme"} 1
            flowtop_x{tenant="globex",slo="a"} 2
            flowtop_x{slo="a"} 3
            flowtop_up 1
            flowtop_y{tenant="ac\\"me"} 4
            flowtop_y{note="tenant=\\"globex\\"",tenant="acme"} 5

            """
        #expect(ExpositionTenantFilter.keeping(tenant: "acme", in: exposition) == """
            # HELP flowtop_x A family.
            # TYPE flowtop_x counter
            flowtop_x{slo="a",tenant="acme"} 1
            flowtop_x{slo="a"} 3
            flowtop_up 1
            flowtop_y{note="tenant=\\"globex\\"",tenant="acme"} 5

            """)
        #expect(ExpositionTenantFilter.keeping(tenant: "ac\"me", in: exposition).contains("flowtop_y{tenant=\"ac\\\"me\"} 4"))
    }
}
