/// The one way the engine divides an amount of rao by weights with nothing lost: each weight
/// w_i gets ⌊amount·w_i/Σw⌋, and the rao left over go one each to the largest fractional parts
/// (ties: lower index), so the parts always sum to the amount exactly.
///
/// It routes the `card` emission by pool TAO, pays pending emission by fixed shares (the
/// stand-in for Yuma consensus), pays a dissolved pool to its holders, and cuts spread exits
/// into chunks.
public enum LargestRemainder {
    /// The parts of `amountRao` for `weights` (an empty or all-zero list gets nothing and returns
    /// zeros). `.native` falls back to GMP when Σw passes 2^64; `.reference` always uses GMP.
    public static func split(_ amountRao: UInt64, among weights: [UInt64], mode: ArithmeticMode = .native) -> [UInt64] {
        if mode == .reference { return splitWide(amountRao, among: weights) }
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
        guard !total.isZero else { return weights.map { _ in 0 } }
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
