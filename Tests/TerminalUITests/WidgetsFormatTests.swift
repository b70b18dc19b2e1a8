import Foundation
import Testing
import TerminalUI

@Suite("Number, duration and text formatting")
struct WidgetsFormatTests {
    @Test("compact numbers use k, M and G with one decimal below 100",
          arguments: [
              (0.0, "0"), (42, "42"), (3.5, "3.5"), (999, "999"), (1234, "1.2k"), (12_345, "12.3k"),
              (123_456, "123k"), (999_999, "1.0M"), (3_400_000, "3.4M"), (-1500, "-1.5k"), (2.5e9, "2.5G"),
          ])
    func compact(value: Double, expected: String) {
        #expect(NumberFormat.compact(value) == expected)
    }

    @Test("money is cents below $10, dollars below $1000, compact above",
          arguments: [
              (0.0, "$0"), (0.001, "<$0.01"), (0.41, "$0.41"), (480, "$480"), (48_250, "$48.3k"),
              (1_200_000, "$1.2M"), (-250, "-$250"),
          ])
    func money(value: Double, expected: String) {
        #expect(NumberFormat.money(value) == expected)
    }

    @Test func percentagesAndFixedDecimals() {
        #expect(NumberFormat.percent(0.873) == "87.3%")
        #expect(NumberFormat.percent(0.99951, digits: 2) == "99.95%")
        #expect(NumberFormat.percent(-1.2, digits: 0) == "-120%")
        #expect(NumberFormat.fixed(2.005, digits: 1) == "2.0")
        #expect(NumberFormat.fixed(-0.004, digits: 2) == "0.00")
        #expect(NumberFormat.fixed(.nan, digits: 2) == "–")
        #expect(NumberFormat.fixed(.infinity, digits: 2) == "∞")
    }

    /// `fixed` writes its digits into bytes; it must give what joining the pieces as
    /// strings gave (the implementation before), for every digit count and sign.
    @Test func fixedMatchesTheStringBuiltOne() {
        func joined(_ x: Double, digits: Int) -> String {
            guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "-∞") }
            let d = min(max(0, digits), 9)
            var scale: Int64 = 1
            for _ in 0..<d { scale *= 10 }
            let scaled = (abs(x) * Double(scale)).rounded()
            guard scaled < 9e18 else { return x > 0 ? "∞" : "-∞" }
            let n = Int64(scaled)
            var out = x < 0 && n != 0 ? "-" : ""
            out += String(n / scale)
            if d > 0 {
                let frac = String(n % scale)
                out += "." + String(repeating: "0", count: d - frac.count) + frac
            }
            return out
        }
        var values: [Double] = [0, -0.0, 0.5, -0.5, 1, -1, 9.995, 99.95, 1e-9, -1e-9, 123_456.789, 8.9e17, -8.9e17,
                                9.5e18, 1e300, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, 0.1 + 0.2]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let magnitude = Double(seed >> 11) / Double(1 << 53) * pow(10, Double(Int(seed % 19)) - 6)
            values.append(seed & 1 == 0 ? magnitude : -magnitude)
        }
        for value in values {
            for digits in [-1, 0, 1, 2, 3, 5, 9, 12] {
                #expect(NumberFormat.fixed(value, digits: digits) == joined(value, digits: digits), "\(value) \(digits)")
            }
        }
    }

    @Test func groupedThousands() {
        #expect(NumberFormat.grouped(0) == "0")
        #expect(NumberFormat.grouped(999) == "999")
        #expect(NumberFormat.grouped(1_234_567) == "1,234,567")
        #expect(NumberFormat.grouped(-12_345) == "-12,345")
    }

    @Test func burnRatesKeepThreeSignificantDigits() {
        #expect(NumberFormat.burn(0.523) == "0.52")
        #expect(NumberFormat.burn(14.4) == "14.4")
        #expect(NumberFormat.burn(120) == "120")
    }

    @Test("durations show the two largest units",
          arguments: [
              (0.0, "0s"), (42, "42s"), (190, "3m 10s"), (11_520, "3h 12m"), (2_520_000, "29d 4h"),
              (17_280_000, "200d"), (-5, "0s"),
          ])
    func duration(seconds: Double, expected: String) {
        #expect(DurationFormat.duration(seconds: seconds) == expected)
    }

    @Test func agoDropsSecondsPastAMinute() {
        #expect(DurationFormat.ago(500) == "now")
        #expect(DurationFormat.ago(-2_000) == "now")
        #expect(DurationFormat.ago(12_000) == "12s ago")
        #expect(DurationFormat.ago(190_000) == "3m ago")
        #expect(DurationFormat.ago(3_900_000) == "1h 5m ago")
    }

    @Test func clockIsUTCTimeOfDay() {
        #expect(DurationFormat.clockUTC(epochMillis: 0) == "00:00:00")
        #expect(DurationFormat.clockUTC(epochMillis: 1_795_000_502_000) == "11:15:02")
        #expect(DurationFormat.clockUTC(epochMillis: 86_399_999) == "23:59:59")
        #expect(DurationFormat.clockUTC(epochMillis: -1_000) == "23:59:59")
    }

    @Test func truncationCountsDisplayColumns() {
        #expect(TextFit.truncate("ai_response_latency", to: 10) == "ai_respon…")
        #expect(TextFit.truncate("short", to: 10) == "short")
        #expect(TextFit.truncate("abc", to: 0) == "")
        // Each of these takes two columns: four fit in 9 with the ellipsis, not five.
        #expect(TextFit.truncate("東京大阪名古屋", to: 9) == "東京大阪…")
        #expect(DisplayWidth.of(TextFit.truncate("東京大阪名古屋", to: 8)) <= 8)
    }

    @Test func paddingAligns() {
        #expect(TextFit.pad("42", to: 5, alignment: .right) == "   42")
        #expect(TextFit.pad("42", to: 5) == "42   ")
        #expect(TextFit.pad("ab", to: 6, alignment: .center) == "  ab  ")
        #expect(TextFit.pad("東京", to: 5) == "東京 ")
    }
}
