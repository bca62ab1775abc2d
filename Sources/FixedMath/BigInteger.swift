/// An arbitrary-precision signed integer with value semantics, backed by GMP.
///
/// Copies share storage until one of them is mutated (copy-on-write), so passing values
/// around is cheap; the `form…` and compound-assignment operations reuse the storage of a
/// uniquely referenced value instead of allocating. No operation traps on any input:
/// division by zero and malformed text are reported as `FixedMathError`.
public struct BigInteger: Sendable {
    @usableFromInline var _storage: _MPZStorage

    @usableFromInline init(_storage: _MPZStorage) { self._storage = _storage }

    /// Zero.
    public init() { _storage = _MPZStorage() }

    /// Makes the storage unique before an in-place mutation.
    @inlinable @inline(__always)
    mutating func _makeUnique() {
        if !isKnownUniquelyReferenced(&_storage) { _storage = _MPZStorage(copying: _storage) }
    }

    /// 0.
    public static var zero: BigInteger { BigInteger() }
    /// 1.
    public static var one: BigInteger { BigInteger(1 as Int64) }

    /// -1, 0 or 1.
    @inlinable public var signum: Int { _storage.signum }
    @inlinable public var isZero: Bool { signum == 0 }
    @inlinable public var isNegative: Bool { signum < 0 }
    @inlinable public var isOdd: Bool { _storage.isOdd }
    /// Bits needed for the magnitude (0 for zero): |x| < 2^bitWidth.
    @inlinable public var magnitudeBitWidth: Int { _storage.bitWidth }

    /// 2^exponent.
    public static func powerOfTwo(_ exponent: Int) -> BigInteger {
        let result = _MPZStorage()
        result.setPowerOfTwo(Swift.max(0, exponent))
        return BigInteger(_storage: result)
    }

    /// base^exponent for small bases (e.g. 10^9 for rao).
    public static func power(_ base: UInt64, _ exponent: Int) -> BigInteger {
        let result = _MPZStorage()
        result.setPower(base: base, exponent: Swift.max(0, exponent))
        return BigInteger(_storage: result)
    }
}

extension BigInteger: Equatable, Comparable, Hashable {
    @inlinable public static func == (lhs: BigInteger, rhs: BigInteger) -> Bool {
        lhs._storage === rhs._storage || lhs._storage.compare(rhs._storage) == 0
    }

    @inlinable public static func < (lhs: BigInteger, rhs: BigInteger) -> Bool {
        lhs._storage.compare(rhs._storage) < 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(signum)
        let count = _storage.limbCount
        for index in 0..<count { hasher.combine(_storage.limb(index)) }
    }
}

extension BigInteger: CustomStringConvertible, CustomDebugStringConvertible {
    /// Exact decimal text: optional minus sign, then digits, no separators.
    public var description: String { _storage.decimalString() }
    /// `BigInteger(<decimal>)`, for debuggers and test failures.
    public var debugDescription: String { "BigInteger(\(description))" }
}
