import FlowCore
#if canImport(Glibc)
import Glibc
#endif

/// What a data directory holds, read without taking its lock (so it works beside the
/// flowtop that uses it): `flowtop store info`.
///
/// ```swift
/// print(try StoreInfo.read("/home/ann/.local/state/flowtop").text)
/// ```
public struct StoreInfo: Sendable, Equatable {
    public struct FileEntry: Sendable, Equatable {
        public var name: String
        public var bytes: Int64
        /// Modification time, milliseconds since the epoch.
        public var modified: EpochMillis
    }

    public var path: String
    public var format: Int
    /// The pid in `LOCK` while another process holds it; nil when the directory is free.
    public var lockedBy: Int32?
    public var checkpoints: [FileEntry]
    public var segments: [FileEntry]
    /// Files set aside as corrupt (`*.corrupt`).
    public var setAside: [String]
    /// What the newest checkpoint that reads holds; nil when none does.
    public var contents: EngineContents?
    /// remote_write's queue segments (`remote-write/*.rwq`); empty without `--remote-write`.
    public var remoteWriteSegments: [FileEntry] = []
    /// The journal formats its segments' headers give, lowest first (two after an upgrade,
    /// until the older segments are deleted past a checkpoint): an older build refuses a
    /// segment of a format newer than its own.
    public var journalFormats: [UInt32] = []

    public var journalBytes: Int64 { segments.reduce(0) { $0 + $1.bytes } }
    public var checkpointBytes: Int64 { checkpoints.reduce(0) { $0 + $1.bytes } }
    public var totalBytes: Int64 { journalBytes + checkpointBytes }

    /// Reads the directory at `path`; refuses one that is not a flowtop data directory.
    public static func read(_ path: String) throws(DataDirectoryError) -> StoreInfo {
        let path = DataDirectory.trimmed(path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .system(operation: "read", path: path, message: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path: path) }
        let format = try DataDirectory.readFormat(path)
        func files(_ folder: String, suffix: String) -> [FileEntry] {
            DataDirectory.entries(of: folder).filter { $0.hasSuffix(suffix) }.sorted().compactMap { name in
                var info = stat()
                guard stat(folder + "/" + name, &info) == 0 else { return nil }
                return FileEntry(name: name, bytes: Int64(info.st_size),
                                 modified: EpochMillis(info.st_mtim.tv_sec) * 1000 + EpochMillis(info.st_mtim.tv_nsec / 1_000_000))
            }
        }
        let checkpointFolder = path + "/checkpoints", journalFolder = path + "/journal"
        let corrupt = (DataDirectory.entries(of: checkpointFolder) + DataDirectory.entries(of: journalFolder))
            .filter { $0.hasSuffix(".corrupt") }.sorted()
        var store = StoreInfo(path: path, format: format, lockedBy: DataDirectory.lockHolder(path),
                              checkpoints: files(checkpointFolder, suffix: ".ckpt"), segments: files(journalFolder, suffix: ".wal"),
                              setAside: corrupt, contents: newestContents(checkpointFolder))
        store.remoteWriteSegments = files(path + "/" + SampleQueueFormat.directoryName, suffix: SampleQueueFormat.segmentSuffix)
        store.journalFormats = Set(store.segments.compactMap { segmentFormat(journalFolder + "/" + $0.name) }).sorted()
        return store
    }

    /// The format in a segment's header (`JournalFormat.checkHeader`), a newer one than this
    /// build reads included; nil when the header does not read as a journal's.
    static func segmentFormat(_ path: String) -> UInt32? {
        guard let header = try? POSIXFileSystem().read(path, limit: JournalFormat.headerSize), !header.isEmpty
        else { return nil }
        let checked = header.withUnsafeBytes { raw in
            Result { () throws(StoreError) in try JournalFormat.checkHeader(raw, path: path) }
        }
        switch checked {
        case .success(let header): return header.version
        case .failure(.newerFormat(_, let version, _)): return version
        case .failure: return nil
        }
    }

    /// Decodes the newest checkpoint that reads (a fraction of a second at the default
    /// caps), touching nothing: one that does not read is skipped here, and set aside only
    /// by the flowtop that owns the directory.
    static func newestContents(_ folder: String) -> EngineContents? {
        let files = CheckpointFiles(directory: folder)
        for entry in files.list().reversed() {
            if let (body, layout) = try? files.read(entry), let engine = try? FlowStore.decodeEngine(body, layout: layout) {
                return engine.contents
            }
        }
        return nil
    }

    /// The report `flowtop store info` prints.
    public func text(now: EpochMillis) -> String {
        let size = StoreStatus.byteText
        func age(_ at: EpochMillis) -> String {
            let seconds = max(0, (now - at) / 1000)
            if seconds < 120 { return "\(seconds)s ago" }
            if seconds < 7200 { return "\(seconds / 60)m ago" }
            if seconds < 172_800 { return "\(seconds / 3600)h ago" }
            return "\(seconds / 86400)d ago"
        }
        var lines = ["data directory  \(path)",
                     "format          \(format)",
                     "in use          " + (lockedBy.map { "yes, by pid \($0)" } ?? "no"),
                     "size            \(size(totalBytes)) (journal \(size(journalBytes)), checkpoints \(size(checkpointBytes)))"]
        if let newest = checkpoints.last {
            let position = newest.name.split(separator: ".").first.flatMap { UInt64($0) } ?? 0
            lines.append("last checkpoint \(age(newest.modified)), \(size(newest.bytes)), at journal position \(position)")
            if let contents {
                let oldest = contents.oldestLeadCreated.map { ", the oldest created \(age($0))" } ?? ""
                lines.append("holds           \(contents.sloSeries) SLO series, \(contents.leads) leads with \(contents.touches) "
                             + "touches\(oldest) (as of the newest checkpoint that reads)")
            }
        } else {
            lines.append("last checkpoint none yet")
        }
        if let first = segments.first {
            let formats = journalFormats.map(String.init)
            let format = formats.isEmpty ? "" : formats.count == 1 ? " (format \(formats[0]))"
                : " (formats \(formats.dropLast().joined(separator: ", ")) and \(formats.last!))"
            lines.append("journal         \(segments.count) segment\(segments.count == 1 ? "" : "s")\(format), "
                         + "oldest written \(age(first.modified))")
        } else {
            lines.append("journal         empty")
        }
        if let first = remoteWriteSegments.first {
            let bytes = remoteWriteSegments.reduce(0) { $0 + $1.bytes }
            lines.append("remote_write    \(remoteWriteSegments.count) queue segment\(remoteWriteSegments.count == 1 ? "" : "s"), "
                         + "\(size(bytes)), oldest written \(age(first.modified)) (docs/fleet.md)")
        }
        for aside in setAside { lines.append("set aside       \(aside) (corrupt; kept for a post-mortem)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
