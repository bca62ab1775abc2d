// Lossy operations: each takes an explicit rounding rule and reports division by zero.

extension BigInteger {
    /// numerator / divisor rounded by `rule`, into `result`'s storage. The divisor is non-zero.
    @usableFromInline
    static func _divide(_ numerator: _MPZStorage, _ divisor: _MPZStorage, rounding rule: RoundingRule, into result: _MPZStorage) {
        switch rule {
        case .floor: result.floorDivide(numerator, divisor)
        case .ceiling: result.ceilingDivide(numerator, divisor)
        case .towardZero: result.truncatingDivide(numerator, divisor)
        case .halfEven:
            // q = floor(n/d) and r = n − q·d, so n/d = q + r/d with r/d in [0, 1).
            let remainder = _MPZStorage()
            result.floorDivide(numerator, divisor, remainder: remainder)
            remainder.absolute(remainder)
            remainder.shiftLeft(remainder, 1)  // 2|r|
            let halfComparison = remainder.compareMagnitude(divisor)
            if halfComparison > 0 || (halfComparison == 0 && result.isOdd) {
                result.add(result, uint64: 1)
            }
        }
    }

    /// self / divisor, rounded by `rule`.
    /// - Throws: `FixedMathError.divisionByZero` when `divisor` is zero.
    @inlinable
    public func divided(by divisor: BigInteger, rounding rule: RoundingRule) throws(FixedMathError) -> BigInteger {
        guard !divisor.isZero else { throw .divisionByZero }
        let result = _MPZStorage()
        BigInteger._divide(_storage, divisor._storage, rounding: rule, into: result)
        return BigInteger(_storage: result)
    }

    /// self = self / divisor rounded by `rule`, reusing storage. Unchanged when it throws.
    @inlinable
    public mutating func formQuotient(dividingBy divisor: BigInteger, rounding rule: RoundingRule) throws(FixedMathError) {
        guard !divisor.isZero else { throw .divisionByZero }
        _makeUnique()
        BigInteger._divide(_storage, divisor._storage, rounding: rule, into: _storage)
    }

    /// (self · multiplier) / divisor with a single rounding at the end: the product is exact.
    /// - Throws: `FixedMathError.divisionByZero` when `divisor` is zero.
    @inlinable
    public func multipliedDivided(by multiplier: BigInteger, dividedBy divisor: BigInteger, rounding rule: RoundingRule) throws(FixedMathError) -> BigInteger {
        guard !divisor.isZero else { throw .divisionByZero }
        let result = _MPZStorage()
        result.multiply(_storage, multiplier._storage)
        BigInteger._divide(result, divisor._storage, rounding: rule, into: result)
        return BigInteger(_storage: result)
    }

    /// self = (self · multiplier) / divisor with one rounding, reusing storage. Unchanged when it throws.
    @inlinable
    public mutating func formMultipliedDivided(by multiplier: BigInteger, dividedBy divisor: BigInteger, rounding rule: RoundingRule) throws(FixedMathError) {
        guard !divisor.isZero else { throw .divisionByZero }
        _makeUnique()
        _storage.multiply(_storage, multiplier._storage)
        BigInteger._divide(_storage, divisor._storage, rounding: rule, into: _storage)
    }

    /// floor(self / 2^bits): an arithmetic shift right (rounds toward negative infinity); a
    /// negative `bits` shifts left, exactly.
    @inlinable public func shiftedRightFloor(by bits: Int) -> BigInteger {
        guard bits >= 0 else { return shiftedLeft(by: bits == Int.min ? Int.max : -bits) }
        let result = _MPZStorage()
        result.shiftRightFloor(_storage, bits)
        return BigInteger(_storage: result)
    }

    /// self / 2^bits rounded by `rule`.
    public func shiftedRight(by bits: Int, rounding rule: RoundingRule) -> BigInteger {
        if bits <= 0 { return shiftedLeft(by: bits == Int.min ? Int.max : -bits) }
        // A power of two is never zero, so this cannot throw.
        return (try? divided(by: .powerOfTwo(bits), rounding: rule)) ?? .zero
    }

    /// Whether self is a multiple of 2^bits (every integer is, for bits ≤ 0).
    public func isMultipleOfPowerOfTwo(_ bits: Int) -> Bool { bits <= 0 || _storage.isDivisibleByPowerOfTwo(bits) }

    /// The square root, rounded by `rule`.
    /// - Throws: `FixedMathError.negativeSquareRoot` for a negative value.
    public func squareRoot(rounding rule: RoundingRule) throws(FixedMathError) -> BigInteger {
        guard signum >= 0 else { throw .negativeSquareRoot(value: description) }
        let root = _MPZStorage()
        root.squareRootFloor(_storage)
        let floorRoot = BigInteger(_storage: root)
        switch rule {
        case .floor, .towardZero:
            return floorRoot
        case .ceiling:
            return floorRoot * floorRoot == self ? floorRoot : floorRoot + .one
        case .halfEven:
            // (s + 1/2)^2 = s^2 + s + 1/4 is never an integer, so there are no ties.
            return self > floorRoot * floorRoot + floorRoot ? floorRoot + .one : floorRoot
        }
    }

    /// ⌊self^(1/n)⌋ for a non-negative value and n ≥ 1 (GMP's `mpz_root`).
    /// - Throws: `FixedMathError.negativeSquareRoot` for a negative value (or n < 1).
    public func rootFloor(_ n: Int) throws(FixedMathError) -> BigInteger {
        guard signum >= 0, n >= 1 else { throw .negativeSquareRoot(value: description) }
        let root = _MPZStorage()
        root.rootFloor(_storage, n)
        return BigInteger(_storage: root)
    }

    /// self^exponent, exactly (exponent ≥ 0; 0^0 is 1).
    public func power(_ exponent: Int) -> BigInteger {
        let result = _MPZStorage()
        result.power(_storage, Swift.max(0, exponent))
        return BigInteger(_storage: result)
    }

    /// The greatest common divisor of |self| and |other| (0 when both are 0).
    public func greatestCommonDivisor(_ other: BigInteger) -> BigInteger {
        let result = _MPZStorage()
        result.gcd(_storage, other._storage)
        return BigInteger(_storage: result)
    }
}
