/// A binary fixed-point layout from `substrate-fixed`: value = raw / 2^fractionalBits, with
/// raw held in `integerBits + fractionalBits` bits, two's complement when signed.
public protocol BinaryFixedPointFormat: Sendable {
    /// The chain's name for the layout, e.g. "I96F32".
    static var name: String { get }
    static var integerBits: Int { get }
    static var fractionalBits: Int { get }
    static var isSigned: Bool { get }
}

extension BinaryFixedPointFormat {
    /// Integer plus fractional bits: the width of the raw value.
    public static var totalBits: Int { integerBits + fractionalBits }
    /// Smallest raw value: −2^(total−1) when signed, else 0.
    public static var minimumRaw: BigInteger { isSigned ? -BigInteger.powerOfTwo(totalBits - 1) : .zero }
    /// Largest raw value: 2^(total−1) − 1 when signed, else 2^total − 1.
    public static var maximumRaw: BigInteger {
        BigInteger.powerOfTwo(isSigned ? totalBits - 1 : totalBits) - .one
    }
}

/// Signed, 96 integer bits and 32 fractional bits: the chain's emission and coinbase math.
public enum I96F32: BinaryFixedPointFormat {
    /// Signed, 96 integer bits, 32 fractional bits (the chain's prices and coinbase amounts).
    public static let name = "I96F32", integerBits = 96, fractionalBits = 32, isSigned = true
}

/// Unsigned, 96 integer bits and 32 fractional bits: the coinbase after April 2025.
public enum U96F32: BinaryFixedPointFormat {
    /// Unsigned, 96 integer bits, 32 fractional bits (the HEAD coinbase).
    public static let name = "U96F32", integerBits = 96, fractionalBits = 32, isSigned = false
}

/// Unsigned, 64 integer bits and 64 fractional bits: shares and prices.
public enum U64F64: BinaryFixedPointFormat {
    /// Unsigned, 64 integer bits, 64 fractional bits (shares, the EMA update, spot prices).
    public static let name = "U64F64", integerBits = 64, fractionalBits = 64, isSigned = false
}

/// Signed, 64 integer bits and 64 fractional bits: flow EMAs and stake weights.
public enum I64F64: BinaryFixedPointFormat {
    /// Signed, 64 integer bits, 64 fractional bits (stake weights, flow EMAs).
    public static let name = "I64F64", integerBits = 64, fractionalBits = 64, isSigned = true
}

/// Signed, 110 integer bits and 18 fractional bits: the launch AMM.
public enum I110F18: BinaryFixedPointFormat {
    /// Signed, 110 integer bits, 18 fractional bits (the launch AMM).
    public static let name = "I110F18", integerBits = 110, fractionalBits = 18, isSigned = true
}

/// Signed, 32 integer bits and 32 fractional bits: Yuma epoch vectors.
public enum I32F32: BinaryFixedPointFormat {
    /// Signed, 32 integer bits, 32 fractional bits (the Yuma epoch).
    public static let name = "I32F32", integerBits = 32, fractionalBits = 32, isSigned = true
}
