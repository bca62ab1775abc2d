import FixedMath

/// The per-block emission as a function of issuance, exactly as the chain computes it
/// (`coinbase/block_emission.rs::get_block_emission_for_issuance`, unchanged from launch to HEAD).
///
/// The same function gives a subnet's alpha emission from its alpha issuance.
public enum BlockEmission {
    /// Emission in rao for a block that starts at `issuanceRao`:
    ///
    ///     if I ≥ 21e15: 0
    ///     q = I / 21e15                 (I96F32, truncating division)
    ///     k = floor(log2(1 / (1 − q)))  (exact integer part)
    ///     emission = floor((1 / 2^k) · 1e9)   (I96F32 multiply floors; to_num floors)
    ///
    /// So halving k starts at issuance ≥ ceil(21e15 · (1 − 2^−k)), and emission is 0 from k = 30.
    ///
    /// This is a table look-up over the thresholds that `referenceForIssuance` defines; a
    /// differential test proves the two identical.
    public static func forIssuance(_ issuanceRao: UInt64) -> UInt64 {
        guard let halvings = halvings(atIssuance: issuanceRao), halvings < 30 else { return 0 }
        return Supply.initialBlockEmissionRao >> UInt64(halvings)
    }

    /// thresholds[k] = the lowest issuance at which k halvings are in force, k = 0...30,
    /// found by bisection on `referenceForIssuance`.
    public static let thresholds: [UInt64] = (0...30).map { halvings in
        halvings == 0 ? 0 : firstIssuance(withEmissionAtMost: (Supply.initialBlockEmissionRao >> UInt64(halvings - 1)) - 1)
    }

    /// The chain's computation, step by step in I96F32: the reference `forIssuance` must match.
    public static func referenceForIssuance(_ issuanceRao: UInt64) -> UInt64 {
        guard issuanceRao < Supply.capRao else { return 0 }
        // Every step below stays inside I96F32 for issuance < 21e15, so none of them throws;
        // a throw would be a bug in this function, and it reports zero emission rather than trap.
        do {
            let issuance = try FixedPoint<I96F32>(issuanceRao)
            let two = try FixedPoint<I96F32>(2 as UInt64)
            let halfSupply = try FixedPoint<I96F32>(10_500_000_000_000_000 as UInt64)
            let quotient = try issuance.divided(by: two.multiplied(by: halfSupply))
            let reciprocal = try FixedPoint<I96F32>.one.divided(by: FixedPoint<I96F32>.one.subtracting(quotient))
            guard let halvings = reciprocal.floorLog2 else { return 0 }
            var powerOfTwo = FixedPoint<I96F32>.one
            for _ in 0..<halvings { powerOfTwo = powerOfTwo.saturatingDoubled() }
            let fraction = try FixedPoint<I96F32>.one.divided(by: powerOfTwo)
            let emission = try fraction.multiplied(by: FixedPoint<I96F32>(Supply.initialBlockEmissionRao))
            return emission.saturatingUInt64()
        } catch {
            return 0
        }
    }

    /// The number of halvings k in force at `issuanceRao` (floor(log2(1/(1−q))) above, 30 once
    /// emission has ended), or nil at or above the cap.
    public static func halvings(atIssuance issuanceRao: UInt64) -> Int? {
        guard issuanceRao < Supply.capRao else { return nil }
        // thresholds[k] is the first issuance with k halvings; 31 ascending entries.
        var halvings = 0
        while halvings + 1 < thresholds.count, thresholds[halvings + 1] <= issuanceRao { halvings += 1 }
        return halvings
    }

    /// The `card` rule: ⌊1e9 / 2^⌊block / 10.5M⌋⌋ rao, 0 from era 30 (block 315,000,000) on.
    public static func forBlock(_ block: UInt64) -> UInt64 {
        let era = block / Supply.blocksPerHalvingEra
        return era >= 30 ? 0 : Supply.initialBlockEmissionRao >> era
    }

    /// The lowest issuance at which `referenceForIssuance` is at most `emissionRao`, found by
    /// bisection on the exact function (it never increases with issuance). The cap when none is lower.
    public static func firstIssuance(withEmissionAtMost emissionRao: UInt64) -> UInt64 {
        var low: UInt64 = 0, high: UInt64 = Supply.capRao
        if referenceForIssuance(0) <= emissionRao { return 0 }
        // Invariant: reference(low) > emissionRao, reference(high) ≤ emissionRao.
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if referenceForIssuance(middle) <= emissionRao { high = middle } else { low = middle }
        }
        return high
    }
}
