/// Helpers for running epochs in a row.
public enum YumaSession {
    /// The state before a first epoch: no bonds, and the permits an epoch with these stakes
    /// would have stored (as if one had run before any weights were set, as the chain's tests do).
    public static func initialState(_ input: EpochInput, parameters: YumaParameters) -> EpochState {
        let n = input.count
        let owner = parameters.code == .head ? parameters.ownerUID.flatMap { $0 < n ? $0 : nil } : nil
        let stake = YumaEpoch.stakeWeights(input, parameters: parameters, owner: owner, NativeEpochArithmetic.self)
        var permits = YumaEpoch.topK(stake, parameters.maxAllowedValidators, nonZero: parameters.code == .head)
        if let owner { permits[owner] = true }
        return EpochState(bonds: Array(repeating: Array(repeating: 0, count: n), count: n), validatorPermits: permits)
    }
}
