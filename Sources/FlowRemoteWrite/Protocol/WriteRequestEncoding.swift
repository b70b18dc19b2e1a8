import FlowCore
import FlowStore
import SwiftProtobuf

/// A queue batch as a remote-write 1.0 request body: a prompb `WriteRequest` (one
/// `TimeSeries` per series, its labels from `SeriesLabels`, its samples in time order),
/// protobuf-encoded, then snappy-compressed (block format), with the headers the spec asks
/// for.
///
/// ```swift
/// let body = try WriteRequestEncoding.body(batch, labels: labels)
/// // POST it with WriteRequestEncoding.headers(userAgent: "flowtop/1")
/// ```
public enum WriteRequestEncoding {
    /// The spec's headers, and a `User-Agent` naming flowtop.
    public static func headers(userAgent: String) -> [(String, String)] {
        [("Content-Encoding", "snappy"), ("Content-Type", "application/x-protobuf"),
         ("X-Prometheus-Remote-Write-Version", "0.1.0"), ("User-Agent", userAgent)]
    }

    public static func body(_ batch: SampleBatch, labels: SeriesLabels) throws -> [UInt8] {
        Snappy.compress(try protobuf(batch, labels: labels))
    }

    /// The uncompressed `WriteRequest`.
    static func protobuf(_ batch: SampleBatch, labels: SeriesLabels) throws -> [UInt8] {
        var request = Prometheus_WriteRequest()
        request.timeseries.reserveCapacity(batch.series.count)
        for series in batch.series {
            var out = Prometheus_TimeSeries()
            out.labels = labels.labels(for: MetricSample(name: series.name, labels: series.labels, value: 0)).map {
                var label = Prometheus_Label()
                label.name = $0.name
                label.value = $0.value
                return label
            }
            out.samples = series.points.map {
                var sample = Prometheus_Sample()
                sample.timestamp = $0.timestamp
                sample.value = $0.value
                return sample
            }
            request.timeseries.append(out)
        }
        return try request.serializedBytes()
    }
}
