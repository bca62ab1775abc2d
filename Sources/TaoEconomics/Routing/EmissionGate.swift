import FixedMath

/// The Hill emission gate the chain has run on the HEAD shares since spec 440 (2026-07-27; the
/// rank bar since spec 441, 2026-08-03), §2.2b. It redistributes the block's TAO toward the
/// subnets above a bar θ:
///
///     gate(w) = w^h / (w^h + θ^h)
///     e_i     = gate(w_i)·w_i / Σ_j gate(w_j)·w_j
///
/// The chain's fixed-point formats for it are not public (its code is not in the snapshot the
/// rules were read at), so the engine states its own, in U64F64 with every rounding named:
/// with W_i and T the raw shares and bar (value · 2^64), v_i = ⌊W_i^(h+1) / (W_i^h + T^h)⌋ is
/// gate(w_i)·w_i as a raw U64F64 value, the powers exact (256-bit integers; GMP beyond); then e_i = ⌊v_i·2^64 / Σv⌋
/// (U64F64 division, truncated). The shares still add up to at most one, and the coinbase
/// recycles what the floors leave, as under `head-2026-06`.
public struct EmissionGate: Sendable, Equatable, CustomStringConvertible {
    /// How the bar θ is chosen from the shares.
    public enum Bar: Sendable, Equatable {
        /// θ = the N-th largest positive share (the smallest positive share when fewer than N
        /// are positive): `EmissionBarRank` N > 0, spec 441+.
        case rank(Int)
        /// The q-mass bar of spec 440 (`EmissionBarRank` 0): add the shares from the largest
        /// down until the sum reaches q (`EmissionBarQuantile`, U64F64 raw); θ is the share that
        /// reached it.
        case mass(quantileRaw: UInt128)
    }

    /// `EmissionBarRank` (`emission_bar_rank`): N > 0 ranks, 0 selects the q-mass bar.
    public internal(set) var barRank: UInt16
    /// `EmissionBarQuantile` (`emission_bar_quantile`), U64F64 raw: q of the q-mass bar (inert
    /// while the rank is positive; mainnet 0.75).
    public internal(set) var barQuantileRaw: UInt128
    /// The Hill exponent h (`EmissionGateExponent`, `emission_gate_exponent`).
    public internal(set) var exponent: Int
    /// θ is recomputed at every block with block mod this = 0, and while θ is unset.
    public let recomputeEveryBlocks: UInt64
    /// The bar θ a run starts with, U64F64 raw (`EmissionGateBar`, `emission_gate_bar`); nil:
    /// computed at the first block.
    public internal(set) var initialThetaRaw: UInt128?

    /// The mainnet q of the q-mass bar, 0.75, as U64F64 raw.
    public static let mainnetQuantileRaw: UInt128 = 3 << 62

    /// A gate with these parameters.
    public init(barRank: UInt16, barQuantileRaw: UInt128 = EmissionGate.mainnetQuantileRaw, exponent: Int,
                recomputeEveryBlocks: UInt64 = 360, initialThetaRaw: UInt128? = nil) {
        self.barRank = barRank
        self.barQuantileRaw = barQuantileRaw
        self.exponent = exponent
        self.recomputeEveryBlocks = recomputeEveryBlocks
        self.initialThetaRaw = initialThetaRaw
    }

    /// A gate with this bar (a rank keeps the mainnet q, inert; a q-mass bar sets the rank to 0).
    public init(bar: Bar, exponent: Int, recomputeEveryBlocks: UInt64 = 360) {
        switch bar {
        case let .rank(rank): self.init(barRank: UInt16(clamping: rank), exponent: exponent, recomputeEveryBlocks: recomputeEveryBlocks)
        case let .mass(q): self.init(barRank: 0, barQuantileRaw: q, exponent: exponent, recomputeEveryBlocks: recomputeEveryBlocks)
        }
    }

    /// How θ is chosen: by rank while `barRank` > 0, else by q-mass.
    public var bar: Bar { barRank > 0 ? .rank(Int(barRank)) : .mass(quantileRaw: barQuantileRaw) }

