import FixedMath

/// The values of the launch and HEAD splits that are the same for every subnet in a block.
/// HEAD computes them in U96F32, launch in I96F32; for the non-negative values below 2^95 that
/// occur, both floor and truncate alike, so one arithmetic serves both.
struct LaunchTerms<A: I96F32Arithmetic> {
    /// cut ⊘ 65535 (`get_float_subnet_owner_cut`).
    let ownerCut: A.Value
    /// root TAO ⊗ (taoWeight ⊘ u64::MAX), or nil without root dividends.
    let rootTaoWeight: A.Value?

    init(rules: RuleSet, rootStakeRao: UInt64) {
        switch rules.split {
        case let .launchI96F32(cut), let .headU96F32(cut): ownerCut = A.divide(A.integer(cut), A.integer(65_535)) ?? A.zero
        case .exactFraction: ownerCut = A.zero
        }
        rootTaoWeight = rules.root.taoWeightU64.map { Self.rootTaoWeight(rootStakeRao: rootStakeRao, taoWeightU64: $0) }
    }

    /// root TAO ⊗ (taoWeight ⊘ u64::MAX), with `safe_div` giving 0 on a zero divisor.
    static func rootTaoWeight(rootStakeRao: UInt64, taoWeightU64: UInt64) -> A.Value {
        A.multiply(A.integer(rootStakeRao), A.divide(A.integer(taoWeightU64), A.integer(.max)) ?? A.zero)
    }
}

extension Network {
    /// The launch (I96F32) or HEAD (U96F32) split of alpha_out, each part floored to rao:
    /// owner = alpha_out ⊗ cut, rest = alpha_out − owner, root = root_prop ⊗ rest ⊗ ½ with
    /// root_prop at `alphaIssuanceAfterRao`, miners = rest ⊗ ½, validators = rest − miners − root.
    static func launchSplit<A: I96F32Arithmetic>(alphaOutRao: UInt64, terms: LaunchTerms<A>, alphaIssuanceAfterRao: UInt64)
        -> (owner: UInt64, miners: UInt64, validators: UInt64, root: UInt64) {
        let alphaOut = A.integer(alphaOutRao)
        let ownerCut = A.multiply(alphaOut, terms.ownerCut)
        let rest = A.subtract(alphaOut, ownerCut)
        var rootAlpha = A.zero
        if let taoWeight = terms.rootTaoWeight {
            let proportion = rootProportion(taoWeight: taoWeight, alphaIssuanceRao: alphaIssuanceAfterRao, arithmetic: A.self)
            rootAlpha = A.multiply(A.multiply(proportion, rest), A.half)
        }
        let miners = A.multiply(rest, A.half)
        let validators = A.subtract(A.subtract(rest, miners), rootAlpha)
        return (A.floorUInt64(ownerCut), A.floorUInt64(miners), A.floorUInt64(validators), A.floorUInt64(rootAlpha))
    }

    /// tw·root / (tw·root + alpha issuance), given tw·root; 0 when the denominator is 0.
    static func rootProportion<A: I96F32Arithmetic>(taoWeight: A.Value, alphaIssuanceRao: UInt64, arithmetic: A.Type) -> A.Value {
        A.divide(taoWeight, A.add(taoWeight, A.integer(alphaIssuanceRao))) ?? A.zero
    }

    /// The launch root proportion in I96F32: tw·root / (tw·root + alpha issuance) with
    /// tw = taoWeight ⊘ u64::MAX (`safe_div`), root TAO ⊗ tw floored; 0 when the denominator is 0.
    public static func rootProportion(rootStakeRao: UInt64, alphaIssuanceRao: UInt64, taoWeightU64: UInt64) -> FixedPoint<I96F32> {
        let taoWeight = LaunchTerms<ReferenceI96F32>.rootTaoWeight(rootStakeRao: rootStakeRao, taoWeightU64: taoWeightU64)
        return rootProportion(taoWeight: taoWeight, alphaIssuanceRao: alphaIssuanceRao, arithmetic: ReferenceI96F32.self)
    }

}
