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
    /// The `data` of a successful answer whose result is a `type`; an error naming the
    /// query and the server's reason otherwise.
    static func data(_ body: [UInt8], query: String, type wanted: String) throws(UserFacingError) -> JSONValue {
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
        guard type == wanted else {
            throw UserFacingError("the query API answered `\(query)` with a \(type), not a \(wanted)")
        }
        return data
    }

    static func samples(_ body: [UInt8], query: String) throws(UserFacingError) -> [PromSample] {
        let data = try Self.data(body, query: query, type: "vector")
        guard case .array(let items)? = data[key: "result"] else { return [] }
        var out: [PromSample] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .object(let members)? = item[key: "metric"],
                  let pair = item[key: "value"], let text = pair[index: 1].flatMap(Self.string),
                  let value = Self.value(text) else {
                throw UserFacingError("the query API's answer to `\(query)` holds a sample without labels or value")
            }
            out.append(PromSample(labels: Self.labels(members), value: value))
        }
        return out
    }

    /// A result's `metric` object as labels (its string members).
    static func labels(_ members: [(String, JSONValue)]) -> [String: String] {
        var labels: [String: String] = [:]
        for (name, value) in members { if case .string(let s) = value { labels[name] = s } }
        return labels
    }

    static func string(_ value: JSONValue) -> String? {
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

/// One series of a range query's matrix: its labels and its points (Unix ms, value).
public struct PromRangeSeries: Sendable, Equatable {
    public var labels: [String: String]
    public var points: [(EpochMillis, Double)]

    public init(labels: [String: String], points: [(EpochMillis, Double)]) {
        self.labels = labels
        self.points = points
    }

    public static func == (a: PromRangeSeries, b: PromRangeSeries) -> Bool {
        a.labels == b.labels && a.points.elementsEqual(b.points) { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}

extension PromQLVector {
    /// The answer to a range query (`/api/v1/query_range`): a matrix, each series with
    /// `values` of `[seconds, "value"]` pairs.
    static func matrix(_ body: [UInt8], query: String) throws(UserFacingError) -> [PromRangeSeries] {
        let data = try PromQLVector.data(body, query: query, type: "matrix")
        guard case .array(let items)? = data[key: "result"] else { return [] }
        var out: [PromRangeSeries] = []
        for item in items {
            guard case .object(let members)? = item[key: "metric"], case .array(let values)? = item[key: "values"] else {
                throw UserFacingError("the query API's answer to `\(query)` holds a series without labels or values")
            }
            var points: [(EpochMillis, Double)] = []
            points.reserveCapacity(values.count)
            for pair in values {
                guard let t = pair[index: 0].flatMap(Self.seconds), case .string(let text)? = pair[index: 1],
                      let value = Self.value(text) else {
                    throw UserFacingError("the query API's answer to `\(query)` holds a point without time or value")
                }
                points.append((t, value))
            }
            out.append(PromRangeSeries(labels: Self.labels(members), points: points))
        }
        return out
    }

    /// Unix seconds (a JSON number) as milliseconds.
    static func seconds(_ value: JSONValue) -> EpochMillis? {
        switch value {
        case .int(let s): s * 1000
        case .number(let s): EpochMillis((s * 1000).rounded())
        default: nil
        }
    }
}
