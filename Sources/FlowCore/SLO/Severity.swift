/// How urgent a burn-rate tier is (SRE Workbook): a `page` wants someone now, a `ticket`
/// can wait. Pages sort first (`.page < .ticket`), so the most severe is the `min()`.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case page, ticket

    public static func < (a: Severity, b: Severity) -> Bool { a == .page && b == .ticket }
}
