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
        /// are positive): `EmissionBarRank`, spec 441+.
        case rank(Int)
        /// The q-mass bar of spec 440: add the shares from the largest down until the sum
        /// reaches q; θ is the share that reached it.
        case mass(Perquintill)
    }

    /// How θ is chosen.
    public let bar: Bar
    /// The Hill exponent h (`EmissionGateExponent`).
    public let exponent: Int
    /// θ is recomputed at every block with block mod this = 0, and when a run starts.
    public let recomputeEveryBlocks: UInt64

    /// A gate with these parameters.
    public init(bar: Bar, exponent: Int, recomputeEveryBlocks: UInt64 = 360) {
        self.bar = bar
        self.exponent = exponent
        self.recomputeEveryBlocks = recomputeEveryBlocks
    }

    /// The gate as the chain has run it since August 2026: rank bar N = 32, h = 3, θ every
    /// 360 blocks.
    public static let head2026_08 = EmissionGate(bar: .rank(32), exponent: 3)

    public var description: String {
        let bar = switch self.bar {
        case let .rank(rank): "θ = the positive share ranked \(rank) from the largest (the smallest when fewer are positive)"
        case let .mass(q): "θ = the share at which the shares, largest first, first add up to q = \(q)"
        }
        return "Hill gate e_i = g(w_i)·w_i / Σ g(w_j)·w_j, g(w) = w^\(exponent) / (w^\(exponent) + θ^\(exponent)); \(bar), recomputed when block mod \(recomputeEveryBlocks) = 0 and when a run starts; in U64F64: v_i = ⌊W_i^\(exponent + 1) / (W_i^\(exponent) + T^\(exponent))⌋ on raw values (powers exact), e_i = ⌊v_i·2^64 / Σv⌋; no gate while θ = 0, the ungated shares when every v_i is 0"
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
            // Σ/2^64 ≥ q_parts/10^18 ⇔ Σ·10^18 ≥ q_parts·2^64, exactly.
            let target = BigInteger(q.parts).shiftedLeft(by: 64)
            var sum = BigInteger.zero
            for share in positive {
                sum = sum + BigInteger(share)
                if sum * BigInteger(Perquintill.accuracy) >= target { return share }
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
