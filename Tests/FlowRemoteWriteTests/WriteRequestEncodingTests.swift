import FlowCore
import FlowStore
import SwiftProtobuf
import Testing
@testable import FlowRemoteWrite

/// A batch as the receiver decodes it: snappy, then a prompb WriteRequest with prompb's
/// field numbers, one TimeSeries per series with its labels and samples in time order.
@Suite("remote_write: the WriteRequest body")
struct WriteRequestEncodingTests {
    static let batch = SampleBatch(
        series: [SampleBatch.Series(name: "flowtop_events_accepted_total", labels: [],
                                    points: [.init(timestamp: 1_000, value: 1), .init(timestamp: 16_000, value: 5)]),
                 SampleBatch.Series(name: "flowtop_slo_events_total", labels: [MetricLabelPair(name: "slo", value: "ai")],
                                    points: [.init(timestamp: 1_000, value: 2.5)])],
        sampleCount: 3, dropped: 0, end: SampleQueuePosition(segment: 0, offset: 0, index: 0))

    @Test("the body is a snappy block of a WriteRequest that decodes back to the batch")
    func roundTrip() throws {
        let labels = try SeriesLabels(instance: "web-1", external: [("region", "eu")])
        let body = try WriteRequestEncoding.body(Self.batch, labels: labels)
        let request = try Prometheus_WriteRequest(serializedBytes: try Snappy.uncompress(body))
        #expect(request.timeseries.count == 2)
        let first = request.timeseries[0]
        #expect(first.labels.map { "\($0.name)=\($0.value)" }
                == ["__name__=flowtop_events_accepted_total", "instance=web-1", "region=eu"])
        #expect(first.samples.map(\.timestamp) == [1_000, 16_000])
        #expect(first.samples.map(\.value) == [1, 5])
        #expect(request.timeseries[1].samples.map(\.value) == [2.5])
    }

    @Test("field numbers are prompb's: timeseries 1; labels 1, samples 2; name 1, value 2; value 1, timestamp 2")
    func fieldNumbers() throws {
        var sample = Prometheus_Sample()
        sample.value = 1
        sample.timestamp = 2
        // value: field 1, fixed64 (tag 0x09); timestamp: field 2, varint (tag 0x10).
        #expect(try sample.serializedBytes() as [UInt8] == [0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x10, 0x02])
        var label = Prometheus_Label()
        label.name = "a"
        label.value = "b"
        #expect(try label.serializedBytes() as [UInt8] == [0x0A, 1, 0x61, 0x12, 1, 0x62])
        var series = Prometheus_TimeSeries()
        series.labels = [label]
        series.samples = [sample]
        let bytes: [UInt8] = try series.serializedBytes()
        #expect(bytes.first == 0x0A)          // labels: field 1, length-delimited
        #expect(bytes[8] == 0x12)             // samples: field 2, length-delimited
        var request = Prometheus_WriteRequest()
        request.timeseries = [series]
        #expect((try request.serializedBytes() as [UInt8]).first == 0x0A)   // timeseries: field 1
    }

    @Test("the spec's headers")
    func headers() {
        let headers = Dictionary(uniqueKeysWithValues: WriteRequestEncoding.headers(userAgent: "flowtop/1"))
        #expect(headers["Content-Encoding"] == "snappy")
        #expect(headers["Content-Type"] == "application/x-protobuf")
        #expect(headers["X-Prometheus-Remote-Write-Version"] == "0.1.0")
        #expect(headers["User-Agent"] == "flowtop/1")
    }
}
