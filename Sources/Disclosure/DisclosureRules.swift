/// The parameters of DISCLOSURE.md, with the DfE's defaults.
public struct DisclosureRules: Sendable, Equatable, Codable {
    /// Counts of children from 1 to `minCount - 1` are suppressed (rule 2).
    public var minCount = 6
    /// Decimal places of rates, percentages and averages (rule 7).
    public var decimals = 1
    /// Round published counts to the nearest multiple of this (5 or 10), or not at all (rule 7).
    public var roundCountsTo: Int?
    /// The narrowest interval an attacker may be left with for a primary-suppressed cell (rule 6):
    /// the audit refuses a release in which everything published pins such a cell to fewer than this
    /// many consecutive values. `nil` means `minCount`, so that a hidden 1 could as well be anything
    /// from 0 to `minCount`.
    public var protectionLevel: Int?
    /// Total ε of the optional differential-privacy mode (rule 10, `--privacy-budget`), or `nil`.
    public var privacyBudget: Double?

    public init(minCount: Int = 6, decimals: Int = 1, roundCountsTo: Int? = nil, protectionLevel: Int? = nil,
                privacyBudget: Double? = nil) {
        self.minCount = minCount
        self.decimals = decimals
        self.roundCountsTo = roundCountsTo
        self.protectionLevel = protectionLevel
        self.privacyBudget = privacyBudget
    }

    /// The protection level in force: `protectionLevel`, or `minCount` when unset.
    public var requiredWidth: Int { protectionLevel ?? minCount }

    /// True for a count of children that primary suppression hides: 1 to `minCount - 1`. Zero is shown.
    public func isSmall(_ children: Int) -> Bool { children > 0 && children < minCount }

    /// Primary suppression and rounding of one statistic (rules 2, 3, 4, 7 and 8).
    public func publish(_ statistic: Statistic) -> PublishedValue {
        switch statistic {
        case .notApplicable: return .symbol(.notApplicable)
        case .notAvailable: return .symbol(.notAvailable)
        case .count(let n):
            return isSmall(n) ? .symbol(.confidential) : .number(formatCount(n))
        case .percent(let numerator, let denominator):
            guard denominator > 0 else { return .symbol(.notApplicable) }
            if isSmall(numerator) || isSmall(denominator) || isSmall(denominator - numerator) { return .symbol(.confidential) }
            return formatRate(statistic.value!)
        case .ratio(_, let denominator, let children):
            guard denominator > 0, children > 0 else { return .symbol(.notApplicable) }
            return children < minCount ? .symbol(.confidential) : formatRate(statistic.value!)
        case .eventRate(_, let childrenWithEvents, let denominator):
            guard denominator > 0 else { return .symbol(.notApplicable) }
            if isSmall(denominator) || isSmall(childrenWithEvents) { return .symbol(.confidential) }
            return formatRate(statistic.value!)
        case .average(_, let count):
            guard count > 0 else { return .symbol(.notApplicable) }
            return count < minCount ? .symbol(.confidential) : formatRate(statistic.value!)
        }
    }

    public func formatCount(_ n: Int) -> String { String(roundCount(n)) }

    /// `n` rounded half up to the nearest multiple of `roundCountsTo` (rule 7), or `n` itself.
    public func roundCount(_ n: Int) -> Int {
        guard let base = roundCountsTo, base > 1 else { return n }
        return ((n + base / 2) / base) * base
    }

    /// A rate to `decimals` places, half away from zero; a positive value that rounds to zero is `low`.
    public func formatRate(_ value: Double) -> PublishedValue {
        let text = formatDecimal(value, places: decimals)
        if value > 0, text.allSatisfy({ $0 == "0" || $0 == "." }) { return .symbol(.low) }
        return .number(text)
    }
}

/// `value` with exactly `places` decimals, rounded half away from zero, without locale effects.
public func formatDecimal(_ value: Double, places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    let sign = value < 0 && scaled > 0 ? "-" : ""
    let whole = Int(scaled / scale)
    guard places > 0 else { return sign + String(whole) }
    let fraction = String(Int(scaled - Double(whole) * scale))
    return sign + String(whole) + "." + String(repeating: "0", count: places - fraction.count) + fraction
}
