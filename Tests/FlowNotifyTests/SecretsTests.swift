import FlowCore
import FlowNotify
import Foundation
import Testing

/// Secrets come from a private file or the environment, and never show: not in errors,
/// not in descriptions, not in dumps.
@Suite struct SecretsTests {
    static let value = "xoxb-S3CR3T-V4LU3"
    static let origin = "notify.yaml:4:3: slack.webhook_url_file"

    /// A new file holding `text` with permissions `mode`, in its own temporary folder.
    static func file(_ text: String, mode: Int) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowtop-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("secret").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    static func error(_ source: SecretSource, environment: [String: String] = [:]) -> SecretError? {
        do {
            _ = try source.read(environment: environment)
            return nil
        } catch {
            return error
        }
    }

    @Test func aPrivateFileIsReadWithoutItsTrailingNewline() throws {
        let path = try Self.file(Self.value + "\n", mode: 0o600)
        #expect(try SecretSource(.file(path), origin: Self.origin).read().revealed == Self.value)
        let crlf = try Self.file(Self.value + "\r\n", mode: 0o400)
        #expect(try SecretSource(.file(crlf), origin: Self.origin).read().revealed == Self.value)
    }

    @Test func aFileOthersCanReadIsRefusedWithoutShowingIt() throws {
        let path = try Self.file(Self.value, mode: 0o644)
        let error = try #require(Self.error(SecretSource(.file(path), origin: Self.origin)))
        #expect(error.description == "\(Self.origin): \(path) can be read by group or others (mode 0644); "
                + "make it private to its owner: chmod 600 \(path)")
        #expect(!error.description.contains(Self.value))
        #expect(!"\(error)".contains(Self.value))
        #expect(!String(reflecting: error).contains(Self.value))
        let groupOnly = try Self.file(Self.value, mode: 0o640)
        #expect(Self.error(SecretSource(.file(groupOnly), origin: Self.origin))?.message.contains("mode 0640") == true)
    }

    @Test func missingEmptyAndDirectoryFilesAreErrors() throws {
        #expect(Self.error(SecretSource(.file("/nonexistent/flowtop/secret"), origin: Self.origin))?.description
                == "\(Self.origin): /nonexistent/flowtop/secret does not exist")
        let empty = try Self.file("\n", mode: 0o600)
        #expect(Self.error(SecretSource(.file(empty), origin: Self.origin))?.message == "\(empty) is empty")
        let folder = URL(fileURLWithPath: empty).deletingLastPathComponent().path
        #expect(Self.error(SecretSource(.file(folder), origin: Self.origin))?.message
                == "\(folder) is a directory, not a regular file; expected a file holding the secret")
    }

    /// A FIFO with no writer would block `open` for good; `/dev/zero` would be read forever.
    @Test func aFIFOOrADeviceIsRefusedAtOnce() throws {
        let empty = try Self.file("x\n", mode: 0o600)
        let fifo = URL(fileURLWithPath: empty).deletingLastPathComponent().path + "/fifo-\(UUID().uuidString.prefix(6))"
        try #require(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        #expect(Self.error(SecretSource(.file(fifo), origin: Self.origin))?.message
                == "\(fifo) is a named pipe (FIFO), not a regular file; expected a file holding the secret")
        #expect(Self.error(SecretSource(.file("/dev/zero"), origin: Self.origin))?.message
                == "/dev/zero is a character device, not a regular file; expected a file holding the secret")
    }

    @Test func theEnvironmentIsReadAndAnUnsetOrEmptyVariableNamed() throws {
        let source = SecretSource(.environment("FLOWTOP_SLACK_URL"), origin: "notify.yaml:4:3: slack.webhook_url_env")
        #expect(try source.read(environment: ["FLOWTOP_SLACK_URL": Self.value]).revealed == Self.value)
        #expect(Self.error(source)?.description
                == "notify.yaml:4:3: slack.webhook_url_env: the environment variable FLOWTOP_SLACK_URL is not set")
        #expect(Self.error(source, environment: ["FLOWTOP_SLACK_URL": ""])?.message
                == "the environment variable FLOWTOP_SLACK_URL is empty")
    }

    @Test func aURLSecretThatIsNoURLIsRefusedWithoutShowingIt() {
        let source = SecretSource(.environment("HOOK"), origin: Self.origin)
        do {
            _ = try source.readURL(environment: ["HOOK": Self.value])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("the value of HOOK is not an http:// or https:// URL"))
            #expect(!error.description.contains(Self.value))
        }
        #expect(throws: Never.self) { try source.readURL(environment: ["HOOK": "https://hooks.slack.com/services/T/B/X"]) }
    }
}
