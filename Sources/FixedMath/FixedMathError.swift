/// Why an exact operation could not produce a value. Never a trap: user input reaches these.
public enum FixedMathError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A division, modulus or ratio whose divisor is zero.
    case divisionByZero
    /// Text that is not a number in the expected form.
    case malformedNumber(text: String, expected: String)
    /// A decimal with more fractional digits than the format holds (e.g. 10 for TAO).
    case tooManyFractionDigits(text: String, maximum: Int)
    /// A value outside the range of a named format or integer type.
    case outOfRange(value: String, format: String)
    /// The square root of a negative number.
    case negativeSquareRoot(value: String)
    /// A floating-point input that is NaN or infinite.
    case notFinite(value: String)

    public var description: String {
        switch self {
        case .divisionByZero:
            return "division by zero"
        case let .malformedNumber(text, expected):
            return "'\(text)' is not a valid number: expected \(expected)"
        case let .tooManyFractionDigits(text, maximum):
            return "'\(text)' has more than \(maximum) decimal places"
        case let .outOfRange(value, format):
            return "\(value) is out of range for \(format)"
        case let .negativeSquareRoot(value):
            return "square root of negative number \(value)"
        case let .notFinite(value):
            return "\(value) is not a finite number"
        }
    }
}
