import PropertyBased
@testable import TaoEconomics
import Testing

/// Invariants of the epoch on random subnets: GMP and native arithmetic agree bit for bit,
/// UIDs can be relabelled, a validator without stake changes nothing, agreement is consensus,
/// scores sum to 1 within the stated rounding, bonds stay in [0, 1].
@Suite struct YumaPropertyTests {
    /// A random subnet: 2–24 UIDs, distinct stakes (some zero), random sparse weights with
    /// explicit zeros, random stored bonds, registrations and updates, one of four rule variants.
    static func randomEpoch(_ random: inout SplitMix64) -> (EpochInput, EpochState, YumaParameters) {
        let n = Int(random.next(in: 2...24))
        var stakes = (0..<n).map { _ in random.next(in: 0...3) == 0 ? 0 : random.next(in: 1...1_000_000_000_000) }
        for i in stakes.indices where stakes[i] != 0 { stakes[i] = stakes[i] * 64 + UInt64(i) }  // distinct
        let weights: [[(uid: Int, weight: UInt16)]] = (0..<n).map { _ in
            random.next(in: 0...4) == 0 ? [] : (0..<n).compactMap { j in
                random.next(in: 0...2) == 0 ? nil : (j, random.next(in: 0...3) == 0 ? 0 : UInt16(random.next(in: 1...65_535)))
            }
        }
        let block = random.next(in: 6_000...7_000)
        let input = EpochInput(
            alphaStakeRao: stakes, rootStakeRao: (0..<n).map { _ in random.next(in: 0...1) == 0 ? 0 : random.next(in: 0...1_000_000_000_000) },
            taoWeightU64: random.next(), weights: weights,
            registeredAt: (0..<n).map { _ in random.next(in: 0...5) == 0 ? random.next(in: 0...7_000) : 0 },
            lastUpdate: (0..<n).map { _ in random.next(in: 0...7_000) }, block: block,
            lastEpochBlock: random.next(in: 0...1) == 0 ? 0 : block - 360, tempo: 360, emissionRao: random.next(in: 0...10_000_000_000_000))
        let bonds = (0..<n).map { _ in (0..<n).map { _ in random.next(in: 0...2) == 0 ? UInt16(random.next(in: 0...65_535)) : 0 } }
        let permits = (0..<n).map { _ in random.next(in: 0...3) != 0 }
        let liquid = random.next(in: 0...1) == 0 ? nil : LiquidAlpha(alphaLow: UInt16(random.next(in: 1_638...30_000)), alphaHigh: UInt16(random.next(in: 30_000...65_535)), steepness: Int16(random.next(in: 0...2_000)))
        let variant = random.next(in: 0...3)
        let parameters = YumaParameters(
            mechanism: variant == 3 ? .yuma3 : .yuma, code: variant == 0 ? .launch : .head, kappa: UInt16(random.next(in: 0...65_535)),
            bondsMovingAverage: random.next(in: 0...1_000_000), bondsPenalty: UInt16(random.next(in: 0...2) == 0 ? 65_535 : random.next(in: 0...65_535)),
            liquidAlpha: liquid, maxAllowedValidators: Int(random.next(in: 1...16)), ownerUID: random.next(in: 0...2) == 0 ? Int(random.next(in: 0...UInt64(n - 1))) : nil)
        return (input, EpochState(bonds: bonds, validatorPermits: permits), parameters)
    }

