import FixedMath
@testable import TaoEconomics
import Testing

/// Rule sets as values composed of parts, and their chain parameters.
@Suite struct RuleSetPartsTests {
    @Test func fiveRuleSetsEachNameTheirParts() {
        #expect(RuleSet.all.map(\.name) == ["card", "launch-2025-02", "head-2026-06", "head-2026-08", "head-2026-10"])
        for rules in RuleSet.all {
            let parts = Set(rules.parts.map(\.name))
            for part in ["coinbase_order", "halving", "subnet_share", "alpha_injection", "owner_cut", "root_dividends", "tempo", "consensus",
                         "swap_fee", "minimum_output_reserve_rao", "lock_cost", "subnet_limit"] {
                #expect(parts.contains(part), "\(rules.name) lacks \(part)")
            }
        }
        #expect(RuleSet.head2026_10.coinbase == .buyThenInject && RuleSet.head2026_08.coinbase == .injectThenBuy)
        #expect(RuleSet.head2026_10.reservoirs == .park && RuleSet.head2026_08.reservoirs == .refuse)
        #expect(RuleSet.head2026_10.consensus.nullEpochs && !RuleSet.head2026_08.consensus.nullEpochs)
    }

    @Test func theSpecTableMapsRecordedSpecsToRuleSets() {
        #expect(RuleSet.replaying(specVersion: 441)?.name == "head-2026-08")
        #expect(RuleSet.replaying(specVersion: 473)?.name == "head-2026-10")
        #expect(RuleSet.replaying(specVersion: 475)?.name == "head-2026-10")
        #expect(RuleSet.replaying(specVersion: 300) == nil)
    }

    @Test func everyParameterCanBeSetWhereTheRuleSetHasIt() throws {
        let rules = RuleSet.head2026_10
        #expect(rules.chainParameters == ChainParameter.allCases)
        for parameter in ChainParameter.allCases {
            let value: ParameterValue
            switch parameter.unit {
            case let .integer(_, range): value = .integer(range.lowerBound + (range.upperBound > range.lowerBound ? 1 : 0))
            case let .fixed(format, _, _): value = .fixed(raw: 1 << (format.fractionBits - 2), format: format)
            }
            let changed = try rules.setting(parameter, to: value)
            #expect(changed != rules, "\(parameter.name)")
            #expect(changed.setting(of: parameter) == .value(value), "\(parameter.name)")
            #expect(changed.overrides == [ParameterOverride(parameter: parameter, value: value)])
            #expect(changed.name == "head-2026-10" && changed.base == .head2026_10)
        }
    }

    @Test func aParameterTheRuleSetLacksIsRefusedNamingWhoHasIt() {
        #expect(throws: ParameterError.self) { try RuleSet.card.setting(.taoWeight, to: .integer(0)) }
        do { _ = try RuleSet.head2026_06.setting(.emissionBarRank, to: .integer(8)) } catch {
            #expect(error.message.contains("head-2026-08") && error.message.contains("emission gate"))
        }
        #expect(throws: ParameterError.self) { try RuleSet.launch2025_02.setting(.feeRate, to: .integer(33)) }
        // Out of range, or in the wrong form.
        #expect(throws: ParameterError.self) { try RuleSet.head2026_10.setting(.feeRate, to: .integer(10_001)) }
        #expect(throws: ParameterError.self) { try RuleSet.head2026_10.setting(.taoWeight, to: .fixed(raw: 1, format: .u64f64)) }
    }

    @Test func valuesAreReadInTheChainsUnit() throws {
        // I96F32::from_num(0.1): nearest, ties to even.
        #expect(try ChainParameter.subnetMovingAlpha.unit.value(parsing: "0.1", for: .subnetMovingAlpha) == .fixed(raw: 429_496_730, format: .i96f32))
        #expect(try ChainParameter.subnetMovingAlpha.unit.value(parsing: "1", for: .subnetMovingAlpha) == .fixed(raw: 1 << 32, format: .i96f32))
        #expect(try ChainParameter.emissionBarQuantile.unit.value(parsing: "0.75", for: .emissionBarQuantile) == .fixed(raw: 3 << 62, format: .u64f64))
        #expect(try ChainParameter.taoWeight.unit.value(parsing: "3320413933267719290", for: .taoWeight) == .integer(3_320_413_933_267_719_290))
        for bad in ["-1", "1e3", "0x10", "", ".", ".5", "5.", "1.5", " 3"] {
            #expect(throws: ParameterError.self, "\(bad)") { try ChainParameter.subnetMovingAlpha.unit.value(parsing: bad, for: .subnetMovingAlpha) }
        }
        #expect(throws: ParameterError.self) { try ChainParameter.subnetOwnerCut.unit.value(parsing: "65536", for: .subnetOwnerCut) }
        #expect(throws: ParameterError.self) { try ChainParameter.taoWeight.unit.value(parsing: "0.18", for: .taoWeight) }
    }

    @Test func overridesChangeTheParts() throws {
        let rules = try RuleSet.head2026_10
            .setting(.taoWeight, to: .integer(0))
            .setting(.subnetOwnerCut, to: .integer(0))
            .setting(.feeRate, to: .integer(100))
            .setting(.tempo, to: .integer(99))
            .setting(.maxEpochsPerBlock, to: .integer(5))
            .setting(.blockEmission, to: .integer(1_234_567))
        #expect(rules.root == .rootRegisteredBaskets(taoWeightU64: 0))
        #expect(rules.split == .headU96F32(ownerCutU16: 0))
        #expect(rules.pool.fee == .toBlockAuthor(numerator: 100))
        #expect(rules.tempo == 99 && rules.epochs == .spec475(maximumPerBlock: 5))
        #expect(rules.fixedBlockEmissionRao == 1_234_567)
        // In catalogue order, whatever order they were given in.
        #expect(rules.label == "head-2026-10 + block_emission=1234567, tempo=99, tao_weight=0, subnet_owner_cut=0, fee_rate=100, max_epochs_per_block=5")
        // A second setting of one parameter replaces the first.
        let again = try rules.setting(.tempo, to: .integer(360))
        #expect(again.overrides.filter { $0.parameter == .tempo } == [ParameterOverride(parameter: .tempo, value: .integer(360))])
        // card's exact 18/100 owner cut becomes n/65535 when set.
        #expect(try RuleSet.card.setting(.subnetOwnerCut, to: .integer(11_796)).split == .exactFraction(ownerNumerator: 11_796, ownerDenominator: 65_535))
        #expect(RuleSet.card.setting(of: .subnetOwnerCut) == .other("18/100 of alpha_out exactly (not a u16 value)"))
    }
}
