import FlowConfig
import Foundation
import Testing

/// A path that is not a config file (a private key, `/etc/shadow`, `/dev/zero`, a huge log)
/// given to `--slo`, `--rules`, `--silences` or `--notify` gives a short error naming the
/// file: never its text, never a hang, never the whole file in memory.
@Suite struct ForeignFileTests {
    private static func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "flowconfig-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aPrivateKeyGivenAsAnSLOFileIsNotPrinted() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/id_key"
        try """
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            QyNTUxOQAAACBs3cr3tKeyMaterialThatMustNeverBePrintedAnywhere0000000000
            -----END OPENSSH PRIVATE KEY-----

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: SLOFileError.self) { try SLOFile.load(path: path) }
        let text = try #require(error?.description)
        #expect(text.hasPrefix(path + ":1:1: "), "\(text)")
        #expect(!text.contains("s3cr3t") && !text.contains("b3Blbn") && !text.contains("BEGIN"), "\(text)")
        #expect(text.contains("found text of "), "\(text)")
    }

    @Test func shortValuesAreStillQuoted() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/slos.yaml"
        try "apiVersion: openslo/v2alpha\nkind: SLO\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: SLOFileError.self) { try SLOFile.load(path: path) }
        #expect(error?.description.contains("found `openslo/v2alpha`") == true)
    }

    @Test func aFileOverOneMiBIsRefusedFromItsSize() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.yaml"
        try Data(repeating: 0x23, count: (1 << 20) + 1).write(to: URL(fileURLWithPath: path))
        for load in Self.loaders {
            let error = #expect(throws: (any Error).self) { try load(path) }
            #expect("\(error.map { "\($0)" } ?? "")" == "\(path): the file is larger than 1 MiB; is it the right file?")
        }
    }

    @Test func aDeviceOrADirectoryIsRefusedWithoutReadingIt() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for load in Self.loaders {
            let device = #expect(throws: (any Error).self) { try load("/dev/zero") }
            #expect("\(device.map { "\($0)" } ?? "")".hasPrefix("/dev/zero: the file is a character device, not a regular file; expected "))
            let folder = #expect(throws: (any Error).self) { try load(dir) }
            #expect("\(folder.map { "\($0)" } ?? "")".hasPrefix("\(dir): the file is a directory, not a regular file; expected "))
        }
    }

    /// Every config file flowtop reads by path.
    static let loaders: [@Sendable (String) throws -> Void] = [
        { _ = try SLOFile.load(path: $0) },
        { _ = try RulesFile.load(path: $0) },
        { _ = try SilencesFile.load(path: $0, now: 0) },
        { _ = try NotifyFile.load(path: $0) },
    ]
}
