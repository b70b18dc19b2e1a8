/// A strict reader of the text exposition format 0.0.4, for the tests: it reads back what
/// `PrometheusExposition` wrote, undoing the escapes, and refuses anything it does not
/// understand, so a malformed line fails the test that rendered it.
///
/// ```swift
/// let parsed = try PrometheusText(text)
/// parsed.value("flowtop_events_accepted_total")                       // 12
/// parsed.value("flowtop_events_rejected_total", ["reason": "missing_field"])
/// ```
struct PrometheusText {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Malformed: Error, CustomStringConvertible {
        var line: String
        var why: String
        var description: String { "\(why): \(line)" }
    }

    private(set) var samples: [Sample] = []
    /// `# TYPE` per family, and the families in the order their headers appear.
    private(set) var types: [String: String] = [:]
    private(set) var helps: [String: String] = [:]
    private(set) var familyOrder: [String] = []

    init(_ text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) where !line.isEmpty {
            if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst(7)
                let name = String(rest.prefix { $0 != " " })
                guard helps[name] == nil else { throw Malformed(line: line, why: "second HELP") }
                helps[name] = String(rest.dropFirst(name.count + 1))
            } else if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, types[String(parts[2])] == nil else { throw Malformed(line: line, why: "bad TYPE") }
                types[String(parts[2])] = String(parts[3])
                familyOrder.append(String(parts[2]))
            } else if line.hasPrefix("#") {
                throw Malformed(line: line, why: "unknown comment")
            } else {
                samples.append(try Self.sample(line))
            }
        }
    }

    /// The family a sample belongs to: its name, or without `_bucket`, `_sum`, `_count` for a
    /// histogram's series.
    func family(of sample: Sample) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where sample.name.hasSuffix(suffix) {
            let base = String(sample.name.dropLast(suffix.count))
            if types[base] == "histogram" { return base }
        }
        return sample.name
    }

    func samples(_ name: String) -> [Sample] { samples.filter { $0.name == name } }

    /// The one sample with exactly these labels; nil when there is none.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private static func sample(_ line: String) throws -> Sample {
        var chars = Array(line.unicodeScalars)[...]
        var name = ""
        while let c = chars.first, c != "{", c != " " {
            name.unicodeScalars.append(c)
            chars = chars.dropFirst()
        }
        var labels: [String: String] = [:]
        if chars.first == "{" {
            chars = chars.dropFirst()
            while chars.first != "}" {
                var label = ""
                while let c = chars.first, c != "=" {
                    label.unicodeScalars.append(c)
                    chars = chars.dropFirst()
                }
                guard chars.dropFirst().first == "\"" else { throw Malformed(line: line, why: "label without quotes") }
                chars = chars.dropFirst(2)
                var value = ""
                while let c = chars.first, c != "\"" {
                    chars = chars.dropFirst()
                    if c == "\\" {
                        switch chars.first {
                        case "\\": value += "\\"
                        case "\"": value += "\""
                        case "n": value += "\n"
                        default: throw Malformed(line: line, why: "unknown escape")
                        }
                        chars = chars.dropFirst()
                    } else {
                        value.unicodeScalars.append(c)
                    }
                }
                guard chars.first == "\"", labels[label] == nil else { throw Malformed(line: line, why: "bad label") }
                labels[label] = value
                chars = chars.dropFirst()
                if chars.first == "," { chars = chars.dropFirst() }
            }
            chars = chars.dropFirst()
        }
        guard chars.first == " " else { throw Malformed(line: line, why: "no value") }
        let text = String(String.UnicodeScalarView(chars.dropFirst()))
        let value: Double? = switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
        guard let value, !name.isEmpty else { throw Malformed(line: line, why: "bad value") }
        return Sample(name: name, labels: labels, value: value)
    }
}
