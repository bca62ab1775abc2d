@testable import TaoEconomics
import Testing

/// The chain's own epoch tests (`pallets/subtensor/src/tests/epoch.rs` at HEAD 14bc6f9f9) and
/// the public vectors (the numbers `opentensor/subtensor`'s own tests assert), reproduced through `YumaEpoch`.
@Suite struct YumaVectorTests {
    /// A sequence of epochs on one subnet: weights per epoch, bonds and permits carried.
    struct Chain {
        var state: EpochState
        var input: EpochInput
        let parameters: YumaParameters

        init(stakes: [UInt64], parameters: YumaParameters) {
            let n = stakes.count
            input = EpochInput(alphaStakeRao: stakes, weights: Array(repeating: [], count: n), registeredAt: Array(repeating: 0, count: n),
                               lastUpdate: Array(repeating: 0, count: n), block: 1, tempo: 1, emissionRao: 1_000_000_000)
            self.parameters = parameters
            state = YumaSession.initialState(input, parameters: parameters)
        }

        /// Validator `uid` sets `weights` at the current block.
        mutating func setWeights(_ uid: Int, _ weights: [(uid: Int, weight: UInt16)]) {
            input.weights[uid] = weights
            input.lastUpdate[uid] = input.block
        }

        /// An epoch at the current block, then the next block.
        mutating func epoch() -> EpochOutput {
            defer { input.block += 1 }
            let output = YumaEpoch.run(input, state: state, parameters: parameters)
            #expect(YumaEpoch.run(input, state: state, parameters: parameters, arithmetic: ReferenceEpochArithmetic.self) == output)
            state = output.state
            return output
        }
    }

    static let servers: [UInt16] = [16_383, 32_767, 49_149, 65_535]

    /// `test_bonds`: original Yuma, stakes 1–4 on four validators weighting four servers
    /// 0.1–0.4, then validators switching to self-weights one by one; the stored bonds the test
    /// asserts, and the per-UID emissions its trace shows.
    @Test func chainTestBonds() {
        var chain = Chain(stakes: [1, 2, 3, 4, 0, 0, 0, 0], parameters: YumaParameters(mechanism: .yuma, maxAllowedValidators: 8))
        for uid in 0..<4 { chain.setWeights(uid, (4..<8).map { ($0, Self.servers[$0 - 4]) }) }
        func check(_ output: EpochOutput, column: Int, bonds: [UInt16], emission: [UInt64]) {
            #expect((0..<4).map { output.state.bonds[$0][column] } == bonds)
            #expect(zip(output.serverEmissionRao, output.validatorEmissionRao).map { $0 + $1 } == emission)
        }
        check(chain.epoch(), column: 4, bonds: [16_383, 32_767, 49_151, 65_535],
              emission: [49_999_998, 99_999_999, 150_000_000, 200_000_001, 49_998_779, 100_000_610, 149_996_337, 200_004_272])
        chain.setWeights(0, [(0, 65_535)])
        check(chain.epoch(), column: 4, bonds: [14_582, 32_767, 49_151, 65_535],
              emission: [44_998_351, 101_110_561, 151_667_215, 202_223_870, 49_998_779, 100_000_610, 149_996_337, 200_004_272])
        chain.setWeights(1, [(1, 65_535)])
        check(chain.epoch(), column: 4, bonds: [12_603, 28_321, 49_151, 65_535],
              emission: [40_496_805, 90_999_783, 157_929_636, 210_573_773, 49_998_779, 100_000_610, 149_996_337, 200_004_272])
        chain.setWeights(2, [(2, 65_535)])
        check(chain.epoch(), column: 7, bonds: [12_602, 28_320, 49_150, 65_535],
              emission: [99_999_999, 199_999_999, 299_999_999, 399_999_999, 0, 0, 0, 0])
        chain.setWeights(2, [(7, 65_535)])
        check(chain.epoch(), column: 7, bonds: [10_951, 24_609, 49_150, 65_535],
              emission: [36_443_733, 81_898_628, 163_565_493, 218_092_144, 0, 0, 0, 500_000_000])
        check(chain.epoch(), column: 7, bonds: [9_559, 21_482, 49_150, 65_535],
              emission: [32_799_427, 73_706_612, 168_638_129, 224_855_830, 0, 0, 0, 500_000_000])
        check(chain.epoch(), column: 7, bonds: [8_376, 18_824, 49_150, 65_535],
              emission: [29_518_068, 66_336_137, 173_203_134, 230_942_659, 0, 0, 0, 500_000_000])
    }

