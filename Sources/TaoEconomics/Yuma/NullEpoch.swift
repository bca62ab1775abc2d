import FixedMath

/// The chain's Null epoch consensus (`EpochConsensus::Null`, spec 474–475), restated from the
/// chain's tests of it (`tests/null_consensus.rs`; the code itself is not public):
///
///     stake_i   = alpha_i + tw · root_i            (raw, before any normalisation; tw as U96F32)
///     winner    = the UID of largest stake (ties: the lower UID); none when every stake is 0;
///                 activity is ignored; the winner alone holds a validator permit
///     miners    : budget − ⌊budget/2⌋, by the winner's stored u16 weights (raw, not
///                 normalised), an entry dropped when last_update[winner] ≤ registered_at[j];
///                 no winner or an empty row: equal over every UID
///     validators: ⌊budget/2⌋ by stake over every UID with stake; no stake at all: the whole
///                 budget goes to the miners' split instead
///     each split: ⌊budget · s_i / Σs⌋, the leftover rao one each to the largest fractional
///                 parts, ties to the lower UID (the chain's tests assert floor or floor + 1 and
///                 an exact total; the order of the +1s is this engine's choice)
///     bonds     : kept as stored (a later return to Yuma finds them)
public enum NullEpoch {
    /// The epoch's per-UID emissions for `input` (its `emissionRao` is the budget), with the
    /// stored bonds kept and the permit moved to the winner.
    public static func run(_ input: EpochInput, state: EpochState) -> EpochOutput {
        let n = input.alphaStakeRao.count
        let budget = input.emissionRao
        // TaoWeight as U96F32 (32 fractional bits, truncated), as the stake weights take it.
        let weight32 = (UInt128(input.taoWeightU64) << 32) / UInt128(UInt64.max)
        let stakes: [UInt128] = (0..<n).map { uid in
            (UInt128(input.alphaStakeRao[uid]) << 32) + UInt128(input.rootStakeRao[uid]) * weight32
        }
        var winner: Int?
        for uid in 0..<n where stakes[uid] > 0 && (winner.map { stakes[uid] > stakes[$0] } ?? true) { winner = uid }

        let stakeTotal = stakes.reduce(0, +)
        let validatorBudget = stakeTotal > 0 ? budget / 2 : 0
        let minerBudget = budget - validatorBudget
        var minerShares = [UInt128](repeating: 0, count: n)
        if let winner {
            for entry in input.weights[winner] where entry.uid < n && entry.weight > 0 {
                guard input.lastUpdate[winner] > input.registeredAt[entry.uid] else { continue }
                minerShares[entry.uid] += UInt128(entry.weight)
            }
        }
        if !minerShares.contains(where: { $0 > 0 }) { minerShares = [UInt128](repeating: 1, count: n) }
        let server = apportion(minerBudget, among: minerShares)
        let validator = stakeTotal > 0 ? apportion(validatorBudget, among: stakes) : [UInt64](repeating: 0, count: n)

        var permits = [Bool](repeating: false, count: n)
        if let winner { permits[winner] = true }
        let incentiveRaw = normalisedI32F32(server), dividendsRaw = normalisedI32F32(validator)
        return EpochOutput(
            consensus: [UInt16](repeating: 0, count: n), incentive: incentiveRaw.map(u16), dividends: dividendsRaw.map(u16),
            validatorTrust: [UInt16](repeating: 0, count: n), stakeWeight: normalisedI32F32(stakes).map(u16),
            active: [Bool](repeating: true, count: n), serverEmissionRao: server, validatorEmissionRao: validator,
            incentiveRaw: incentiveRaw, dividendsRaw: dividendsRaw, bondsRaw: SparseRows(emptyRows: n),
            state: EpochState(bondRows: state.bondRows, validatorPermits: permits))
    }

    /// `amountRao` split by `shares` (exactly, in GMP): floors, then one rao each to the largest
    /// remainders, ties to the lower index; all zeros when every share is 0.
    static func apportion(_ amountRao: UInt64, among shares: [UInt128]) -> [UInt64] {
        let total = shares.reduce(BigInteger.zero) { $0 + BigInteger($1) }
        guard !total.isZero else { return [UInt64](repeating: 0, count: shares.count) }
        var parts: [UInt64] = [], remainders: [(BigInteger, Int)] = []
        var paid: UInt64 = 0
        for (index, share) in shares.enumerated() {
            let product = BigInteger(amountRao) * BigInteger(share)
            let quotient = (try? product.divided(by: total, rounding: .floor)) ?? .zero
            let part = quotient.uint64Value ?? 0
            parts.append(part)
            paid += part
            remainders.append((product - quotient * total, index))
        }
        let order = remainders.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        for position in 0..<Int(amountRao - paid) { parts[order[position].1] += 1 }
        return parts
    }

    /// Each value ÷ Σ as I32F32 raw, floored (0 when Σ is 0).
    static func normalisedI32F32<T: BinaryInteger>(_ values: [T]) -> [Int64] {
        let total = values.reduce(BigInteger.zero) { $0 + BigInteger(UInt128($1)) }
        guard !total.isZero else { return [Int64](repeating: 0, count: values.count) }
        return values.map { Int64((try? BigInteger(UInt128($0)).shiftedLeft(by: 32).divided(by: total, rounding: .floor))?.int64Value ?? 0) }
    }

    /// An I32F32 share in [0, 1] as u16 (⌊x · 65535⌋).
    static func u16(_ raw: Int64) -> UInt16 { UInt16(clamping: (Int128(raw) * 65_535) >> 32) }
}
