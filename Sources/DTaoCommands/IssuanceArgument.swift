import ArgumentParser
import FixedMath
import TaoEconomics

/// A total issuance given on the command line, read exactly into rao and bounded by the
/// 21,000,000 TAO cap.
///
/// A bare number is rao, as it always was (`10300000000000000`); a unit may follow, with or
/// without a space: `rao` or `TAO`, and a number may carry a decimal exponent and a k, M or B
/// multiplier (thousand, million, billion):
///
///     10300000000000000      → 10,300,000 TAO
///     1.03e16 rao            → 10,300,000 TAO
///     10.3M TAO              → 10,300,000 TAO
///     10300000TAO            → 10,300,000 TAO
///     0.5 rao                → refused: not a whole number of rao
///     22M TAO                → refused: above the cap
struct IssuanceArgument: Equatable {
    /// The issuance, rao.
    let rao: UInt64

    /// No issuance (the schedule's default start).
    static let zero = IssuanceArgument(rao: 0)

    private init(rao: UInt64) { self.rao = rao }

    /// What was read, with its unit, so a misread shows: "10300000 TAO (10300000000000000 rao)".
    var echo: String { "\(Self.tao(rao)) TAO (\(rao) rao)" }

    /// Reads `text`. - Throws: `ValidationError` naming the accepted forms or the range.
    init(parsing text: String) throws {
        let forms = "an issuance in rao (10300000000000000) or with a unit (1.03e16 rao, 10.3M TAO), from 0 to 21000000 TAO"
        var rest = Substring(text)
        guard !rest.hasPrefix("-") else { throw ValidationError("'\(text)' cannot be negative: give \(forms)") }
        var unitExponent = 0
        for (unit, exponent) in [("TAO", 9), ("tao", 9), ("rao", 0)] where rest.hasSuffix(unit) {
            rest = rest.dropLast(unit.count)
            unitExponent = exponent
            break
        }
        if rest.hasSuffix(" ") { rest = rest.dropLast() }
        var multiplier = 0
        if let last = rest.last, let exponent = ["k": 3, "M": 6, "B": 9][String(last)] {
            rest = rest.dropLast()
            multiplier = exponent
        }
        // digits[.digits][e[+-]digits]
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(rest[rest.index(after: e)...]), abs(value) <= 40 else { throw ValidationError("'\(text)' is not \(forms)") }
            exponent = value
            rest = rest[..<e]
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts.first ?? "", fraction = parts.count > 1 ? parts[1] : ""
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty,
              let digits = try? BigInteger(parsing: String(whole + fraction)) else {
            throw ValidationError("'\(text)' is not \(forms)")
        }
        // value = digits · 10^power rao, exactly.
        let power = exponent + multiplier + unitExponent - fraction.count
        let value: BigInteger
        if power >= 0 {
            value = digits * BigInteger.power(10, power)
        } else {
            let divisor = BigInteger.power(10, -power)
            guard let quotient = try? digits.divided(by: divisor, rounding: .floor), quotient * divisor == digits else {
                throw ValidationError("'\(text)' is not a whole number of rao (1 TAO = 10^9 rao): give \(forms)")
            }
            value = quotient
        }
        guard let rao = value.uint64Value, rao <= Supply.capRao else {
            throw ValidationError("'\(text)' is above the 21,000,000 TAO cap (\(Supply.capRao) rao): give \(forms)")
        }
        self.rao = rao
    }

    /// rao as TAO, without trailing zeros: 10300000, 0.5, 0.000000001.
    static func tao(_ rao: UInt64) -> String {
        DecimalText.formatTrimmed(scaled: BigInteger(rao), fractionDigits: Rao.fractionDigits)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
