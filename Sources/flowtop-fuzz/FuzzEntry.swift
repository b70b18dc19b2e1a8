import FlowTestKit

/// libFuzzer's entry point: one input, one run of the ingest hot path.
///
/// The target exists only when `FLOWTOP_FUZZ` is set (Package.swift), since it links only
/// with `-sanitize=fuzzer`, and is compiled with `-parse-as-library`: no top-level code,
/// libFuzzer drives. The work is in `HotPathFuzzing`, which `swift test` also runs over
/// the seeds and every saved crasher. Build and run with `scripts/fuzz.sh`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    HotPathFuzzing.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// `main`, as SwiftPM names it. Why it exists: on Linux SwiftPM links every executable
/// with `--defsym main=flowtop_fuzz_main` (so tests can import executables), and with
/// `-parse-as-library` Swift emits no such function, so the link failed with an undefined
/// `flowtop_fuzz_main` (swiftlang/swift-package-manager#4522). Defining it here and
/// handing over to libFuzzer's driver does what libFuzzer's own `main` would have done.
@_cdecl("flowtop_fuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}

/// libFuzzer's driver (`LLVMFuzzerRunDriver`, compiler-rt's FuzzerDriver.cpp): parses the
/// flags, then calls `body` once per input.
@_extern(c, "LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
