import Disclosure
import Testing

@Suite struct PrimarySuppressionTests {
    let rules = DisclosureRules()

    @Test func smallCountsAreConfidentialAndZeroIsShown() {
        #expect(rules.publish(.count(0)) == .number("0"))
        for n in 1...5 { #expect(rules.publish(.count(n)) == .symbol(.confidential)) }
        #expect(rules.publish(.count(6)) == .number("6"))
    }

    @Test func ratesFollowRuleThree() {
        // Numerator small.
        #expect(rules.publish(.percent(numerator: 3, denominator: 100)) == .symbol(.confidential))
        // Denominator small.
        #expect(rules.publish(.percent(numerator: 0, denominator: 4)) == .symbol(.confidential))
        // Complement small: 97 of 100 reveals that 3 did not.
        #expect(rules.publish(.percent(numerator: 97, denominator: 100)) == .symbol(.confidential))
        #expect(rules.publish(.percent(numerator: 100, denominator: 100)) == .number("100.0"))
        #expect(rules.publish(.percent(numerator: 0, denominator: 100)) == .number("0.0"))
        #expect(rules.publish(.percent(numerator: 10, denominator: 30)) == .number("33.3"))
        #expect(rules.publish(.percent(numerator: 0, denominator: 0)) == .symbol(.notApplicable))
    }

    @Test func eventRatesNeedEnoughDistinctChildren() {
        #expect(rules.publish(.eventRate(events: 40, childrenWithEvents: 3, denominator: 200)) == .symbol(.confidential))
        #expect(rules.publish(.eventRate(events: 40, childrenWithEvents: 6, denominator: 200)) == .number("20.0"))
        #expect(rules.publish(.eventRate(events: 0, childrenWithEvents: 0, denominator: 200)) == .number("0.0"))
    }

    @Test func averagesNeedSixContributors() {
        #expect(rules.publish(.average(sum: 100, count: 5)) == .symbol(.confidential))
        #expect(rules.publish(.average(sum: 126, count: 6)) == .number("21.0"))
        #expect(rules.publish(.average(sum: 0, count: 0)) == .symbol(.notApplicable))
    }

    @Test func positiveValuesThatRoundToZeroAreLow() {
        #expect(rules.publish(.ratio(numerator: 1, denominator: 10_000, children: 50)) == .symbol(.low))
        #expect(rules.publish(.ratio(numerator: 5, denominator: 10_000, children: 50)) == .number("0.1"))
    }

    @Test func countsRoundToFiveOrTen() {
        #expect(DisclosureRules(roundCountsTo: 5).publish(.count(17)) == .number("15"))
        #expect(DisclosureRules(roundCountsTo: 5).publish(.count(18)) == .number("20"))
        #expect(DisclosureRules(roundCountsTo: 10).publish(.count(25)) == .number("30"))
    }

    @Test func notApplicableAndNotAvailableSymbols() {
        #expect(rules.publish(.notApplicable) == .symbol(.notApplicable))
        #expect(rules.publish(.notAvailable) == .symbol(.notAvailable))
        #expect(Symbol.allCases.map(\.rawValue) == ["c", "x", "z", "low", "u"])
    }

    @Test(arguments: [(12.25, "12.3"), (0.05, "0.1"), (99.95, "100.0"), (-1.25, "-1.3"), (7, "7.0"), (0.04, "0.0")])
    func decimalsRoundHalfAwayFromZero(_ value: Double, _ text: String) {
        #expect(formatDecimal(value, places: 1) == text)
    }
}
