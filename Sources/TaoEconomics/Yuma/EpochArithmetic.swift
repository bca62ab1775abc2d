import FixedMath

/// The epoch's fixed-point arithmetic (`substrate-fixed` 0.6 as the chain uses it), on raw
/// values: an I32F32 is its raw `Int64` (value · 2^32), an I64F64 its raw `Int128` (value ·
/// 2^64). Two interchangeable implementations: `ReferenceEpochArithmetic` (every operation
/// through GMP) and `NativeEpochArithmetic` (hardware integers). The epoch is written once
/// against this protocol; a differential test proves both give identical epochs.
///
/// Semantics, as the chain's I32F32 operations:
/// - `add`/`subtract` saturate at the format's bounds (`saturating_add`/`saturating_sub`);
/// - `multiply` floors (arithmetic shift of the exact product) and saturates (`saturating_mul`);
/// - `divide` truncates toward zero and is nil on a zero divisor or when the quotient does not
///   fit (`checked_div`); `safeDivide` gives 0 there (`safe_div`); `saturatingDivide` clamps.
public protocol EpochArithmetic {
    /// a + b, clamped to the I32F32 range.
    static func add(_ a: Int64, _ b: Int64) -> Int64
    /// a − b, clamped to the I32F32 range.
    static func subtract(_ a: Int64, _ b: Int64) -> Int64
    /// ⌊a · b⌋ in I32F32, clamped to its range.
    static func multiply(_ a: Int64, _ b: Int64) -> Int64
    /// ⌊a · b⌋ in I32F32, or nil when it does not fit (`checked_mul`).
    static func checkedMultiply(_ a: Int64, _ b: Int64) -> Int64?
    /// a / b truncated toward zero; nil when b is 0 or the quotient overflows.
    static func divide(_ a: Int64, _ b: Int64) -> Int64?
    /// a / b truncated toward zero, clamped to the range; nil only when b is 0.
    static func saturatingDivide(_ a: Int64, _ b: Int64) -> Int64?
    /// a + b in I64F64, clamped to its range.
    static func wideAdd(_ a: Int128, _ b: Int128) -> Int128
    /// ⌊a · b⌋ in I64F64, clamped to its range.
    static func wideMultiply(_ a: Int128, _ b: Int128) -> Int128
    /// a / b in I64F64 truncated toward zero; 0 when b is 0 or the quotient overflows (`safe_div`).
    static func wideSafeDivide(_ a: Int128, _ b: Int128) -> Int128
    /// ⌊share · emission⌋ as the chain pays it: the I32F32 share widened to I96F32, multiplied
    /// by the emission in I96F32 (floored), floored to a u64 with saturation.
    static func payout(share: Int64, emissionRao: UInt64) -> UInt64
    /// Whether this is the hardware implementation (which may take shortcuts proven equal).
    static var isNative: Bool { get }
}

extension EpochArithmetic {
    /// a / b, or 0 when b is 0 or the quotient overflows (`safe_div`).
    @inline(__always) public static func safeDivide(_ a: Int64, _ b: Int64) -> Int64 { divide(a, b) ?? 0 }

    /// a divided by the I32F32 integer k ≥ 1 (`a / I32F32::from_num(k)`): (a·2^32)/(k·2^32)
    /// truncated is a/k truncated, which never overflows, so the native form is one integer
    /// division (by a constant where k is one).
    @inline(__always) public static func divide(_ a: Int64, byInteger k: Int64) -> Int64 {
        isNative ? a / k : divide(a, EpochFixed.integer(k))!
    }
}

/// The I32F32 constants and conversions the epoch uses, on raw values.
public enum EpochFixed {
    /// 1.0 in I32F32.
    public static let one: Int64 = 1 << 32
    /// 0.5 in I32F32.
    public static let half: Int64 = 1 << 31
    /// u16::MAX as an I32F32 integer.
    public static let u16Max: Int64 = 65_535 << 32

    /// An integer as I32F32 (`saturating_from_num`).
    @inline(__always) public static func integer(_ value: Int64) -> Int64 {
        value >= 1 << 31 ? .max : value < -(1 << 31) ? .min : value << 32
    }

    /// An I64F64 narrowed to I32F32: the extra 32 fractional bits floored, clamped to the range.
    @inline(__always) public static func narrow(_ wide: Int128) -> Int64 {
        let shifted = wide >> 32
        return shifted > Int128(Int64.max) ? .max : shifted < Int128(Int64.min) ? .min : Int64(shifted)
    }