    /// The native epoch equals the GMP reference, every output, on random subnets.
    @Test func nativeEqualsReference() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            let (input, state, parameters) = Self.randomEpoch(&random)
            let native = YumaEpoch.run(input, state: state, parameters: parameters)
            let reference = YumaEpoch.run(input, state: state, parameters: parameters, arithmetic: ReferenceEpochArithmetic.self)
            #expect(native == reference)
        }
    }

    /// Scores sum to 1 within one 2^-32 per UID (each quotient truncates) or are all 0; bonds
    /// lie in [0, 1]; what is paid never exceeds the emission, and falls short of it by at
    /// most one rao per UID per side (each payout floors) when both sides score.
    @Test func invariantsHold() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            let (input, state, parameters) = Self.randomEpoch(&random)
            let output = YumaEpoch.run(input, state: state, parameters: parameters)
            let n = Int64(input.count)
            for scores in [output.incentiveRaw, output.dividendsRaw] {
                let sum = scores.reduce(0, +)
                #expect(sum == 0 || (EpochFixed.one - n...EpochFixed.one).contains(sum), "sum \(sum)")
                #expect(scores.allSatisfy { $0 >= 0 })
            }
            #expect(output.bondsRaw.values.allSatisfy { (0...EpochFixed.one).contains($0) })
            let paid = output.serverEmissionRao.reduce(UInt128(0)) { $0 + UInt128($1) } + output.validatorEmissionRao.reduce(UInt128(0)) { $0 + UInt128($1) }
            #expect(paid <= UInt128(input.emissionRao) + 1)
        }
    }

    /// Relabelling UIDs (stakes distinct, so no permit tie) relabels every output.
    @Test func permutationPermutesOutputs() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            let (input, state, parameters) = Self.randomEpoch(&random)
            let n = input.count
            var permutation = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { permutation.swapAt(i, Int(random.next(in: 0...UInt64(i)))) }  // old UID i becomes permutation[i]
            func move<T>(_ values: [T]) -> [T] {
                var result = values
                for i in 0..<n { result[permutation[i]] = values[i] }
                return result
            }
            var moved = input
            moved.alphaStakeRao = move(input.alphaStakeRao)
            moved.rootStakeRao = move(input.rootStakeRao)
            moved.registeredAt = move(input.registeredAt)
            moved.lastUpdate = move(input.lastUpdate)
            moved.weights = move(input.weights.map { row in row.map { (permutation[$0.uid], $0.weight) }.sorted { $0.0 < $1.0 } })
            let movedState = EpochState(bonds: move(state.bonds.map(move)), validatorPermits: move(state.validatorPermits))
            var movedParameters = parameters
            movedParameters.ownerUID = parameters.ownerUID.map { permutation[$0] }
            // Ties in stake let the permit order depend on labels: at launch zero stakes tie
            // and may get permits (HEAD never permits them); non-zero stakes are distinct.
            guard parameters.code == .head || input.alphaStakeRao.allSatisfy({ $0 != 0 }) else { return }
            let original = YumaEpoch.run(input, state: state, parameters: parameters)
            let relabelled = YumaEpoch.run(moved, state: movedState, parameters: movedParameters)
            #expect(relabelled.consensus == move(original.consensus))
            #expect(relabelled.incentive == move(original.incentive))
            #expect(relabelled.dividends == move(original.dividends))
            #expect(relabelled.validatorTrust == move(original.validatorTrust))
            #expect(relabelled.serverEmissionRao == move(original.serverEmissionRao))
            #expect(relabelled.validatorEmissionRao == move(original.validatorEmissionRao))
            #expect(relabelled.state == EpochState(bonds: move(original.state.bonds.map(move)), validatorPermits: move(original.state.validatorPermits)))
        }
    }

    /// A validator with no stake and arbitrary weights, appended as a new UID, changes nothing
    /// for the others. At HEAD such a validator never holds a permit (top-k of non-zero stake);
    /// at launch it may, and original Yuma gives it nothing. (Launch's logistic liquid alpha is left out: its quartiles are taken
    /// over every UID's consensus, so on the chain too one more UID moves them.)
    @Test func zeroStakeValidatorChangesNothing() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            var (input, state, parameters) = Self.randomEpoch(&random)
            parameters.maxAllowedValidators = 64
            if parameters.code == .launch { parameters.liquidAlpha = nil }
            let n = input.count
            var extended = input
            extended.alphaStakeRao.append(0)
            extended.rootStakeRao.append(0)
            extended.registeredAt.append(0)
            extended.lastUpdate.append(input.block)
            extended.weights.append((0..<n).map { ($0, UInt16(random.next(in: 0...65_535))) })
            let extendedState = EpochState(bonds: state.bonds.map { $0 + [0] } + [Array(repeating: 0, count: n + 1)], validatorPermits: state.validatorPermits + [parameters.code == .launch])
            let original = YumaEpoch.run(input, state: state, parameters: parameters)
            let withIdle = YumaEpoch.run(extended, state: extendedState, parameters: parameters)
            #expect(Array(withIdle.consensus.prefix(n)) == original.consensus)
            #expect(Array(withIdle.incentive.prefix(n)) == original.incentive)
            #expect(Array(withIdle.dividends.prefix(n)) == original.dividends)
            #expect(Array(withIdle.serverEmissionRao.prefix(n)) == original.serverEmissionRao)
            #expect(Array(withIdle.validatorEmissionRao.prefix(n)) == original.validatorEmissionRao)
            #expect(withIdle.state.bonds.prefix(n).map { Array($0.prefix(n)) } == original.state.bonds)
        }
    }

    /// When every permitted validator sets the same weights, consensus is those weights
    /// (row-normalised) and incentive is proportional to them.
    @Test func agreementIsConsensus() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            let validators = Int(random.next(in: 1...8)), miners = Int(random.next(in: 1...16)), n = validators + miners
            let row: [(uid: Int, weight: UInt16)] = (validators..<n).map { ($0, UInt16(random.next(in: 0...65_535))) }
            let stakes = (0..<n).map { $0 < validators ? random.next(in: 1...1_000_000_000_000) : 0 }
            let input = EpochInput(alphaStakeRao: stakes, weights: (0..<n).map { $0 < validators ? row : [] },
                                   registeredAt: Array(repeating: 0, count: n), lastUpdate: Array(repeating: 100, count: n), block: 100, emissionRao: 1_000_000_000)
            let parameters = YumaParameters(mechanism: random.next(in: 0...1) == 0 ? .yuma : .yuma3, kappa: UInt16(random.next(in: 1...65_535)))
            let output = YumaEpoch.run(input, state: YumaSession.initialState(input, parameters: parameters), parameters: parameters)
            let sum = row.reduce(Int64(0)) { $0 + EpochFixed.integer(Int64($1.weight)) }
            guard sum > 0 else { return }
            let normalised = row.map { NativeEpochArithmetic.safeDivide(EpochFixed.integer(Int64($0.weight)), sum) }
            #expect(Array(output.consensus.suffix(miners)) == normalised.map { YumaEpoch.toU16($0, NativeEpochArithmetic.self) })
            #expect(output.validatorTrust.prefix(validators).allSatisfy { $0 >= 65_535 - UInt16(miners) })
            // Incentive ∝ weights: the largest weight gets the largest incentive.
            let top = row.indices.max { row[$0].weight < row[$1].weight }!
            #expect(output.incentive[validators + top] == output.incentive.max())
        }
    }
}
