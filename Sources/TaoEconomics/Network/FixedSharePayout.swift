/// Pays an amount out by fixed weights: the stand-in for Yuma consensus.
///
/// Each weight w_i gets ⌊amount·w_i/Σw⌋; the rao left over go one each to the largest
/// fractional parts (ties: lower index), so the parts always sum to the amount exactly.
/// Replacing consensus means replacing this type; nothing else in the coinbase depends on how
/// miners' and validators' portions are divided.
public enum FixedSharePayout {
    /// The parts of `amountRao` for `weights` (which must have a positive sum; an empty or
    /// all-zero list gets nothing and returns zeros).
    public static func split(_ amountRao: UInt64, among weights: [UInt64]) -> [UInt64] {
        var total: UInt64 = 0
        for weight in weights {
            let (sum, overflow) = total.addingReportingOverflow(weight)
            guard !overflow else { return splitWide(amountRao, among: weights) }
            total = sum
        }
        guard total > 0 else { return weights.map { _ in 0 } }
        var parts = [UInt64](repeating: 0, count: weights.count)
        var remainders = [(remainder: UInt64, index: Int)]()
        remainders.reserveCapacity(weights.count)
        var paid: UInt64 = 0
        for (index, weight) in weights.enumerated() {
            // amount · weight / total, with total ≥ weight so the quotient fits.
            let (quotient, remainder) = NativeExact.multiplyDivideFloor(amountRao, weight, total) ?? (0, 0)
            parts[index] = quotient
            paid += quotient
            remainders.append((remainder, index))
        }
        distributeLeftover(amountRao - paid, remainders: remainders, into: &parts)
        return parts
    }

    /// The same split for weights whose sum overflows 64 bits, in GMP.
    static func splitWide(_ amountRao: UInt64, among weights: [UInt64]) -> [UInt64] {
        let total = weights.reduce(BigInteger.zero) { $0 + BigInteger($1) }
        var parts = [UInt64](repeating: 0, count: weights.count)
        var remainders = [(remainder: BigInteger, index: Int)]()
        var paid: UInt64 = 0
        for (index, weight) in weights.enumerated() {
            let product = BigInteger(amountRao) * BigInteger(weight)
            let quotient = (try? product.divided(by: total, rounding: .floor)) ?? .zero
            parts[index] = quotient.uint64Value ?? 0
            paid += parts[index]
            remainders.append((product - quotient * total, index))
        }
        let order = remainders.sorted { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for entry in order.prefix(Int(amountRao - paid)) { parts[entry.index] += 1 }
        return parts
    }

    static func distributeLeftover(_ leftover: UInt64, remainders: [(remainder: UInt64, index: Int)], into parts: inout [UInt64]) {
        guard leftover > 0 else { return }
        let order = remainders.sorted { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for entry in order.prefix(Int(leftover)) { parts[entry.index] += 1 }
    }
}

import FixedMath
