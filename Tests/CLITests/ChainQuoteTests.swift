import Foundation
import Testing

/// Swap quotes against the chain's own `sim_swap_tao_for_alpha`, from recorded mainnet storage
/// (Tests/Fixtures/chain, README there for provenance).
@Suite struct ChainQuoteTests {
    static let chainFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/chain")

    /// A little-endian SCALE integer from a `0x…` hex value.
    static func littleEndian(_ hex: String) -> UInt64 {
        let digits = Array(hex.dropFirst(2))
        var value: UInt64 = 0
        for index in stride(from: digits.count - 2, through: 0, by: -2) {
            value = value << 8 | UInt64(String(digits[index...index + 1]), radix: 16)!
        }
        return value
    }

    @Test func aOneTaoStakeOnSN1MatchesTheChainsSimSwapAndItsSlippage() throws {
        let data = try Data(contentsOf: Self.chainFixtures.appendingPathComponent("sn1_quote_9240388.json"))
        let fixture = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let snapshot = try #require((fixture["snapshots"] as? [[String: Any]])?.first)
        #expect(snapshot["block"] as? Int == 9_240_388)
        let storage = try #require(snapshot["storage"] as? [[String: Any]])
        func value(_ item: String) throws -> UInt64 {
            let entry = try #require(storage.first { $0["item"] as? String == item && ($0["args"] as? [Int]) == [1] })
            return Self.littleEndian(try #require(entry["value"] as? String))
        }
        let checks = try #require((fixture["checks"] as? [String: Any])?["sim_buy_1tao"] as? [String: Any])
        let weight = try value("Swap.SwapBalancer")
        let weightText = "0." + String(repeating: "0", count: 18 - String(weight).count) + String(weight)
        let result = try CLI.run(["swap", "--rules", "head-2026-10", "--tao-reserve", String(try value("SubtensorModule.SubnetTAO")),
                                  "--alpha-reserve", String(try value("SubtensorModule.SubnetAlphaIn")), "--quote-weight", weightText,
                                  "--stake", "1000000000"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let quote = try SwapCommandTests.json(result)
        #expect(quote["amount_out_rao"] as? Int == checks["alpha_amount"] as? Int)
        #expect(quote["fee_rao"] as? Int == checks["tao_fee"] as? Int)
        #expect(quote["alpha_slippage_rao"] as? Int == checks["alpha_slippage"] as? Int)
        #expect(quote["tao_slippage_rao"] as? Int == checks["tao_slippage"] as? Int)
        #expect(checks["alpha_slippage"] as? Int == 83_337_619)
    }
}
