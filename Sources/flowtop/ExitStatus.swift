import ArgumentParser

/// The exit statuses the commands document, named once so each command says which it means.
///
/// - 1: `watch`, `serve`, `report` and `snapshot` could not start: a bad `--slo`, `--rules`,
///   `--silences` or `--notify` file, a theme, a port or socket in use (`serve --help`);
///   `import` could not be made (an unreadable file, a locked or foreign data directory).
/// - 2: `flowtop slos`, the checker, found a mistake in the files it was asked to check
///   (README), and `emit` could not reach a flowtop.
/// - 130: the dashboard (`flowtop`, `watch`) was ended with Ctrl-C, 128 + SIGINT as a shell
///   reports an interrupted program; `q` ends it with 0.
extension ExitCode {
    static let startupFailure = ExitCode(1)
    static let checkFailed = ExitCode(2)
    static let interrupted = ExitCode(130)
}
