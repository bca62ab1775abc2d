// Exact ring operations: these never lose information, so they take no rounding rule.

extension BigInteger {
    /// The exact sum.
    @inlinable public static func + (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        let result = _MPZStorage()
        result.add(lhs._storage, rhs._storage)
        return BigInteger(_storage: result)
    }

    /// The exact difference.
    @inlinable public static func - (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        let result = _MPZStorage()
        result.subtract(lhs._storage, rhs._storage)
        return BigInteger(_storage: result)
    }

    /// The exact product.
    @inlinable public static func * (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        let result = _MPZStorage()
        result.multiply(lhs._storage, rhs._storage)
        return BigInteger(_storage: result)
    }

    /// The negation.
    @inlinable public static prefix func - (operand: BigInteger) -> BigInteger {
        let result = _MPZStorage()
        result.negate(operand._storage)
        return BigInteger(_storage: result)
    }

    /// |self|.
    @inlinable public var magnitude: BigInteger {
        if signum >= 0 { return self }
        let result = _MPZStorage()
        result.absolute(_storage)
        return BigInteger(_storage: result)
    }

    /// self · 2^bits, exact; a negative `bits` shifts right, flooring.
    @inlinable public func shiftedLeft(by bits: Int) -> BigInteger {
        let result = _MPZStorage()
        if bits >= 0 { result.shiftLeft(_storage, bits) } else { result.shiftRightFloor(_storage, bits == Int.min ? Int.max : -bits) }
        return BigInteger(_storage: result)
    }

    // MARK: In place, reusing storage when uniquely referenced

    /// Adds in place, reusing the storage (no allocation when uniquely referenced).
    @inlinable public static func += (lhs: inout BigInteger, rhs: BigInteger) {
        lhs._makeUnique()
        lhs._storage.add(lhs._storage, rhs._storage)
    }

    /// Subtracts in place, reusing the storage.
    @inlinable public static func -= (lhs: inout BigInteger, rhs: BigInteger) {
        lhs._makeUnique()
        lhs._storage.subtract(lhs._storage, rhs._storage)
    }

    /// Multiplies in place, reusing the storage.
    @inlinable public static func *= (lhs: inout BigInteger, rhs: BigInteger) {
        lhs._makeUnique()
        lhs._storage.multiply(lhs._storage, rhs._storage)
    }

    /// self = a + b, writing into this value's storage.
    @inlinable public mutating func formSum(_ a: BigInteger, _ b: BigInteger) {
        _makeUnique()
        _storage.add(a._storage, b._storage)
    }

    /// self = a · b, writing into this value's storage.
    @inlinable public mutating func formProduct(_ a: BigInteger, _ b: BigInteger) {
        _makeUnique()
        _storage.multiply(a._storage, b._storage)
    }

    /// Sets this value to `other`, reusing storage.
    @inlinable public mutating func assign(_ other: BigInteger) {
        _makeUnique()
        _storage.set(other._storage)
    }

    /// Sets this value to a `UInt64`, reusing storage.
    @inlinable public mutating func assign(_ value: UInt64) {
        _makeUnique()
        _storage.set(uint64: value)
    }
}

extension BigInteger {
    /// The smaller of two values.
    @inlinable public static func min(_ a: BigInteger, _ b: BigInteger) -> BigInteger { a < b ? a : b }
    /// The larger of two values.
    @inlinable public static func max(_ a: BigInteger, _ b: BigInteger) -> BigInteger { a < b ? b : a }
}
