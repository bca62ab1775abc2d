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
        var parts: [UInt64] = [], remainders: [Remainder] = []
        split(amountRao, among: weights, into: &parts, remainders: &remainders, mode: mode)
        return parts
    }

    /// A weight's fractional part: amount·w mod Σw, and the weight's position.
    typealias Remainder = (remainder: UInt64, index: Int)

    /// The same split written into `parts` (replacing what it held), with `remainders` as
    /// working storage: callers that split every block pass the same buffers each time, so
    /// nothing is allocated once they have grown.
    static func split(_ amountRao: UInt64, among weights: [UInt64], into parts: inout [UInt64], remainders: inout [Remainder],
                      mode: ArithmeticMode) {
        parts.removeAll(keepingCapacity: true)
        var total: UInt64 = 0
        var fitsNative = mode == .native
        for weight in weights where fitsNative {
            let (sum, overflow) = total.addingReportingOverflow(weight)
            fitsNative = !overflow
            total = sum
        }
        guard fitsNative else { parts.append(contentsOf: splitWide(amountRao, among: weights)); return }
        guard total > 0 else { parts.append(contentsOf: repeatElement(0, count: weights.count)); return }
        remainders.removeAll(keepingCapacity: true)
        var paid: UInt64 = 0
        for (index, weight) in weights.enumerated() {
            // amount · weight / total, with total ≥ weight so the quotient fits.
            let (quotient, remainder) = NativeExact.multiplyDivideFloor(amountRao, weight, total) ?? (0, 0)
            parts.append(quotient)
            paid += quotient
            remainders.append((remainder, index))
        }
        distributeLeftover(amountRao - paid, remainders: &remainders, into: &parts)
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

    /// One rao each to the `leftover` largest remainders (ties: lower index), `leftover` below
    /// their count. The order (remainder descending, then index) is strict, so the chosen set is
    /// unique: it is found by selection (expected linear time), not by sorting every remainder.
    /// `remainders` is reordered.
    static func distributeLeftover(_ leftover: UInt64, remainders: inout [Remainder], into parts: inout [UInt64]) {
        guard leftover > 0 else { return }
        let count = Int(leftover)
        if count < remainders.count { selectFirst(count, of: &remainders) }
        for entry in remainders.prefix(count) { parts[entry.index] += 1 }
    }

    /// Whether `a` comes before `b`: the larger remainder, then the lower index.
    @inline(__always)
    static func precedes(_ a: Remainder, _ b: Remainder) -> Bool {
        a.remainder != b.remainder ? a.remainder > b.remainder : a.index < b.index
    }

    /// Rearranges `entries` so that its first `count` elements are the `count` first in the
    /// `precedes` order (in no particular order among themselves): quickselect with a
    /// median-of-three pivot and a three-way-free Lomuto partition (keys are distinct).
    static func selectFirst(_ count: Int, of entries: inout [Remainder]) {
        var low = 0, high = entries.count - 1
        while low < high {
            // Median of three as the pivot, moved to `high`.
            let middle = low + (high - low) / 2
            if precedes(entries[middle], entries[low]) { entries.swapAt(middle, low) }
            if precedes(entries[high], entries[low]) { entries.swapAt(high, low) }
            if precedes(entries[middle], entries[high]) { entries.swapAt(middle, high) }
            let pivot = entries[high]
            var store = low
            for position in low..<high where precedes(entries[position], pivot) {
                entries.swapAt(position, store)
                store += 1
            }
            entries.swapAt(store, high)
            // entries[low..<store] precede the pivot, now at `store`.
            if store == count || store + 1 == count { return }
            if store > count { high = store - 1 } else { low = store + 1 }
        }
    }
}

import FixedMath
