/// Helpers for running epochs in a row.
public enum YumaSession {
    /// The state before a first epoch: no bonds, and the permits an epoch with these stakes
    /// would have stored (as if one had run before any weights were set, as the chain's tests do).
    public static func initialState(_ input: EpochInput, parameters: YumaParameters) -> EpochState {
        let owner = YumaEpoch.ownerUID(parameters, count: input.count)
        let stake = YumaEpoch.stakeWeights(input, parameters: parameters, owner: owner, NativeEpochArithmetic.self)
        return EpochState(bondRows: Array(repeating: [], count: input.count),
                          validatorPermits: YumaEpoch.permits(stake: stake, parameters: parameters, owner: owner))
    }
}

extension YumaSession {
    /// A deterministic measurement subnet: `validators` validators with stakes ∝ 1/rank setting
    /// dense weights (every miner, varied u16 values) on `miners` miners, liquid alpha on, and
    /// the bonds and permits one earlier epoch left.
    public static func synthetic(validators: Int = 64, miners: Int = 192, mechanism: YumaMechanism)
        -> (input: EpochInput, state: EpochState, parameters: YumaParameters)
    {
        let n = validators + miners
        let stakes = (0..<n).map { $0 < validators ? UInt64(1_000_000_000_000_000 / ($0 + 1)) : 0 }
        let weights: [[(uid: Int, weight: UInt16)]] = (0..<n).map { i in
            guard i < validators else { return [] }
            return (validators..<n).map { j in (j, UInt16(1 + (j * 7_919 + i * 104_729) % 65_535)) }
        }
        let input = EpochInput(alphaStakeRao: stakes, weights: weights, registeredAt: Array(repeating: 0, count: n),
                               lastUpdate: Array(repeating: 1_000, count: n), block: 1_000, lastEpochBlock: 640, emissionRao: 1_000_000_000_000)
        let parameters = YumaParameters(mechanism: mechanism, liquidAlpha: LiquidAlpha())
        let warm = YumaEpoch.run(input, state: initialState(input, parameters: parameters), parameters: parameters)
        return (input, warm.state, parameters)
    }
}
