#if canImport(Glibc)
import Glibc
#endif

/// The process's resident set, read directly, for memory per series or per lead.
///
/// Why not only the benchmark's `peakMemoryResidentDelta`: that one is sampled every few
/// milliseconds and reports the peak of the whole iteration, while memory per series wants
/// two exact readings around the events that create the series.
///
/// ```swift
/// ResidentMemory.returnFreePages()
/// let before = ResidentMemory.residentBytes()
/// // ... create series ...
/// let perSeries = (ResidentMemory.residentBytes() - before) / count
/// ```
public enum ResidentMemory {
    /// Resident set size: the second field of `/proc/self/statm` (pages) x page size; 0
    /// where there is no /proc.
    public static func residentBytes() -> Int {
        #if os(Linux)
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, Int32(line.count), file) != nil else { return 0 }
        // "size resident shared text lib data dt", in pages.
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: " ")
        guard fields.count >= 2, let pages = Int(fields[1]) else { return 0 }
        return pages * sysconf(Int32(_SC_PAGESIZE))
        #else
        return 0
        #endif
    }

    /// Gives free heap pages back to the system (glibc `malloc_trim(0)`), so that a reading
    /// starts from what is in use, not from pages an earlier iteration freed and malloc kept.
    /// Looked up at run time: Swift's Glibc module does not export `malloc.h`.
    public static func returnFreePages() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
