import FixedMath

/// The launch chain's non-negative I96F32 arithmetic, in two interchangeable implementations:
/// `ReferenceI96F32` (GMP, through `FixedPoint<I96F32>`) and `NativeI96F32` (128-bit integers).
/// Code written once against this protocol runs on either; differential tests prove the
/// results identical.
///
/// Semantics (substrate-fixed): multiplication floors and saturates, division truncates and
/// fails (nil) on a zero divisor or overflow, addition saturates, and subtraction saturates
/// (the native form clamps at 0, which callers only ever floor to rao afterwards, where both
/// give 0).
protocol I96F32Arithmetic {
    associatedtype Value: Comparable
    static var zero: Value { get }
    static var one: Value { get }
    static var half: Value { get }
    static func integer(_ value: UInt64) -> Value
    static func multiply(_ a: Value, _ b: Value) -> Value
    static func divide(_ a: Value, _ b: Value) -> Value?
    static func add(_ a: Value, _ b: Value) -> Value
    static func subtract(_ a: Value, _ b: Value) -> Value
    static func isZero(_ a: Value) -> Bool
    /// Floor to rao, saturating at 0 and UInt64.max (`saturating_to_num::<u64>`).
    static func floorUInt64(_ a: Value) -> UInt64
    /// The raw value (value · 2^32), for storage; negative values give 0.
    static func raw(_ a: Value) -> UInt128
    static func fromRaw(_ raw: UInt128) -> Value
}

/// I96F32 through GMP: the reference.
enum ReferenceI96F32: I96F32Arithmetic {
    typealias Value = FixedPoint<I96F32>
    static var zero: Value { .zero }
    static var one: Value { .one }
    static var half: Value { FixedPoint(saturatingRaw: BigInteger.powerOfTwo(31)) }
    static func integer(_ value: UInt64) -> Value { FixedPoint(saturating: BigInteger(value)) }
    static func multiply(_ a: Value, _ b: Value) -> Value { a.saturatingMultiplied(by: b) }
    static func divide(_ a: Value, _ b: Value) -> Value? { try? a.divided(by: b) }
    static func add(_ a: Value, _ b: Value) -> Value { a.saturatingAdding(b) }
    static func subtract(_ a: Value, _ b: Value) -> Value { a.saturatingSubtracting(b) }
    static func isZero(_ a: Value) -> Bool { a.isZero }
    static func floorUInt64(_ a: Value) -> UInt64 { a.saturatingUInt64() }
    static func raw(_ a: Value) -> UInt128 { a.raw.isNegative ? 0 : a.raw.uint128Value ?? .max }
    static func fromRaw(_ raw: UInt128) -> Value { FixedPoint(saturatingRaw: BigInteger(raw)) }
}

/// I96F32 on native 128-bit integers for non-negative values (raw < 2^127).
enum NativeI96F32: I96F32Arithmetic {
    typealias Value = UInt128
    static let maximum: UInt128 = (1 << 127) - 1
    static var zero: UInt128 { 0 }
    static var one: UInt128 { 1 << 32 }
    static var half: UInt128 { 1 << 31 }
    static func integer(_ value: UInt64) -> UInt128 { UInt128(value) << 32 }

    static func multiply(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let product = WideArithmetic.multiply(a, b)
        // (product >> 32) must stay below 2^127.
        guard product.high >> 31 == 0 else { return maximum }
        return min(product.high << 96 | product.low >> 32, maximum)
    }

    static func divide(_ a: UInt128, _ b: UInt128) -> UInt128? {
        guard b > 0 else { return nil }
        // Values below 2^96 (every realistic amount) shift without overflow: one 128-bit division.
        if a >> 96 == 0 {
            let quotient = (a << 32) / b
            return quotient <= maximum ? quotient : nil
        }
        // (a · 2^32) / b as a 256-by-128-bit division; the quotient must fit I96F32.
        let high = a >> 96, low = a << 32
        guard high < b else { return nil }
        let quotient = WideArithmetic.divide(high, low, by: b).quotient
        return quotient <= maximum ? quotient : nil
    }

    static func add(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? maximum : min(sum, maximum)
    }

    static func subtract(_ a: UInt128, _ b: UInt128) -> UInt128 { a > b ? a - b : 0 }
    static func isZero(_ a: UInt128) -> Bool { a == 0 }
    static func floorUInt64(_ a: UInt128) -> UInt64 { UInt64(clamping: a >> 32) }
    static func raw(_ a: UInt128) -> UInt128 { a }
    static func fromRaw(_ raw: UInt128) -> UInt128 { min(raw, maximum) }
}
