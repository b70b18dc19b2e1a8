import FlowCore
import FlowWire
import Testing

/// `tenant`: 1-128 characters (Unicode scalars), default "default".
@Suite struct TenantTests {
    func tenant(_ value: String) -> Result<String, Rejection>? {
        switch parser.parse(#"{"type":"message_sent","channel":"c","tenant":"\#(value)"}"#, receivedAt: now) {
        case .event(let e): .success(e.tenant)
        case .rejected(let r): .failure(r)
        case .blank: nil
        }
    }

    @Test func oneCharacterIsEnough() {
        #expect(tenant("a") == .success("a"))
    }

    @Test func emptyIsOutOfRange() {
        #expect(tenant("") == .failure(Rejection(.outOfRange, "tenant")))
    }

    @Test func exactly128CharactersAreAccepted() {
        let ascii = String(repeating: "t", count: 128)
        #expect(tenant(ascii) == .success(ascii))
        let wide = String(repeating: "租", count: 128)  // 384 bytes, 128 scalars
        #expect(tenant(wide) == .success(wide))
    }

    @Test func over128CharactersIsOutOfRange() {
        #expect(tenant(String(repeating: "t", count: 129)) == .failure(Rejection(.outOfRange, "tenant")))
        #expect(tenant(String(repeating: "租", count: 129)) == .failure(Rejection(.outOfRange, "tenant")))
    }

    @Test func escapesCountAsTheCharacterTheyStandFor() {
        let escaped = String(repeating: #"\u0041"#, count: 128)
        #expect(tenant(escaped) == .success(String(repeating: "A", count: 128)))
        #expect(tenant(escaped + "B") == .failure(Rejection(.outOfRange, "tenant")))
    }
}
