@testable import FlowFleet
import FlowCore
import Testing

/// The query API's answers as Prometheus, Mimir and VictoriaMetrics write them, and the
/// errors a user sees when the URL or the query is wrong.
@Suite struct PromQLVectorTests {
    func samples(_ text: String) throws(UserFacingError) -> [PromSample] {
        try PromQLVector.samples(Array(text.utf8), query: "q")
    }

    /// The error `text` gives, nil when it parses.
    func failure(_ text: String) -> String? {
        do {
            _ = try samples(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aVectorGivesLabelsAndValues() throws {
        let got = try samples("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"slo":"ai_request_success","window":"1h"},"value":[1796000400.123,"1500"]},
              {"metric":{},"value":[1796000400,"NaN"]},
              {"metric":{"slo":"x"},"value":[1796000400,"+Inf"]}]}}
            """)
        #expect(got.count == 3)
        #expect(got[0] == PromSample(labels: ["slo": "ai_request_success", "window": "1h"], value: 1500))
        #expect(got[1].labels.isEmpty && got[1].value.isNaN)
        #expect(got[2].value == .infinity)
    }

    @Test func anEmptyResultIsNoSample() throws {
        #expect(try samples(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#).isEmpty)
    }

    @Test func anErrorAnswerNamesTheQueryAndTheReason() {
        #expect(failure(#"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected"}"#)
                == "the query API refused `q`: bad_data: 1:5: parse error: unexpected")
    }

    @Test func somethingElseThanTheAPIIsSaidToBe() {
        #expect(throws: UserFacingError.self) { try samples("<html>Grafana</html>") }
        #expect(failure(#"{"data":1}"#)
                == "the query API's answer has no status (is the URL a Prometheus API?)")
        #expect(failure(#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)
                == "the query API answered `q` with a matrix, not a vector")
        #expect(failure(#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}}"#)
                == "the query API's answer to `q` holds a sample without labels or value")
    }

    @Test func endpointsTakeAPathPrefixAndRefuseOtherSchemes() throws {
        #expect(try PrometheusEndpoint(url: "http://127.0.0.1:9090/", token: nil, orgID: nil).queryURL
                == "http://127.0.0.1:9090/api/v1/query")
        #expect(try PrometheusEndpoint(url: "https://mimir:8080/prometheus", token: nil, orgID: "team-a").queryURL
                == "https://mimir:8080/prometheus/api/v1/query")
        for bad in ["ftp://x", "127.0.0.1:9090", "http://", "http://h:1/?q=1"] {
            #expect(throws: UserFacingError.self, "\(bad)") { try PrometheusEndpoint(url: bad, token: nil, orgID: nil) }
        }
        #expect(throws: UserFacingError.self) { try PrometheusEndpoint(url: "http://h:1", token: nil, orgID: "") }
    }

    @Test func headersCarryTheTokenAndTheTenant() throws {
        let endpoint = try PrometheusEndpoint(url: "http://h:1", token: Secret("s3cret"), orgID: "team-a")
        let headers = Dictionary(uniqueKeysWithValues: endpoint.headers)
        #expect(headers["Authorization"] == "Bearer s3cret")
        #expect(headers["X-Scope-OrgID"] == "team-a")
    }

    @Test func formsAndTimesAreWrittenAsTheAPIReadsThem() {
        #expect(PrometheusClient.formEncoded(#"sum by (slo) (x{series="total"})"#)
                == "sum%20by%20%28slo%29%20%28x%7Bseries%3D%22total%22%7D%29")
        #expect(PrometheusClient.seconds(1_796_000_400_123) == "1796000400.123")
        #expect(PrometheusClient.seconds(1_796_000_400_005) == "1796000400.005")
    }

    @Test func aMatrixGivesEachSeriesItsPoints() throws {
        let got = try PromQLVector.matrix(Array(#"""
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"slo":"a"},"values":[[1796000400,"3"],[1796000460.5,"4.5"]]}]}}
            """#.utf8), query: "q")
        #expect(got == [PromRangeSeries(labels: ["slo": "a"], points: [(1_796_000_400_000, 3), (1_796_000_460_500, 4.5)])])
        #expect(throws: UserFacingError.self) {
            try PromQLVector.matrix(Array(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#.utf8), query: "q")
        }
    }

    @Test func labelValuesAreQuotedAsPromQLStrings() {
        #expect(FleetReader.selector(slo: "a", series: .tenant(#"ac"me\x"#)) == #"slo="a",series="tenant",tenant="ac\"me\\x""#)
        #expect(FleetReader.selector(slo: "a", series: .instance("h:9100")) == #"slo="a",series="total",instance="h:9100""#)
        #expect(PrometheusLabelValue.quoted("a\nb") == #""a\nb""#)
    }

    @Test func seriesLabelsBecomeSeriesIDs() {
        #expect(FleetReader.series(["slo": "a", "series": "total"])! == ("a", .total))
        #expect(FleetReader.series(["slo": "a", "series": "tenant", "tenant": "acme"])! == ("a", .tenant("acme")))
        #expect(FleetReader.series(["slo": "a", "series": "model", "model": "gpt-4o"])! == ("a", .model("gpt-4o")))
        #expect(FleetReader.series(["slo": "a", "series": "tenant"]) == nil)
        #expect(FleetReader.series(["series": "total"]) == nil)
    }
}
