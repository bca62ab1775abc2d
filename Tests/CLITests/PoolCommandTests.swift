import Foundation
import Testing

@Suite struct SwapCommandTests {
    static func json(_ result: CLIResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test func launchVectorThroughTheCLI() throws {
        let result = try CLI.run(["swap", "--tao-reserve", "10000000000", "--alpha-reserve", "5000000000",
                                  "--stake", "1000000000", "--rules", "launch-2025-02", "--fee-rao", "0"])
        #expect(result.exitCode == 0)
        let object = try Self.json(result)
        #expect(object["amount_out_rao"] as? Int == 454_545_454)
        #expect(object["fee_rao"] as? Int == 0)
        #expect(object["tao_reserve_after_rao"] as? Int == 11_000_000_000)
        #expect(object["alpha_reserve_after_rao"] as? Int == 4_545_454_546)
        #expect(object["price_before"] as? String == "2.000000000000000000")
        #expect(object["price_after"] as? String == "2.419999999709600000")
        #expect(object["slippage_rao"] as? Int == 45_454_546)
    }

    @Test func feeRateIsExact() throws {
        let result = try CLI.run(["swap", "--tao-reserve", "10000000000", "--alpha-reserve", "5000000000",
                                  "--unstake", "1000000000", "--fee-rate", "0.003"])
        #expect(result.exitCode == 0)
        #expect(try Self.json(result)["fee_rao"] as? Int == 3_000_000)
    }

    @Test func twentyOneMillionTaoPoolsDoNotOverflow() throws {
        for rules in ["card", "launch-2025-02"] {
            let result = try CLI.run(["swap", "--tao-reserve", "21000000000000000", "--alpha-reserve", "21000000000000000",
                                      "--stake", "20000000000000000", "--rules", rules])
            #expect(result.exitCode == 0, "\(rules): \(result.standardError)")
        }
        let tiny = try CLI.run(["swap", "--tao-reserve", "1", "--alpha-reserve", "1", "--stake", "1", "--fee-rao", "0"])
        #expect(tiny.exitCode == 1)
        #expect(tiny.standardError.contains("refused"))
    }

    @Test func refusedTradeExitsOneWithTheReason() throws {
        let result = try CLI.run(["swap", "--tao-reserve", "20000000", "--alpha-reserve", "20000000",
                                  "--stake", "100000000", "--rules", "launch-2025-02"])
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("below the minimum of 10000000 rao"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func tableFormatIsReadable() throws {
        let result = try CLI.run(["swap", "--tao-reserve", "10000000000", "--alpha-reserve", "5000000000",
                                  "--stake", "1000000000", "--format", "table"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("amount_out_rao"))
        #expect(result.standardOutput.contains("454338833"))
    }

    @Test(arguments: [
        ["swap", "--tao-reserve", "0", "--alpha-reserve", "5", "--stake", "1"],
        ["swap", "--tao-reserve", "-5", "--alpha-reserve", "5", "--stake", "1"],
        ["swap", "--tao-reserve", "5.5", "--alpha-reserve", "5", "--stake", "1"],
        ["swap", "--tao-reserve", "5", "--alpha-reserve", "5"],
        ["swap", "--tao-reserve", "5", "--alpha-reserve", "5", "--stake", "1", "--unstake", "1"],
        ["swap", "--tao-reserve", "5", "--alpha-reserve", "5", "--stake", "0"],
        ["swap", "--tao-reserve", "5", "--alpha-reserve", "5", "--stake", "1", "--fee-rate", "1.5"],
        ["swap", "--tao-reserve", "5", "--alpha-reserve", "5", "--stake", "1", "--fee-rate", "0.5", "--fee-rao", "3"],
        ["swap", "--tao-reserve", "5", "--alpha-reserve", "5", "--stake", "1", "--rules", "nope"],
        ["max-amount", "--side", "stake", "--tao-reserve", "5", "--alpha-reserve", "0", "--limit-rao", "1"],
        ["max-amount", "--side", "sideways", "--tao-reserve", "5", "--alpha-reserve", "5", "--limit-rao", "1"],
        ["max-amount", "--side", "stake", "--tao-reserve", "5", "--alpha-reserve", "5", "--limit-rao", "-1"],
    ])
    func badInputExitsTwo(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.exitCode == 2, "\(arguments): \(result.standardError)")
        #expect(!result.standardError.isEmpty)
    }

    @Test(arguments: [("stake", "1000", "1000", "2000000000", "1000"), ("stake", "150000000000", "100000000000", "1500000001", "100"),
                      ("stake", "150000000000", "100000000000", "3000000000", "150000000000"),
                      ("unstake", "1000000000", "1000000000", "0", "18446744073709551615"),
                      ("unstake", "200000000000", "100000000000", "500000000", "300000000000")])
    func maxAmountVectors(_ side: String, _ tao: String, _ alpha: String, _ limit: String, _ expected: String) throws {
        let result = try CLI.run(["max-amount", "--side", side, "--tao-reserve", tao, "--alpha-reserve", alpha,
                                  "--limit-rao", limit, "--rules", "launch-2025-02"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == expected + "\n")
    }
}
