@testable import FlowCore
@testable import FlowStore
import FlowTestKit
import Foundation
import Testing

/// `flowtop store info` says what the newest readable checkpoint holds, without touching
/// the directory: a damaged newer checkpoint is skipped, not set aside.
@Suite struct StoreInfoContentsTests {
    @Test func theNewestCheckpointThatReadsIsCountedAndADamagedOneLeftAlone() throws {
        let engine = LeadTableFixtures.small()
        var touches = 0
        var oldest = EpochMillis.max
        engine.leads.table.forEach { _, record in
            touches += record.touches.count
            oldest = min(oldest, record.created)
        }
        #expect(engine.leads.table.count > 0 && touches > 0)

        let path = NSTemporaryDirectory() + "flowtop-info-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let directory = try DataDirectory.open(path)
        let files = CheckpointFiles(directory: directory.checkpointPath)
        try files.write(try StateEncoder.encode(engine), position: .zero)
        try files.write(Array("not an engine".utf8), position: JournalPosition(100))   // newer, does not decode
        directory.close()

        let info = try StoreInfo.read(path)
        let contents = try #require(info.contents)
        #expect(contents.leads == engine.leads.table.count)
        #expect(contents.touches == touches)
        #expect(contents.oldestLeadCreated == oldest)
        #expect(contents.sloSeries == engine.slos.reduce(0) { $0 + $1.series.count })
        let text = info.text(now: oldest + 3 * 86_400_000)
        #expect(text.contains("holds           \(contents.sloSeries) SLO series, \(contents.leads) leads with \(touches) "
                              + "touches, the oldest created 3d ago (as of the newest checkpoint that reads)"), "\(text)")
        // Read only: the damaged checkpoint is where it was.
        #expect(files.list().count == 2)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: directory.checkpointPath)).contains { $0.hasSuffix(".corrupt") })
    }

    /// After an upgrade the journal holds segments of two formats until the older ones are
    /// deleted; `store info` names them, since an older build refuses the newer one.
    @Test func theJournalsFormatsAreNamed() throws {
        var info = StoreInfo(path: "/d", format: 1, lockedBy: nil, checkpoints: [],
                             segments: [.init(name: "00000000000000000000.wal", bytes: 10, modified: 0)],
                             setAside: [], contents: nil)
        info.journalFormats = [2]
        #expect(info.text(now: 60_000).contains("journal         1 segment (format 2), oldest written 60s ago"))
        info.journalFormats = [1, 2]
        #expect(info.text(now: 60_000).contains("journal         1 segment (formats 1 and 2), oldest written"))
        info.journalFormats = []   // no header read
        #expect(info.text(now: 60_000).contains("journal         1 segment, oldest written"))
    }

    /// A segment's format is read from its header, a newer one than this build's too;
    /// a file that is not a segment, or a header cut short, has none.
    @Test func aSegmentsFormatIsReadFromItsHeader() throws {
        let path = NSTemporaryDirectory() + "flowtop-format-\(UUID().uuidString.prefix(8)).wal"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var header = JournalFormat.header(start: 0)
        try Data(header).write(to: URL(fileURLWithPath: path))
        #expect(StoreInfo.segmentFormat(path) == JournalFormat.version)
        header[8] = 9
        try Data(header).write(to: URL(fileURLWithPath: path))
        #expect(StoreInfo.segmentFormat(path) == 9)
        try Data(header.prefix(12)).write(to: URL(fileURLWithPath: path))
        #expect(StoreInfo.segmentFormat(path) == nil)
        try Data("not a journal segment at all....".utf8).write(to: URL(fileURLWithPath: path))
        #expect(StoreInfo.segmentFormat(path) == nil)
    }
}
