import FlowCore
import FlowFormats

/// One element of an instant vector: its labels and value (`"NaN"`, `"+Inf"` included).
public struct PromSample: Sendable, Equatable {
    public var labels: [String: String]
    public var value: Double

    public init(labels: [String: String], value: Double) {
        self.labels = labels
        self.value = value
    }
}

/// Reads the Prometheus HTTP API's answer to an instant query (`/api/v1/query`), as
/// Prometheus, Mimir and VictoriaMetrics write it:
///
/// ```text
/// {"status":"success","data":{"resultType":"vector","result":[
///   {"metric":{"slo":"ai_request_success","window":"1h"},"value":[1796000400.123,"1500"]}]}}
/// {"status":"error","errorType":"bad_data","error":"1:5: parse error: ..."}
/// ```
///
/// Why by hand over the project's JSON tree, not Codable: the value pair mixes a number
/// and a string, and an error answer must become a message naming the query.
enum PromQLVector {
    static func samples(_ body: [UInt8], query: String) throws(UserFacingError) -> [PromSample] {
        let json: JSONValue
        do {
            json = try JSONValue.parse(body)
        } catch {
            throw UserFacingError("the query API did not answer JSON (is the URL a Prometheus API?): \(error)")
        }
        guard case .string(let status)? = json[key: "status"] else {
            throw UserFacingError("the query API's answer has no status (is the URL a Prometheus API?)")
        }
        guard status == "success" else {
            let kind = json[key: "errorType"].flatMap(Self.string) ?? "error"
            let text = json[key: "error"].flatMap(Self.string) ?? "no detail"
            throw UserFacingError("the query API refused `\(query)`: \(kind): \(text)")
        }
        guard let data = json[key: "data"], case .string(let type)? = data[key: "resultType"] else {
            throw UserFacingError("the query API's answer to `\(query)` has no data")
        }
        guard type == "vector" else {
            throw UserFacingError("the query API answered `\(query)` with a \(type), not a vector")
        }
        guard case .array(let items)? = data[key: "result"] else { return [] }
        var out: [PromSample] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .object(let members)? = item[key: "metric"],
                  let pair = item[key: "value"], let text = pair[index: 1].flatMap(Self.string),
                  let value = Self.value(text) else {
                throw UserFacingError("the query API's answer to `\(query)` holds a sample without labels or value")
            }
            var labels: [String: String] = [:]
            for (name, value) in members {
                if case .string(let s) = value { labels[name] = s }
            }
            out.append(PromSample(labels: labels, value: value))
        }
        return out
    }

    private static func string(_ value: JSONValue) -> String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// A sample value as the API writes it: a decimal, `NaN`, `+Inf` or `-Inf`.
    static func value(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "+Inf", "Inf": .infinity
        case "-Inf": -.infinity
        default: Double(text)
        }
    }
}
