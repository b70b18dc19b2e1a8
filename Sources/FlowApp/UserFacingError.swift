#if canImport(Glibc)
import Glibc
#endif

/// An error a user can act on, shown as its message alone (no type names, no stack).
public struct UserFacingError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// Writes one line to standard error.
public func printError(_ message: String) {
    let line = message + "\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}