    /// `saturating_to_num::<u16>()` of an I32F32: floored, clamped to 0...65535.
    @inline(__always) public static func floorU16(_ raw: Int64) -> UInt16 {
        let floored = raw >> 32
        return floored < 0 ? 0 : floored > 65_535 ? 65_535 : UInt16(floored)
    }

    /// `saturating_to_num::<u64>()` of an I64F64: floored, clamped at 0.
    @inline(__always) public static func floorU64(wide: Int128) -> UInt64 {
        wide < 0 ? 0 : UInt64(wide >> 64)
    }
}

/// The epoch's arithmetic on hardware integers (128-bit products, 256-by-128 division for I64F64).
public enum NativeEpochArithmetic: EpochArithmetic {
    /// Hardware integers.
    @inline(__always) public static var isNative: Bool { true }
    @inline(__always) static func clamp64(_ value: Int128) -> Int64 {
        value > Int128(Int64.max) ? .max : value < Int128(Int64.min) ? .min : Int64(value)
    }

    /// a + b, clamped.
    @inline(__always) public static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b < 0 ? .min : .max) : sum
    }

    /// a − b, clamped.
    @inline(__always) public static func subtract(_ a: Int64, _ b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b > 0 ? .min : .max) : difference
    }

    /// ⌊a · b / 2^32⌋, clamped: one 64×64→128-bit multiply; the shifted product fits exactly
    /// when the high word lies in [−2^31, 2^31).
    @inline(__always) public static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        if high >= 1 << 31 { return .max }
        if high < -(1 << 31) { return .min }
        return high << 32 | Int64(bitPattern: low >> 32)
    }

    /// ⌊a · b / 2^32⌋, nil when out of range.
    @inline(__always) public static func checkedMultiply(_ a: Int64, _ b: Int64) -> Int64? {
        let (high, low) = a.multipliedFullWidth(by: b)
        guard high < 1 << 31, high >= -(1 << 31) else { return nil }
        return high << 32 | Int64(bitPattern: low >> 32)
    }

    /// (a · 2^32) / b truncated; nil on zero or overflow. Non-negative operands with a
    /// quotient below 2^64 (a < b · 2^32) take one 128-by-64-bit division.
    @inline(__always) public static func divide(_ a: Int64, _ b: Int64) -> Int64? {
        guard b != 0 else { return nil }
        if a >= 0, b > 0, UInt64(a) >> 32 < UInt64(b) {
            let quotient = UInt64(b).dividingFullWidth((high: UInt64(a) >> 32, low: UInt64(a) << 32)).quotient
            return quotient > UInt64(Int64.max) ? nil : Int64(quotient)
        }
        let quotient = (Int128(a) << 32) / Int128(b)
        guard quotient <= Int128(Int64.max), quotient >= Int128(Int64.min) else { return nil }
        return Int64(quotient)
    }

    /// (a · 2^32) / b truncated, clamped; nil on zero.
    @inline(__always) public static func saturatingDivide(_ a: Int64, _ b: Int64) -> Int64? {
        guard b != 0 else { return nil }
        return clamp64((Int128(a) << 32) / Int128(b))
    }

    /// a + b in I64F64, clamped.
    @inline(__always) public static func wideAdd(_ a: Int128, _ b: Int128) -> Int128 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b < 0 ? .min : .max) : sum
    }

    /// ⌊a · b / 2^64⌋ in I64F64, clamped; the epoch only multiplies non-negative values.
    public static func wideMultiply(_ a: Int128, _ b: Int128) -> Int128 {
        guard a >= 0, b >= 0 else { return ReferenceEpochArithmetic.wideMultiply(a, b) }
        let product = WideArithmetic.multiply(UInt128(a), UInt128(b))
        // (product >> 64) must stay below 2^127.
        guard product.high >> 63 == 0 else { return .max }
        return Int128(product.high << 64 | product.low >> 64)
    }

    /// (a · 2^64) / b truncated in I64F64; 0 on zero divisor or overflow. Non-negative values
    /// take two hardware divisions; others go through GMP.
    public static func wideSafeDivide(_ a: Int128, _ b: Int128) -> Int128 {
        guard b != 0 else { return 0 }
        guard a >= 0, b > 0 else { return ReferenceEpochArithmetic.wideSafeDivide(a, b) }
        let numerator = (high: UInt128(a) >> 64, low: UInt128(a) << 64)
        guard numerator.high < UInt128(b) else { return 0 }
        let quotient = WideArithmetic.divide(numerator.high, numerator.low, by: UInt128(b)).quotient
        return quotient > UInt128(Int128.max) ? 0 : Int128(quotient)
    }

    /// ⌊share · emission⌋: the raw share times the emission, shifted by 32, clamped to u64.
    @inline(__always) public static func payout(share: Int64, emissionRao: UInt64) -> UInt64 {
        guard share > 0 else { return 0 }
        let product = UInt128(UInt64(share)).multipliedFullWidth(by: UInt128(emissionRao))
        guard product.high == 0 else { return .max }
        let floored = product.low >> 32
        return floored > UInt128(UInt64.max) ? .max : UInt64(floored)
    }
}

