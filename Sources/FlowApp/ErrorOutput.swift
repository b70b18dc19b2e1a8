#if canImport(Glibc)
import Glibc
#endif
import TerminalUI

/// Writes one line to standard error, its control characters escaped (`\x1b`): a message
/// quotes paths, values and names that came from files, arguments and events, and none
/// of them may drive the terminal.
public func printError(_ message: String) {
    writeToStandardError(message.escapingControlCharacters + "\n")
}

/// Writes a message of several lines (an argument parser's error with its usage) to
/// standard error, each line's control characters escaped as `printError` does.
public func printErrorLines(_ text: String) {
    let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    writeToStandardError(lines.map { String($0).escapingControlCharacters }.joined(separator: "\n") + "\n")
}

private func writeToStandardError(_ text: String) {
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}
