@testable import TaoEconomics
import Testing

/// The chain's Null epoch consensus, with the numbers of its tests (`tests/null_consensus.rs`,
/// spec 474–475): 4 UIDs, validators 0 and 1 with stake, miners 2 and 3, a budget of 1,000,000.
@Suite struct NullEpochTests {
    static func input(stakes: [UInt64], rows: [[(uid: Int, weight: UInt16)]], registeredAt: [UInt64] = [0, 0, 0, 0],
                      lastUpdate: [UInt64] = [1, 1, 1, 1], budget: UInt64 = 1_000_000) -> EpochInput {
        EpochInput(alphaStakeRao: stakes + [UInt64](repeating: 0, count: 4 - stakes.count), weights: rows + [[(uid: Int, weight: UInt16)]](repeating: [], count: 4 - rows.count),
                   registeredAt: registeredAt, lastUpdate: lastUpdate, block: 10, emissionRao: budget)
    }

    static let noBonds = EpochState(bondRows: [[], [], [], []], validatorPermits: [true, true, false, false])

    @Test func theWinnersWeightsPayMinersAndStakePaysValidators() {
        let output = NullEpoch.run(Self.input(stakes: [300_000_000, 100_000_000], rows: [[(2, 3), (3, 1)], [(3, .max)]]), state: Self.noBonds)
        #expect(output.validatorEmissionRao == [375_000, 125_000, 0, 0])
        #expect(output.serverEmissionRao == [0, 0, 375_000, 125_000])
        #expect(output.state.validatorPermits == [true, false, false, false])
    }

    @Test func aTieSelectsTheFirstUID() {
        let output = NullEpoch.run(Self.input(stakes: [100_000_000, 100_000_000], rows: [[(2, .max)], [(3, .max)]]), state: Self.noBonds)
        #expect(output.serverEmissionRao[2] == 500_000 && output.serverEmissionRao[3] == 0)
    }

    @Test func theWinnerIsChosenBeforeRounding() {
        let output = NullEpoch.run(Self.input(stakes: [1_000_000_000, 1_000_000_001], rows: [[(2, .max)], [(3, .max)]]), state: Self.noBonds)
        #expect(output.serverEmissionRao[2] == 0 && output.serverEmissionRao[3] == 500_000)
    }

    @Test func anEmptyWinnerRowSharesAcrossEveryUID() {
        let output = NullEpoch.run(Self.input(stakes: [300_000_000, 100_000_000], rows: [[], [(3, .max)]]), state: Self.noBonds)
        #expect(output.serverEmissionRao == [125_000, 125_000, 125_000, 125_000])
        #expect(output.validatorEmissionRao == [375_000, 125_000, 0, 0])
    }

    @Test func aStaleWinnerRowFallsBackToEqualShares() {
        // UID 2 re-registered (block 2) after the winner's weights (last update 1).
        let output = NullEpoch.run(Self.input(stakes: [300_000_000, 100_000_000], rows: [[(2, .max)], [(3, .max)]], registeredAt: [0, 0, 2, 0]),
                                   state: Self.noBonds)
        #expect(output.serverEmissionRao == [125_000, 125_000, 125_000, 125_000])
    }

    @Test func noStakeGivesOnlyEqualMinerEmissions() {
        let output = NullEpoch.run(Self.input(stakes: [0, 0], rows: []), state: Self.noBonds)
        #expect(output.serverEmissionRao == [250_000, 250_000, 250_000, 250_000])
        #expect(output.validatorEmissionRao == [0, 0, 0, 0])
    }

    @Test func theBudgetIsSplitExactlyAndBondsAreKept() {
        let bonds = EpochState(bondRows: [[StoredBond(uid: 2, bond: 12_345)], [StoredBond(uid: 3, bond: 54_321)], [], []],
                               validatorPermits: [true, true, false, false])
        for budget: UInt64 in [0, 1, 3, 131_071, 1_000_003] {
            let output = NullEpoch.run(Self.input(stakes: [300_000_000, 100_000_000], rows: [[(2, 65_534), (3, 1)]], budget: budget), state: bonds)
            #expect(output.serverEmissionRao.reduce(0, +) == budget - budget / 2)
            #expect(output.validatorEmissionRao.reduce(0, +) == budget / 2)
            #expect(output.state.bondRows == bonds.bondRows)
        }
    }

    @Test func apportionmentIsFloorOrFloorPlusOneAndExact() {
        var shares = [UInt128](repeating: UInt128(UInt16.max), count: 1_000)
        shares[0] = 1
        shares[100] = 0
        for budget: UInt64 in [0, 1, 7, 1_001, 1_000_003, .max] {
            let parts = NullEpoch.apportion(budget, among: shares)
            #expect(parts.reduce(UInt128(0)) { $0 + UInt128($1) } == UInt128(budget))
            #expect(parts[100] == 0)
            let total = shares.reduce(0, +)
            for (share, paid) in zip(shares, parts) {
                let floor = UInt128(budget) * share / total
                #expect(UInt128(paid) == floor || UInt128(paid) == floor + 1)
            }
        }
    }
}