    /// The Yuma3 scenario of the chain's tests (`setup_yuma_3_scenario`): 3 validators and 2
    /// servers, β = 0, BondsMovingAverage 975,000, liquid alpha (0.1, 0.3) with steepness 1000,
    /// permits from a first epoch without weights; then per epoch the given weights on UIDs 3
    /// and 4 (explicit zeros kept), and the dividends (and servers' bonds) the test expects,
    /// within its 10^-3.
    static func yuma3Scenario(stakes: [UInt64], liquid: Bool, weights: (Int) -> [[UInt16]], bonds: [[[Double]]], dividends: [[Double]]) {
        let parameters = YumaParameters(mechanism: .yuma3, bondsMovingAverage: 975_000, bondsPenalty: 0,
                                        liquidAlpha: liquid ? LiquidAlpha(alphaLow: 6_553, alphaHigh: 19_660, steepness: 1_000) : nil, maxAllowedValidators: 3)
        var chain = Chain(stakes: stakes, parameters: parameters)
        _ = chain.epoch()
        for epoch in dividends.indices {
            for (uid, row) in weights(epoch).enumerated() { chain.setWeights(uid, [(3, row[0]), (4, row[1])]) }
            chain.input.block += 1
            let output = chain.epoch()
            for uid in 0..<stakes.count {
                #expect(abs(Double(output.dividends[uid]) / 65_535 - dividends[epoch][uid]) <= 1e-3, "epoch \(epoch) dividend of \(uid)")
            }
            for validator in 0..<3 {
                for (offset, target) in bonds[epoch][validator].suffix(2).enumerated() {
                    #expect(abs(Double(output.state.bonds[validator][3 + offset]) / 65_535 - target) <= 1e-3, "epoch \(epoch) bond \(validator)→\(3 + offset)")
                }
            }
        }
    }

    /// `test_yuma_3_kappa_moves_first`: the big validator moves to server 2 first.
    @Test func chainYuma3KappaMovesFirst() {
        let max = UInt16.max
        Self.yuma3Scenario(stakes: [8, 1, 1, 0, 0], liquid: true, weights: { epoch in
            switch epoch {
            case 0: [[max, 0], [max, 0], [max, 0]]
            case 1: [[0, max], [max, 0], [max, 0]]
            case 2: [[0, max], [0, max], [max, 0]]
            default: [[0, max], [0, max], [0, max]]
            }
        }, bonds: [
            [[0.1013, 0.0000], [0.1013, 0.0000], [0.1013, 0.0000]],
            [[0.0908, 0.1013], [0.3697, 0.0000], [0.3697, 0.0000]],
            [[0.0815, 0.1924], [0.3170, 0.1013], [0.5580, 0.0000]],
            [[0.0731, 0.2742], [0.2765, 0.1924], [0.4306, 0.1013]],
            [[0.0656, 0.3478], [0.2435, 0.2742], [0.3589, 0.1924]],
            [[0.0588, 0.4139], [0.2157, 0.3478], [0.3089, 0.2742]],
        ], dividends: [
            [0.8000, 0.1000, 0.1000, 0, 0], [1.0000, 0, 0, 0, 0], [0.9382, 0.0618, 0, 0, 0],
            [0.8819, 0.0773, 0.0407, 0, 0], [0.8564, 0.0844, 0.0592, 0, 0], [0.8418, 0.0884, 0.0697, 0, 0],
        ])
    }

    /// `test_yuma_3_liquid_alpha_disabled`: equal validators, the fixed rate 0.025.
    @Test func chainYuma3LiquidAlphaDisabled() {
        let max = UInt16.max
        Self.yuma3Scenario(stakes: [33, 33, 34, 0, 0], liquid: false, weights: { epoch in
            epoch == 2 ? [[max, 0], [max, 0], [0, max]] : [[max, 0], [max, 0], [max, 0]]
        }, bonds: [
            [[0, 0.0250, 0], [0, 0.0250, 0], [0, 0.0250, 0]],
            [[0, 0.0494, 0], [0, 0.0494, 0], [0, 0.0494, 0]],
            [[0, 0.0731, 0], [0, 0.0731, 0], [0, 0.0481, 0.0250]],
            [[0, 0.0963, 0], [0, 0.0963, 0], [0, 0.0719, 0.0244]],
            [[0, 0.1189, 0], [0, 0.1189, 0], [0, 0.0951, 0.0238]],
            [[0, 0.1409, 0], [0, 0.1409, 0], [0, 0.1178, 0.0232]],
        ], dividends: [
            [0.3300, 0.3300, 0.3400, 0, 0], [0.3300, 0.3300, 0.3400, 0, 0], [0.3734, 0.3734, 0.2532, 0, 0],
            [0.3611, 0.3611, 0.2779, 0, 0], [0.3541, 0.3541, 0.2919, 0, 0], [0.3495, 0.3495, 0.3009, 0, 0],
        ])
    }

