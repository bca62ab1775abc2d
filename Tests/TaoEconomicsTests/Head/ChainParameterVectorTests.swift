import FixedMath
@testable import TaoEconomics
import Testing

/// The chain's own coinbase tests that set chain parameters (opentensor/subtensor
/// `pallets/subtensor/src/tests/coinbase.rs` at 14bc6f9f9, and the two EMA examples the chain's docs state),
/// restated with their numbers through rule-set parameters.
@Suite struct ChainParameterVectorTests {
    /// One subnet (T, A, outstanding) with `ema` and a start call at `startCall`, under `rules`.
    static func network(_ rules: RuleSet, tao: UInt64 = 1_000_000, alpha: UInt64 = 1_000_000, outstanding: UInt64 = 0, ema: FixedPoint<I96F32> = .zero,
                        startCall: UInt64 = 0, block: UInt64, root: UInt64 = 0, tempo: UInt64? = nil) throws -> Network {
        let subnet = SubnetConfiguration(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: outstanding, emaPrice: ema,
                                         registeredAtBlock: min(startCall, block), tempo: tempo, startCallBlock: min(startCall, block))
        return try Network(rules: rules, startBlock: block, startIssuanceRao: 10_000_000_000_000_000, rootStakeRao: root, subnets: [subnet])
    }

    /// `rules` with no TAO emission (the chain's tests call run_coinbase on a zero credit) and
    /// the EMA's α as `alpha`.
    static func noEmission(_ rules: RuleSet, alpha: String? = nil) throws -> RuleSet {
        var result = try rules.setting(.blockEmission, to: .integer(0))
        if let alpha { result = try result.setting(.subnetMovingAlpha, to: ChainParameter.subnetMovingAlpha.unit.value(parsing: alpha, for: .subnetMovingAlpha)) }
        return result
    }

    // test_coinbase_moving_prices: α = 1 takes the EMA to ~1 at once (warm-up nearly done).
    @Test func movingPriceWithAlphaOne() throws {
        var network = try Self.network(try Self.noEmission(.head2026_10, alpha: "1"), startCall: 0, block: 7_200_000)
        try network.step()
        #expect(1 - network.subnets[0].pool.emaPrice.approximateDouble < 0.05)
    }

    // test_coinbase_moving_prices: α = 0.1 at 28 days after the start call (α_eff = 0.05), 14 updates → 0.512325 ± 0.001.
    @Test func movingPriceWithAlphaTenthAfterFourWeeks() throws {
        var network = try Self.network(try Self.noEmission(.head2026_10, alpha: "0.1"), startCall: 0, block: 7_200 * 28)
        try network.step(blocks: 14)
        #expect(abs(network.subnets[0].pool.emaPrice.approximateDouble - 0.512325) < 0.001)
    }

    // test_update_moving_price_initial: α = 0.5, FirstEmissionBlockNumber 500 (start call 499), at block 510 → below 0.001.
    @Test func movingPriceWarmsUpSlowly() throws {
        var network = try Self.network(try Self.noEmission(.head2026_10, alpha: "0.5"), startCall: 499, block: 510)
        try network.step()
        #expect(network.subnets[0].pool.emaPrice.approximateDouble < 0.001)
    }

    // test_update_moving_price_after_time: the same long after (block 144,000,500) → 0.5 ± 0.001.
    @Test func movingPriceAfterTheWarmUp() throws {
        var network = try Self.network(try Self.noEmission(.head2026_10, alpha: "0.5"), startCall: 499, block: 144_000_500)
        try network.step()
        #expect(abs(network.subnets[0].pool.emaPrice.approximateDouble - 0.5) < 0.001)
    }

    // vectors.md: at price 1 from 0 with α = 0.1, six updates → 0.468559 (1 − 0.9⁶); α = 1 → 1, and 1 stays 1.
    @Test func movingPriceVectorsOfTheLaunchUpdate() throws {
        var tenth = try Self.network(try Self.noEmission(.launch2025_02, alpha: "0.1"), block: 1_000)
        try tenth.step(blocks: 6)
        #expect(tenth.subnets[0].pool.emaPrice.decimalString(fractionDigits: 6, rounding: .halfEven) == "0.468559")
        var one = try Self.network(try Self.noEmission(.launch2025_02, alpha: "1"), block: 1_000)
        try one.step()
        #expect(one.subnets[0].pool.emaPrice == .one)
        try one.step()
        #expect(one.subnets[0].pool.emaPrice == .one)
    }

