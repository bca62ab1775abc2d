import FixedMath
import Testing

/// The table in `RoundingRule`'s doc comment, row by row: numerator / 10 under each rule.
@Suite struct RoundingRuleTableTests {
    @Test(arguments: [(25, [2, 3, 2, 2]), (35, [3, 4, 3, 4]), (-25, [-3, -2, -2, -2]), (-35, [-4, -3, -3, -4]), (27, [2, 3, 2, 3])])
    func eachRuleRoundsAsTheTableSays(_ tenths: Int, _ expected: [Int]) throws {
        let rules: [RoundingRule] = [.floor, .ceiling, .towardZero, .halfEven]
        for (rule, want) in zip(rules, expected) {
            #expect(try BigInteger(tenths).divided(by: BigInteger(10), rounding: rule) == BigInteger(want), "\(tenths)/10 \(rule)")
        }
        #expect(try BigInteger(-7).divided(by: BigInteger(2), rounding: .floor) == BigInteger(-4))
        #expect(try BigInteger(-7).divided(by: BigInteger(2), rounding: .towardZero) == BigInteger(-3))
    }
}
