import PropertyBased
@testable import TaoEconomics
import Testing

/// The leftover rao go to the largest remainders, ties to the lower index: the selection the
/// engine uses gives exactly what sorting every remainder gives.
@Suite struct LargestRemainderTests {
    /// The definition: sort all remainders (descending, then index) and pay the first ones.
    static func bySorting(_ amount: UInt64, _ weights: [UInt64]) -> [UInt64] {
        let total = weights.reduce(UInt128(0)) { $0 + UInt128($1) }
        guard total > 0 else { return weights.map { _ in 0 } }
        var parts = weights.map { UInt64(UInt128(amount) * UInt128($0) / total) }
        let remainders = weights.enumerated().map { (UInt128(amount) * UInt128($1) % total, $0) }
        let order = remainders.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        for entry in order.prefix(Int(amount - parts.reduce(0, +))) { parts[entry.1] += 1 }
        return parts
    }

    @Test func selectionEqualsSorting() async {
        // Few distinct weights make many equal remainders (ties); wide ones make distinct ones.
        await propertyCheck(count: 1_000, input: Gen.uint64(in: 1...300), Gen.uint64(), Gen.uint64(in: 1...1_000_000_000_000), Gen.bool) { count, seed, amount, fewValues in
            var state = seed | 1
            func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
            let weights = (0..<Int(count)).map { _ in fewValues ? next() % 4 : next() >> 20 }
            let parts = LargestRemainder.split(amount, among: weights)
            #expect(parts == Self.bySorting(amount, weights))
            #expect(weights.allSatisfy { $0 == 0 } || parts.reduce(0, +) == amount)
        }
    }

    @Test func everyLeftoverCountSelectsTheRightSet() {
        // 7 equal weights and 1…6 rao: the lowest indices get them.
        for amount in UInt64(1)...6 {
            let parts = LargestRemainder.split(amount, among: [UInt64](repeating: 5, count: 7))
            #expect(parts == (0..<7).map { $0 < Int(amount) ? 1 : 0 })
        }
        #expect(LargestRemainder.split(10, among: [1, 2, 3, 4]) == Self.bySorting(10, [1, 2, 3, 4]))
    }

    @Test func reusedBuffersGiveTheFreshAnswer() async {
        // The block loop splits into the same buffers every block: whatever they held before
        // (longer, shorter, other values) must not leak into the next split.
        var parts: [UInt64] = [], remainders: [LargestRemainder.Remainder] = []
        await propertyCheck(count: 500, input: Gen.uint64(in: 0...200), Gen.uint64(), Gen.uint64(in: 0...1_000_000_000_000)) { count, seed, amount in
            var state = seed | 1
            func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
            let weights = (0..<Int(count)).map { _ in next() % 3 == 0 ? 0 : next() >> 24 }
            LargestRemainder.split(amount, among: weights, into: &parts, remainders: &remainders, mode: .native)
            #expect(parts == LargestRemainder.split(amount, among: weights, mode: .reference))
        }
    }
}
