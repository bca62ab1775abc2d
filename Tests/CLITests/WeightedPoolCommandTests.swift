import Foundation
import Testing

/// `swap`, `max-amount`, `inject` and `rules` under head-2026-06, the weighted pool.
@Suite struct WeightedPoolCommandTests {
    static let pool = ["--rules", "head-2026-06", "--tao-reserve", "100000000000", "--alpha-reserve", "100000000000"]

    @Test func swapPrintsEveryKeyPlusTheWeightedOnes() throws {
        let result = try CLI.run(["swap"] + Self.pool + ["--stake", "1000000000"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let object = try SwapCommandTests.json(result)
        for key in ["amount_out_rao", "fee_rao", "tao_reserve_after_rao", "alpha_reserve_after_rao", "alpha_outstanding_after_rao", "price_before",
                    "price_after", "slippage_rao", "price_impact", "quote_weight_after", "refunded_rao", "author_tao_rao", "author_alpha_unsold_rao"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["fee_rao"] as? Int == 503_547)
        #expect(object["author_tao_rao"] as? Int == 503_547)
        #expect(object["quote_weight_after"] as? String == "0.500000000000000000")
        // The constant-product rule sets print the new keys too, with a null weight.
        let card = try SwapCommandTests.json(try CLI.run(["swap", "--tao-reserve", "100000000000", "--alpha-reserve", "100000000000", "--stake", "1000000000"]))
        #expect(card["quote_weight_after"] is NSNull)
        #expect(card["author_tao_rao"] as? Int == 0)
    }

    /// As on the chain (stake_utils.rs unstake_from_subnet), the author's alpha fee is sold after
    /// the staker's sale stopped at its limit, at the lowest price: the final price passes the
    /// limit by that sale, and every rao is accounted for (refund + swapped + fee = input).
    @Test func anUnstakesFeeIsSoldPastItsLimitAsOnTheChain() throws {
        let result = try CLI.run(["swap", "--rules", "head-2026-08", "--tao-reserve", "1000000000000", "--alpha-reserve", "1000000000000",
                                  "--unstake", "500000000000", "--limit-rao", "900000000"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let object = try SwapCommandTests.json(result)
        #expect(object["price_after"] as? String == "0.899953465638864108")
        #expect(object["author_alpha_unsold_rao"] as? Int == 0)
        let refunded = try #require(object["refunded_rao"] as? Int), fee = try #require(object["fee_rao"] as? Int)
        let outstanding = try #require(object["alpha_outstanding_after_rao"] as? Int), reserve = try #require(object["alpha_reserve_after_rao"] as? Int)
        // The pool took the swapped alpha and the sold fee; the rest went back to the staker.
        #expect(reserve - 1_000_000_000_000 + refunded == 500_000_000_000)
        #expect(outstanding == refunded && fee > 0)
    }

    /// Found from outside: this stake used to pay out the whole alpha reserve and print price 0.
    @Test func aStakeAtTheExtremeWeightStopsAtTheHighestPriceAndKeepsAlpha() throws {
        let result = try CLI.run(["swap", "--rules", "head-2026-08", "--tao-reserve", "45051570", "--alpha-reserve", "4032040",
                                  "--quote-weight", "0.99", "--fee-rate", "1/65535", "--stake", "7660679025"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let object = try SwapCommandTests.json(result)
        #expect(object["alpha_reserve_after_rao"] as? Int == 1)
        #expect(object["refunded_rao"] as? Int == 7_652_863_505)
        #expect(object["price_after"] as? String == "534009.808080808080344901")
    }

    @Test func halfWeightWithoutFeeIsTheConstantProductCurveToARao() throws {
        let weighted = try SwapCommandTests.json(try CLI.run(["swap"] + Self.pool + ["--stake", "1000000000", "--fee-rate", "0"]))
        let v2 = try SwapCommandTests.json(try CLI.run(["swap", "--tao-reserve", "100000000000", "--alpha-reserve", "100000000000", "--stake", "1000000000", "--fee-rate", "0"]))
        let difference = (weighted["amount_out_rao"] as? Int ?? 0) - (v2["amount_out_rao"] as? Int ?? 0)
        #expect((0...1).contains(difference))
    }

    @Test func aLimitRefundsTheRestAndMaxAmountReproducesTheChainsVector() throws {
        let pool = ["--rules", "head-2026-06", "--tao-reserve", "1000000000", "--alpha-reserve", "30000000000", "--quote-weight", "0.25"]
        let max = try CLI.run(["max-amount", "--side", "stake", "--limit-rao", "200000000", "--fee-rate", "0"] + pool)
        #expect(max.exitCode == 0)
        #expect(max.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "681792830")
        let swap = try SwapCommandTests.json(try CLI.run(["swap", "--stake", "100000000000", "--limit-rao", "200000000"] + pool))
        #expect(swap["refunded_rao"] as? Int == 100_000_000_000 - 681_792_830 - 343_488)
        let passed = try CLI.run(["max-amount", "--side", "stake", "--limit-rao", "50000000"] + pool)
        #expect(passed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func refusalsExitOneWithTheChainsReason() throws {
        let low = try CLI.run(["swap", "--rules", "head-2026-06", "--tao-reserve", "100000000000", "--alpha-reserve", "999999", "--stake", "10000000"])
        #expect(low.exitCode == 1)
        #expect(low.standardError.contains("ReservesTooLow"))
        let limit = try CLI.run(["swap"] + Self.pool + ["--stake", "10000000", "--limit-rao", "900000000"])
        #expect(limit.exitCode == 1)
        #expect(limit.standardError.contains("PriceLimitExceeded"))
        let large = try CLI.run(["swap"] + Self.pool + ["--unstake", "18000000000000000000", "--alpha-outstanding", "18000000000000000000"])
        #expect(large.exitCode == 1)
        #expect(large.standardError.contains("SwapInputTooLarge"))
        #expect(large.standardOutput.isEmpty)
    }

    @Test func injectReweightsOrRefuses() throws {
        let pool = ["--rules", "head-2026-06", "--tao-reserve", "1000000000", "--alpha-reserve", "30000000000", "--quote-weight", "0.25"]
        let ok = try CLI.run(["inject", "--tao", "1000000", "--alpha", "5000000"] + pool)
        #expect(ok.exitCode == 0)
        let object = try SwapCommandTests.json(ok)
        #expect(object["quote_weight_after"] as? String == "0.250156191428214419")
        let refused = try CLI.run(["inject", "--tao", "100000000000000", "--alpha", "5"] + pool)
        #expect(refused.exitCode == 1)
        #expect(refused.standardError.contains("[0.01, 0.99]"))
    }

    @Test(arguments: [
        ["swap", "--rules", "head-2026-06", "--tao-reserve", "1", "--alpha-reserve", "1", "--stake", "1", "--quote-weight", "0.995"],
        ["swap", "--rules", "head-2026-06", "--tao-reserve", "1", "--alpha-reserve", "1", "--stake", "1", "--quote-weight", "half"],
        ["swap", "--rules", "head-2026-06", "--tao-reserve", "1", "--alpha-reserve", "1", "--stake", "1", "--fee-rate", "0.0005"],
        ["swap", "--rules", "head-2026-06", "--tao-reserve", "1", "--alpha-reserve", "1", "--stake", "1", "--fee-rate", "10001/65535"],
        ["swap", "--rules", "card", "--tao-reserve", "1", "--alpha-reserve", "1", "--stake", "1", "--quote-weight", "0.5"],
        ["swap", "--rules", "card", "--tao-reserve", "1", "--alpha-reserve", "1", "--stake", "1", "--limit-rao", "5"],
        ["inject", "--rules", "card", "--tao-reserve", "1", "--alpha-reserve", "1", "--tao", "1", "--alpha", "1"],
    ])
    func badInputExitsTwo(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.exitCode == 2, "\(arguments): \(result.standardError)")
    }

    @Test func theFeeRateIsTheChainsFraction() throws {
        let explicit = try SwapCommandTests.json(try CLI.run(["swap"] + Self.pool + ["--stake", "1000000000", "--fee-rate", "33/65535"]))
        let implicit = try SwapCommandTests.json(try CLI.run(["swap"] + Self.pool + ["--stake", "1000000000"]))
        #expect(explicit["fee_rao"] as? Int == implicit["fee_rao"] as? Int)
        let larger = try SwapCommandTests.json(try CLI.run(["swap"] + Self.pool + ["--stake", "1000000000", "--fee-rate", "10000/65535"]))
        #expect(larger["fee_rao"] as? Int == 152_590_218)
    }
}