    // test_owner_cut_base: SubnetOwnerCut 0 → no cut; u16::MAX → the whole alpha_out (1e9).
    @Test func ownerCutZeroAndWhole() throws {
        let base = try Self.noEmission(.head2026_10)
        var none = try Self.network(try base.setting(.subnetOwnerCut, to: .integer(0)), tao: 1_000_000_000_000, alpha: 1_000_000_000_000, block: 1_000, tempo: 10_000)
        try none.step()
        #expect(none.subnets[0].pendingOwnerRao == 0)
        var whole = try Self.network(try base.setting(.subnetOwnerCut, to: .integer(65_535)), tao: 1_000_000_000_000, alpha: 1_000_000_000_000, block: 1_000, tempo: 10_000)
        try whole.step()
        #expect(whole.subnets[0].pendingOwnerRao == 1_000_000_000)
    }

    // test_pending_emission: TaoWeight 1.0 (u64::MAX), 1 TAO on root, alpha issuance 2e9 + 1 before
    // the block and an EMA of 2 (root sells on): root_prop after the block's minting = 1/(1 + 3)
    // → root alpha 125,000,000, miners 500,000,000, validators 375,000,000 (±1).
    @Test func pendingEmissionWithTaoWeightOne() throws {
        let rules = try Self.noEmission(.head2026_10).setting(.taoWeight, to: .integer(.max)).setting(.subnetOwnerCut, to: .integer(0))
        var network = try Self.network(rules, tao: 1_000_000, alpha: 1, outstanding: 2_000_000_000, ema: try FixedPoint<I96F32>(2 as UInt64),
                                       block: 1_000, root: 1_000_000_000, tempo: 10_000)
        try network.step()
        let subnet = network.subnets[0]
        #expect(abs(Int64(subnet.pendingMinerRao) - 500_000_000) <= 1)
        #expect(abs(Int64(subnet.pendingValidatorRao) - 375_000_000) <= 1)
        #expect(abs(Int64(subnet.pendingRootAlphaRao) - 125_000_000) <= 1)
    }

    /// Two subnets at price 1 (or 1 and 2) with a full-injection root stake, a fixed block
    /// emission of 1,000,000 rao, the gate neutral (exponent 0).
    static func twoSubnets(prices: (UInt64, UInt64), emas: (UInt64, UInt64)) throws -> Network {
        let rules = try RuleSet.head2026_10.setting(.blockEmission, to: .integer(1_000_000)).setting(.emissionGateExponent, to: .integer(0))
        let subnets = [(UInt16(1), prices.0, emas.0), (2, prices.1, emas.1)].map { netuid, price, ema in
            SubnetConfiguration(netuid: netuid, taoReserveRao: 1_000_000 * price, alphaReserveRao: 1_000_000, alphaOutstandingRao: 0,
                                emaPrice: try? FixedPoint<I96F32>(ema), registeredAtBlock: 0)
        }
        return try Network(rules: rules, startBlock: 1_000, startIssuanceRao: 10_000_000_000_000_000, rootStakeRao: 5_000_000_000_000_000, subnets: subnets)
    }

    // test_coinbase_alpha_issuance_base: equal shares of 1,000,000 at price 1 → alpha_in 500,000 each.
    @Test func fixedEmissionSplitsEvenly() throws {
        var network = try Self.twoSubnets(prices: (1, 1), emas: (1, 1))
        try network.step()
        #expect(network.subnets.map(\.pool.alphaReserveRao) == [1_500_000, 1_500_000])
        #expect(network.lastBlock?.emissionRao == 1_000_000)
        #expect(network.checkConservation().isEmpty)
    }

    // test_coinbase_alpha_issuance_different: EMA 1 and 2, prices 1 and 2 → alpha_in 333,333 each.
    @Test func fixedEmissionFollowsTheMovingPrices() throws {
        var network = try Self.twoSubnets(prices: (1, 2), emas: (1, 2))
        try network.step()
        #expect(network.subnets.map(\.pool.alphaReserveRao) == [1_333_333, 1_333_333])
    }

    // test_coinbase_tao_issuance_base: one subnet, emission 1,234,567 → its pool TAO, issuance and stake grow by exactly that.
    @Test func fixedEmissionAllToOneSubnet() throws {
        let rules = try RuleSet.head2026_10.setting(.blockEmission, to: .integer(1_234_567))
        var network = try Self.network(rules, tao: 1_000_000_000, alpha: 1_000_000_000, ema: .one, block: 1_000, root: 5_000_000_000_000_000)
        let before = (pool: network.subnets[0].pool.taoReserveRao, issuance: network.tao.issuanceRao)
        try network.step()
        #expect(network.subnets[0].pool.taoReserveRao == before.pool + 1_234_567)
        #expect(network.tao.issuanceRao == before.issuance + 1_234_567)
    }
}
