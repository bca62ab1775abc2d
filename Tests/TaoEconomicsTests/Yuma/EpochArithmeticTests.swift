import PropertyBased
@testable import TaoEconomics
import Testing

/// The native epoch arithmetic's shortcuts against the GMP reference, operation by operation,
/// over random raw values including signs, extremes and overflow.
@Suite struct EpochArithmeticTests {
    static func value(_ random: inout SplitMix64) -> Int64 {
        switch random.next(in: 0...5) {
        case 0: return Int64(bitPattern: random.next())
        case 1: return [Int64.min, .max, 0, 1, -1, EpochFixed.one, -EpochFixed.one][Int(random.next(in: 0...6))]
        case 2: return Int64(random.next(in: 0...(1 << 33)))
        default: return Int64(bitPattern: random.next()) >> Int(random.next(in: 20...62))
        }
    }

    @Test func operationsEqualTheReference() async {
        await propertyCheck(count: 4_000, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            let a = Self.value(&random), b = Self.value(&random)
            #expect(NativeEpochArithmetic.multiply(a, b) == ReferenceEpochArithmetic.multiply(a, b), "\(a) × \(b)")
            #expect(NativeEpochArithmetic.checkedMultiply(a, b) == ReferenceEpochArithmetic.checkedMultiply(a, b), "\(a) × \(b)")
            #expect(NativeEpochArithmetic.divide(a, b) == ReferenceEpochArithmetic.divide(a, b), "\(a) / \(b)")
            #expect(NativeEpochArithmetic.saturatingDivide(a, b) == ReferenceEpochArithmetic.saturatingDivide(a, b), "\(a) / \(b)")
            #expect(NativeEpochArithmetic.add(a, b) == ReferenceEpochArithmetic.add(a, b))
            #expect(NativeEpochArithmetic.subtract(a, b) == ReferenceEpochArithmetic.subtract(a, b))
            let k = Int64(random.next(in: 1...70_000))
            #expect(NativeEpochArithmetic.divide(a, byInteger: k) == ReferenceEpochArithmetic.divide(a, byInteger: k), "\(a) / \(k)")
            let wideA = Int128(a) << Int(random.next(in: 0...60)), wideB = Int128(b) << Int(random.next(in: 0...60))
            #expect(NativeEpochArithmetic.wideSafeDivide(wideA, wideB) == ReferenceEpochArithmetic.wideSafeDivide(wideA, wideB))
            #expect(NativeEpochArithmetic.wideMultiply(wideA, wideB) == ReferenceEpochArithmetic.wideMultiply(wideA, wideB))
            let emission = random.next()
            #expect(NativeEpochArithmetic.payout(share: a, emissionRao: emission) == ReferenceEpochArithmetic.payout(share: a, emissionRao: emission))
        }
    }

    /// The unrolled exp for |x| ≤ 20 gives the generic port's bits, and the generic port
    /// through GMP gives the same as on hardware integers.
    @Test func expShortcutEqualsThePort() async {
        await propertyCheck(count: 2_000, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            let x = Int64(bitPattern: random.next()) % (21 << 32)
            let port = FixedTranscendental.exp(x, ReferenceEpochArithmetic.self)
            #expect(FixedTranscendental.nativeExpWithin20(min(max(x, -20 << 32), 20 << 32)) == FixedTranscendental.exp(min(max(x, -20 << 32), 20 << 32), ReferenceEpochArithmetic.self), "exp \(x)")
            #expect(FixedTranscendental.exp(x, NativeEpochArithmetic.self) == port)
            let y = Int64(random.next(in: 1...UInt64(Int64.max)))
            #expect(FixedTranscendental.ln(y, NativeEpochArithmetic.self) == FixedTranscendental.ln(y, ReferenceEpochArithmetic.self))
        }
        #expect(FixedTranscendental.nativeExpWithin20(EpochFixed.one) == FixedTranscendental.e)
        #expect(FixedTranscendental.nativeExpWithin20(0) == EpochFixed.one)
    }

    /// exp and ln near known values (the port is approximate; the chain's own numbers).
    @Test func transcendentalsAreCloseToTheMaths() {
        func fixed(_ x: Double) -> Int64 { Int64((x * 4_294_967_296).rounded()) }
        func real(_ raw: Int64) -> Double { Double(raw) / 4_294_967_296 }
        for x in [-5.0, -1.5, -0.25, 0.5, 2, 7.5] {
            let value = real(FixedTranscendental.exp(fixed(x), NativeEpochArithmetic.self)!)
            #expect(abs(value - _math_exp(x)) <= 1e-6 * max(1, _math_exp(x)), "exp \(x) = \(value)")
        }
        for x in [0.1, 0.5, 2, 9.0] {
            let value = real(FixedTranscendental.ln(fixed(x), NativeEpochArithmetic.self)!)
            #expect(abs(value - _math_log(x)) <= 1e-6, "ln \(x) = \(value)")
        }
        #expect(FixedTranscendental.ln(0, NativeEpochArithmetic.self) == nil)
    }
}

#if canImport(Glibc)
import Glibc
func _math_exp(_ x: Double) -> Double { Glibc.exp(x) }
func _math_log(_ x: Double) -> Double { Glibc.log(x) }
#endif