    /// `vectors.md`: the weighted median per column, κ on either side of a stake boundary.
    @Test(arguments: [
        ([0, 0.75, 0.25, 0], [[0, 0.1, 0], [0, 0.2, 0.4], [0, 0.3, 0.1], [0, 0.4, 0.5]], 0.24, [0, 0.3, 0.4]),
        ([0, 0.75, 0.25, 0], [[0, 0.1, 0], [0, 0.2, 0.4], [0, 0.3, 0.1], [0, 0.4, 0.5]], 0.26, [0, 0.2, 0.4]),
        ([0, 0.75, 0.25, 0], [[0, 0.1, 0], [0, 0.2, 0.4], [0, 0.3, 0.1], [0, 0.4, 0.5]], 0.76, [0, 0.2, 0.1]),
        ([0, 0.3, 0.2, 0.5], [[0, 0.1, 0], [0, 0.2, 0.4], [0, 0.3, 0.1], [0, 0, 0.5]], 0.51, [0, 0, 0.4]),
    ] as [([Double], [[Double]], Double, [Double])])
    func weightedMedianVectors(stake: [Double], weights: [[Double]], kappa: Double, expected: [Double]) {
        func fixed(_ x: Double) -> Int64 { Int64((x * 4_294_967_296).rounded()) }
        var scores = SparseRows()
        for row in weights {
            for (j, w) in row.enumerated() where w != 0 { scores.append(column: j, value: fixed(w)) }
            scores.endRow()
        }
        let median = WeightedMedian.columns(stake: stake.map(fixed), scores: scores, columns: 3, majority: fixed(kappa), NativeEpochArithmetic.self)
        #expect(median == expected.map(fixed))
    }

    /// `vectors.md`: bonds after a first original-Yuma epoch (the start of `test_bonds`).
    @Test func firstEpochBondsVector() {
        var chain = Chain(stakes: [1, 2, 3, 4, 0, 0, 0, 0], parameters: YumaParameters(mechanism: .yuma, maxAllowedValidators: 8))
        for uid in 0..<4 { chain.setWeights(uid, (4..<8).map { ($0, Self.servers[$0 - 4]) }) }
        let output = chain.epoch()
        #expect((0..<4).map { output.state.bonds[$0][4] } == [16_383, 32_767, 49_151, 65_535])
    }

    /// `test_bonds_with_liquid_alpha` at the launch snapshot (f9254ea63): original Yuma with the
    /// logistic liquid alpha through the consensus quartiles, bonds penalty 0; the stored bonds
    /// the test asserts, bit for bit (they exercise the ports of `ln` and `exp`).
    @Test func launchBondsWithLiquidAlpha() {
        var chain = Chain(stakes: [1, 2, 3, 4, 0, 0, 0, 0],
                          parameters: YumaParameters(mechanism: .yuma, code: .launch, liquidAlpha: LiquidAlpha(), maxAllowedValidators: 100))
        for uid in 0..<4 { chain.setWeights(uid, (4..<8).map { ($0, Self.servers[$0 - 4]) }) }
        var output = chain.epoch()
        #expect((0..<4).map { output.state.bonds[$0][4] } == [16_383, 32_767, 49_151, 65_535])
        chain.setWeights(0, [(0, 65_535)])
        output = chain.epoch()
        #expect((0..<4).map { output.state.bonds[$0][4] } == [2_862, 32_767, 49_151, 65_535])
        chain.setWeights(1, [(1, 65_535)])
        output = chain.epoch()
        #expect((0..<4).map { output.state.bonds[$0][4] } == [435, 4_985, 49_151, 65_535])
    }
}