/// The epoch's arithmetic through GMP (`FixedPoint` of `I32F32`, `I64F64`, `I96F32`): the reference.
public enum ReferenceEpochArithmetic: EpochArithmetic {
    /// GMP.
    public static var isNative: Bool { false }
    typealias Narrow = FixedPoint<I32F32>
    typealias Wide = FixedPoint<I64F64>

    static func narrow(_ raw: Int64) -> Narrow { Narrow(saturatingRaw: BigInteger(raw)) }
    static func wide(_ raw: Int128) -> Wide { Wide(saturatingRaw: BigInteger(raw)) }
    static func raw(_ value: Narrow) -> Int64 { value.raw.int64Value! }
    static func raw(_ value: Wide) -> Int128 { value.raw.int128Value! }

    /// a + b, clamped.
    public static func add(_ a: Int64, _ b: Int64) -> Int64 { raw(narrow(a).saturatingAdding(narrow(b))) }
    /// a − b, clamped.
    public static func subtract(_ a: Int64, _ b: Int64) -> Int64 { raw(narrow(a).saturatingSubtracting(narrow(b))) }
    /// ⌊a · b⌋, clamped.
    public static func multiply(_ a: Int64, _ b: Int64) -> Int64 { raw(narrow(a).saturatingMultiplied(by: narrow(b))) }

    /// ⌊a · b⌋, nil when out of range.
    public static func checkedMultiply(_ a: Int64, _ b: Int64) -> Int64? {
        guard let product = try? narrow(a).multiplied(by: narrow(b), rounding: .floor) else { return nil }
        return raw(product)
    }

    /// a / b truncated; nil on zero or overflow.
    public static func divide(_ a: Int64, _ b: Int64) -> Int64? {
        guard let quotient = try? narrow(a).divided(by: narrow(b), rounding: .towardZero) else { return nil }
        return raw(quotient)
    }

    /// a / b truncated, clamped; nil on zero.
    public static func saturatingDivide(_ a: Int64, _ b: Int64) -> Int64? {
        guard b != 0 else { return nil }
        guard let quotient = try? BigInteger(a).shiftedLeft(by: 32).divided(by: BigInteger(b), rounding: .towardZero) else { return nil }
        return raw(Narrow(saturatingRaw: quotient))
    }

    /// a + b in I64F64, clamped.
    public static func wideAdd(_ a: Int128, _ b: Int128) -> Int128 { raw(wide(a).saturatingAdding(wide(b))) }
    /// ⌊a · b⌋ in I64F64, clamped.
    public static func wideMultiply(_ a: Int128, _ b: Int128) -> Int128 { raw(wide(a).saturatingMultiplied(by: wide(b))) }

    /// a / b in I64F64 truncated; 0 on zero or overflow.
    public static func wideSafeDivide(_ a: Int128, _ b: Int128) -> Int128 {
        guard let quotient = try? wide(a).divided(by: wide(b), rounding: .towardZero) else { return 0 }
        return raw(quotient)
    }

    /// I96F32(share) · I96F32(emission), floored to u64 with saturation.
    public static func payout(share: Int64, emissionRao: UInt64) -> UInt64 {
        let share96 = FixedPoint<I96F32>(saturatingRaw: BigInteger(share))
        let emission96 = FixedPoint<I96F32>(saturating: BigInteger(emissionRao))
        return share96.saturatingMultiplied(by: emission96).saturatingUInt64()
    }
}
