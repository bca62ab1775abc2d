// Exact conversions to and from Swift's fixed-width integers and Double.

extension BigInteger {
    /// The integer `value`, exactly.
    @inlinable public init(_ value: Int64) {
        _storage = _MPZStorage()
        _storage.set(int64: value)
    }

    /// The integer `value`, exactly.
    @inlinable public init(_ value: UInt64) {
        _storage = _MPZStorage()
        _storage.set(uint64: value)
    }

    /// The integer `value`, exactly.
    @inlinable public init(_ value: Int) { self.init(Int64(value)) }

    /// The integer `value`, exactly.
    public init(_ value: UInt128) {
        let high = BigInteger(UInt64(truncatingIfNeeded: value >> 64)).shiftedLeft(by: 64)
        self = high + BigInteger(UInt64(truncatingIfNeeded: value))
    }

    /// The integer `value`, exactly.
    public init(_ value: Int128) {
        let magnitude = BigInteger(value.magnitude)
        self = value < 0 ? -magnitude : magnitude
    }

    /// The low 128 bits of the magnitude; the caller checks the width.
    private var _lowMagnitude128: UInt128 {
        var result: UInt128 = 0
        let limbs = _storage.limbCount
        // GMP limbs are 64-bit on the platforms this package builds for.
        for index in 0..<Swift.min(limbs, 2) {
            result |= UInt128(_storage.limb(index)) << (64 * index)
        }
        return result
    }

    /// The value as a `UInt64`, or nil when it does not fit.
    public var uint64Value: UInt64? {
        guard signum >= 0, magnitudeBitWidth <= 64 else { return nil }
        return signum == 0 ? 0 : UInt64(_storage.limb(0))
    }

    /// The value as an `Int64`, or nil when it does not fit.
    public var int64Value: Int64? {
        guard let wide = int128Value, let narrow = Int64(exactly: wide) else { return nil }
        return narrow
    }

    /// The value as a `UInt128`, or nil when it does not fit.
    public var uint128Value: UInt128? {
        guard signum >= 0, magnitudeBitWidth <= 128 else { return nil }
        return _lowMagnitude128
    }

    /// The value as an `Int128`, or nil when it does not fit.
    public var int128Value: Int128? {
        guard magnitudeBitWidth <= 128 else { return nil }
        let magnitude = _lowMagnitude128
        if signum >= 0 { return Int128(exactly: magnitude) }
        if magnitude == UInt128(1) << 127 { return Int128.min }
        guard let positive = Int128(exactly: magnitude) else { return nil }
        return -positive
    }

    /// The value as a `UInt64`, or `outOfRange` naming `what` (e.g. "a rao amount").
    public func uint64(orThrow what: String = "UInt64") throws(FixedMathError) -> UInt64 {
        guard let value = uint64Value else { throw .outOfRange(value: description, format: what) }
        return value
    }

    /// The nearest Double (GMP truncates toward zero; used for display and floating-point
    /// statistics only, never for chain state).
    public var approximateDouble: Double { _storage.double() }

    /// The exact value of a finite Double, rounded to an integer by `rule`.
    /// - Throws: `FixedMathError.notFinite` for NaN or infinity.
    public init(_ value: Double, rounding rule: RoundingRule) throws(FixedMathError) {
        let (numerator, exponent) = try BigInteger._dyadic(value)
        self = numerator.shiftedRight(by: -exponent, rounding: rule)
    }

    /// A finite Double as numerator · 2^exponent, exactly.
    static func _dyadic(_ value: Double) throws(FixedMathError) -> (numerator: BigInteger, exponent: Int) {
        guard value.isFinite else { throw .notFinite(value: "\(value)") }
        if value == 0 { return (.zero, 0) }
        // significandBitPattern holds the 52 stored bits; normal numbers add the implicit 1.
        let stored = value.significandBitPattern
        let isNormal = value.isNormal
        let significand = isNormal ? (stored | (1 << 52)) : stored
        let exponent = (isNormal ? Int(value.exponent) : Int(Double.leastNormalMagnitude.exponent)) - 52
        let magnitude = BigInteger(UInt64(significand))
        return (value < 0 ? -magnitude : magnitude, exponent)
    }
}
