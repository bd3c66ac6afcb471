import CohortModel

extension SchoolRegister {
    /// The school each closed school became: closed URN → the URN of the open school that
    /// replaced it (following chains: a school that converted twice maps to the latest). Schools
    /// that are open, or closed without a successor, are absent.
    ///
    /// A `PredecessorURN` on the new school's row says so outright. GIAS's establishment download
    /// has no such column (the links are a separate file), so a successor is also recognised as
    /// GIAS records an academy conversion: a school in the same LA that opened within a month of
    /// the closure, with the same establishment number, or the same name and postcode. When two
    /// schools fit equally, the closed one is left unmapped rather than guessed.
    public static func currentURNs(_ schools: [School]) -> [Int: Int] {
        var next: [Int: Int] = [:]
        let known = Set(schools.map(\.urn))
        for school in schools {
            if let predecessor = school.predecessorURN, predecessor != school.urn, known.contains(predecessor) {
                next[predecessor] = school.urn
            }
        }
        // Schools that opened, by LA and establishment number, and by LA, name and postcode.
        var byNumber: [Int: [Int]] = [:], byName: [String: [Int]] = [:]
        for (i, school) in schools.enumerated() where school.openDate != nil {
            if let number = school.establishmentNumber { byNumber[school.laCode * 10_000 + number, default: []].append(i) }
            byName[identity(school), default: []].append(i)
        }
        for closed in schools where !closed.isOpen && next[closed.urn] == nil {
            guard let closeDate = closed.closeDate else { continue }
            let gap = { (i: Int) in abs(Int(schools[i].openDate!.number - closeDate.number)) }
            func opened(_ indices: [Int]?) -> [Int] { (indices ?? []).filter { schools[$0].urn != closed.urn && gap($0) <= 31 } }
            let sameNumber = opened(closed.establishmentNumber.flatMap { byNumber[closed.laCode * 10_000 + $0] })
            let sameName = opened(byName[identity(closed)])
            for fits in [sameNumber.filter(sameName.contains), sameNumber, sameName] where !fits.isEmpty {
                let nearest = fits.map(gap).min()!
                let best = fits.filter { gap($0) == nearest }
                if best.count == 1 { next[closed.urn] = schools[best[0]].urn }
                break
            }
        }
        var current: [Int: Int] = [:]
        for urn in next.keys {
            var at = urn, steps = 0
            while let later = next[at], steps < 32 {
                at = later
                steps += 1
            }
            if at != urn { current[urn] = at }
        }
        return current
    }

    /// The LA, name and postcode of a school, as compared when looking for its successor.
    private static func identity(_ school: School) -> String {
        "\(school.laCode)|\(folded(school.name))|\(folded(school.postcode))"
    }

    /// Letters and digits, lower case: how names and postcodes are compared here.
    private static func folded(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let kept = text.utf8.filter { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }.map { $0 | (($0 >= 0x41) ? 0x20 : 0) }
            return String(decoding: kept, as: UTF8.self)
        }
        return String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }
}