    /// The gate as the chain has run it since August 2026: rank bar N = 32 (`EmissionBarRank`
    /// unset), q = 0.75 inert, h = 3 (`EmissionGateExponent` unset), θ every 360 blocks.
    public static let head2026_08 = EmissionGate(barRank: 32, exponent: 3)

    public var description: String {
        let bar = switch self.bar {
        case let .rank(rank): "θ = the positive share ranked \(rank) from the largest (the smallest when fewer are positive)"
        case let .mass(q): "θ = the share at which the shares, largest first, first add up to q = \(FixedPoint<U64F64>(saturatingRaw: BigInteger(q)).decimalString(fractionDigits: 6, rounding: .halfEven))"
        }
        let start = initialThetaRaw.map { "starts at θ = raw \($0) / 2^64" } ?? "computed at the first block"
        return "Hill gate e_i = g(w_i)·w_i / Σ g(w_j)·w_j, g(w) = w^\(exponent) / (w^\(exponent) + θ^\(exponent)); \(bar), recomputed when block mod \(recomputeEveryBlocks) = 0, \(start); in U64F64: v_i = ⌊W_i^\(exponent + 1) / (W_i^\(exponent) + T^\(exponent))⌋ on raw values (powers exact), e_i = ⌊v_i·2^64 / Σv⌋; no gate while θ = 0, the ungated shares when every v_i is 0"
    }

    /// Whether θ is recomputed at `block`.
    public func recomputes(atBlock block: UInt64) -> Bool {
        recomputeEveryBlocks > 0 && block % recomputeEveryBlocks == 0
    }

    /// θ (U64F64 raw) for these shares (U64F64 raw); 0 when no share is positive.
    public func theta(shares: [UInt128]) -> UInt128 {
        let positive = shares.filter { $0 > 0 }.sorted(by: >)
        guard let smallest = positive.last else { return 0 }
        switch bar {
        case let .rank(rank):
            return rank >= 1 && rank <= positive.count ? positive[rank - 1] : smallest
        case let .mass(q):
            // Σ and q are both U64F64 raw: the running sum reaches q when Σ ≥ q, exactly.
            let target = BigInteger(q)
            var sum = BigInteger.zero
            for share in positive {
                sum = sum + BigInteger(share)
                if sum >= target { return share }
            }
            return smallest
        }
    }

    /// The gated shares (U64F64 raw), in the same order; the shares unchanged when θ is 0 or
    /// every gated weight is 0. `.native` computes on 256-bit integers (`GateWeight`) where the
    /// powers fit (h ≤ 3, every share below one), else in GMP; `.reference` always in GMP. Both
    /// give identical results.
    public func gated(shares: [UInt128], theta: UInt128, mode: ArithmeticMode = .native) -> [UInt128] {
        guard theta > 0, exponent >= 1 else { return shares }
        if mode == .native, theta >> 64 == 0, exponent <= 3 {
            let barPower = GateWeight.power(UInt64(theta), exponent)
            var weights = [UInt64](), total: UInt128 = 0
            weights.reserveCapacity(shares.count)
            for share in shares {
                guard let weight = GateWeight.weight(share: share, barPower: barPower, exponent: exponent) else {
                    return gatedWide(shares: shares, theta: theta)
                }
                weights.append(weight)
                total += UInt128(weight)
            }
            guard total > 0 else { return shares }
            // v < 2^64, so v·2^64 fits 128 bits.
            return weights.map { (UInt128($0) << 64) / total }
        }
        return gatedWide(shares: shares, theta: theta)
    }

    /// `gated` in GMP.
    func gatedWide(shares: [UInt128], theta: UInt128) -> [UInt128] {
        let barPower = BigInteger(theta).power(exponent)
        let weights: [BigInteger] = shares.map { share in
            guard share > 0 else { return .zero }
            let w = BigInteger(share), power = w.power(exponent)
            return (try? (power * w).divided(by: power + barPower, rounding: .floor)) ?? .zero
        }
        let total = weights.reduce(BigInteger.zero, +)
        guard !total.isZero else { return shares }
        return weights.map { weight in
            ((try? weight.shiftedLeft(by: 64).divided(by: total, rounding: .floor))?.uint128Value) ?? 0
        }
    }
}
