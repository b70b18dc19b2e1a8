import FlowCore
import Foundation
import SmallFiles

/// Reading a `SecretSource` (FlowCore): from the process environment or a private file,
/// with errors that name the key, the file or the variable and never the value. The file
/// checks are in `readPrivateFile`.
extension SecretSource {
    /// Largest secret file read: credentials are short; a big file is a wrong path.
    static let maxFileBytes = 64 * 1024

    /// The secret's value. `environment` is the process environment unless a test gives one.
    public func read(environment: [String: String]? = nil) throws(SecretError) -> Secret {
        switch location {
        case .environment(let name):
            let environment = environment ?? ProcessInfo.processInfo.environment
            guard let value = environment[name] else {
                throw SecretError(origin: origin, message: "the environment variable \(name) is not set")
            }
            guard !value.isEmpty else {
                throw SecretError(origin: origin, message: "the environment variable \(name) is empty")
            }
            return Secret(value)
        case .file(let path):
            let text = try readPrivateFile(path)
            var value = Substring(text)
            while let last = value.last, last == "\n" || last == "\r\n" || last == "\r" { value = value.dropLast() }
            guard !value.isEmpty else { throw SecretError(origin: origin, message: "\(path) is empty") }
            return Secret(String(value))
        }
    }

    /// The secret, which must be an http or https URL with a host (a Slack webhook).
    /// The message for one that is not says so without showing it.
    public func readURL(environment: [String: String]? = nil) throws(SecretError) -> Secret {
        let secret = try read(environment: environment)
        guard HTTPURL.isValid(secret.revealed) else {
            let what = switch location {
            case .file(let path): "the text of \(path)"
            case .environment(let name): "the value of \(name)"
            }
            throw SecretError(origin: origin, message: "\(what) is not an http:// or https:// URL with a host "
                              + "(the value is not shown, as it is a credential)")
        }
        return secret
    }

    // MARK: - Operating system

    /// Reads the file through `SmallFile` (a regular file only, at most 64 KiB, the mode
    /// checked on the descriptor that was read), then refuses it if group or others may
    /// read it.
    private func readPrivateFile(_ path: String) throws(SecretError) -> String {
        let file: SmallFile
        do throws(SmallFileError) {
            file = try SmallFile.read(atPath: path, limit: Self.maxFileBytes)
        } catch {
            let message = switch error {
            case .notRegularFile(let kind): "\(path) is \(kind), not a regular file; expected a file holding the secret"
            case .tooLarge: "\(path) is larger than 64 KiB; expected a file holding only the secret"
            default: "\(path) \(error)"
            }
            throw SecretError(origin: origin, message: message)
        }
        let mode = file.permissions & 0o777
        guard mode & 0o077 == 0 else {
            throw SecretError(origin: origin, message: "\(path) can be read by group or others (mode 0"
                              + String(mode, radix: 8) + "); make it private to its owner: chmod 600 \(path)")
        }
        do {
            return try file.text()
        } catch {
            throw SecretError(origin: origin, message: "\(path) is not UTF-8 text")
        }
    }
}

/// A secret that could not be read, with what to do about it. The message names the key,
/// the file or the variable; never the secret's value.
public struct SecretError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `notify.yaml:7:23: slack.webhook_url_file`.
    public var origin: String
    public var message: String

    public init(origin: String, message: String) {
        self.origin = origin
        self.message = message
    }

    public var description: String { "\(origin): \(message)" }
}

/// The URLs notifiers post to: http or https, with a host (FlowConfig checks the notify
/// file's own URLs the same way).
enum HTTPURL {
    static func isValid(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else { return false }
        return ["http", "https"].contains(scheme) && !host.isEmpty
    }
}
