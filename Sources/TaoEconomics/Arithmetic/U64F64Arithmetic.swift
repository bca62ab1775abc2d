import FixedMath

/// The HEAD coinbase's U64F64 arithmetic (emission shares), in two interchangeable
/// implementations: `ReferenceU64F64` (GMP, through `FixedPoint<U64F64>`) and `NativeU64F64`
/// (128-bit raw values). Differential tests prove the results identical.
///
/// Semantics (substrate-fixed): `saturating_from_num` of a non-negative I96F32 or U96F32 value
/// is exact (·2^32 on the raw value) and clamps at the top; multiplication floors and saturates;
/// `checked_div` truncates and fails (nil) on a zero divisor or an overflow; addition saturates;
/// subtraction saturates at 0; `U96F32::saturating_from_num` of a U64F64 value truncates to 32
/// fractional bits.
protocol U64F64Arithmetic {
    associatedtype Value: Comparable
    static var zero: Value { get }
    static var one: Value { get }
    static func integer(_ value: UInt64) -> Value
    /// A non-negative 32-fractional-bit raw value (I96F32 or U96F32), widened.
    static func fromRaw32(_ raw: UInt128) -> Value
    static func multiply(_ a: Value, _ b: Value) -> Value
    static func divide(_ a: Value, _ b: Value) -> Value?
    static func add(_ a: Value, _ b: Value) -> Value
    static func subtract(_ a: Value, _ b: Value) -> Value
    /// The U64F64 raw value (·2^64).
    static func raw(_ a: Value) -> UInt128
    static func fromRaw(_ raw: UInt128) -> Value
    /// Truncated to 32 fractional bits: the raw U96F32 value (·2^32).
    static func raw32(_ a: Value) -> UInt128
}

/// U64F64 through GMP: the reference.
enum ReferenceU64F64: U64F64Arithmetic {
    typealias Value = FixedPoint<U64F64>
    static var zero: Value { .zero }
    static var one: Value { .one }
    static func integer(_ value: UInt64) -> Value { FixedPoint(saturating: BigInteger(value)) }
    static func fromRaw32(_ raw: UInt128) -> Value { FixedPoint(saturatingRaw: BigInteger(raw).shiftedLeft(by: 32)) }
    static func multiply(_ a: Value, _ b: Value) -> Value { a.saturatingMultiplied(by: b) }
    static func divide(_ a: Value, _ b: Value) -> Value? { try? a.divided(by: b) }
    static func add(_ a: Value, _ b: Value) -> Value { a.saturatingAdding(b) }
    static func subtract(_ a: Value, _ b: Value) -> Value { a.saturatingSubtracting(b) }
    static func raw(_ a: Value) -> UInt128 { a.raw.uint128Value ?? .max }
    static func fromRaw(_ raw: UInt128) -> Value { FixedPoint(saturatingRaw: BigInteger(raw)) }
    static func raw32(_ a: Value) -> UInt128 { a.saturatingConverted(to: U96F32.self, rounding: .towardZero).raw.uint128Value ?? .max }
}

/// U64F64 on native 128-bit raw values.
enum NativeU64F64: U64F64Arithmetic {
    typealias Value = UInt128
    static var zero: UInt128 { 0 }
    static var one: UInt128 { 1 << 64 }
    static func integer(_ value: UInt64) -> UInt128 { UInt128(value) << 64 }
    static func fromRaw32(_ raw: UInt128) -> UInt128 { raw >> 96 == 0 ? raw << 32 : .max }
    static func multiply(_ a: UInt128, _ b: UInt128) -> UInt128 { NativeExact.multiplyU64F64(a, b) }

    static func divide(_ a: UInt128, _ b: UInt128) -> UInt128? {
        guard b > 0 else { return nil }
        if a >> 64 == 0 { return (a << 64) / b }
        let shifted = (high: a >> 64, low: a << 64)
        guard shifted.high < b else { return nil }
        return WideArithmetic.divide(shifted.high, shifted.low, by: b).quotient
    }

    static func add(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    static func subtract(_ a: UInt128, _ b: UInt128) -> UInt128 { a > b ? a - b : 0 }
    static func raw(_ a: UInt128) -> UInt128 { a }
    static func fromRaw(_ raw: UInt128) -> UInt128 { raw }
    static func raw32(_ a: UInt128) -> UInt128 { a >> 32 }
}
