/// An error a user can act on, shown as its message alone (no type names, no stack):
/// an unknown SLO name for `report slo --name`, a bad `--series`, an unreadable file.
/// It lives here, below every module that throws one (reports, the demo, the app), and
/// the app prints it (`printError`).
public struct UserFacingError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
