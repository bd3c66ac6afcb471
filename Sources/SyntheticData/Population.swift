import CohortModel

/// The children of the synthetic LA: every pupil on roll in any year of the window, plus the
/// children social care knows who are never on roll (added later by `SocialCareHistory`).
struct Population: Sendable {
    var people: [Person] = []
    /// 13 bytes per person (zeros when the child has no UPN).
    var upns: [UInt8] = []
    /// Former UPNs of the ~1% of pupils whose UPN was replaced (a temporary one, or one issued in
    /// another LA). Looked up by person, never iterated.
    var formerUPNs: [Int32: [UInt8]] = [:]
    let years: [AcademicYear]
    let geography: Geography
    private var allocator: UPNAllocator

    var latest: Int { years.count - 1 }

    /// Year-group sizes of the latest year: inner London primary rolls are falling, so the younger
    /// cohorts are a little smaller.
    static let yearGroupWeights: [Double] = [0.90, 0.92, 0.95, 0.97, 0.99, 1.0, 1.0, 1.04, 1.04, 1.05, 1.05, 1.05]
    /// Chance per pupil per year of leaving the LA's schools, and of having joined them.
    static let mobility = 0.04

    /// `upnSlice` is where this LA's UPN serial numbers start, as a share of the serial space (see
    /// `UPNAllocator`): 0 for a stand-alone LA.
    init(years: [AcademicYear], geography: Geography, upnSlice: Double = 0) {
        self.years = years
        self.geography = geography
        allocator = UPNAllocator(firstShare: upnSlice)
    }

    /// Generates the pupils so that exactly `pupils` are on roll in the latest year, working
    /// backwards: who was also on roll the year before, who finished year 11, who left.
    mutating func generatePupils(_ pupils: Int, laCode: Int, names: NamePools, seed: UInt64) {
        var random = Random(seed: seed, stream: .population)
        let counts = apportion(pupils, Population.yearGroupWeights)
        let latestStart = years[latest].startYear
        people.reserveCapacity(Int(Double(pupils) * (1.02 + 0.13 * Double(latest))) + 16)
        upns.reserveCapacity(people.capacity * 13)

        for nc in 0...11 {
            addPupils(counts[nc], cohort: latestStart - 5 - nc, lastYear: latest, leftMidway: false, names: names, &random)
        }
        for k in stride(from: latest - 1, through: 0, by: -1) {
            let start = years[k].startYear
            addPupils(counts[11], cohort: start - 16, lastYear: k, leftMidway: false, names: names, &random)
            for nc in 0...10 {
                let leavers = Int((Double(counts[nc]) * Population.mobility).rounded())
                addPupils(leavers, cohort: start - 5 - nc, lastYear: k, leftMidway: true, names: names, &random)
            }
        }
        for p in people.indices { allocateUPN(p, laCode: laCode, &random) }
    }

    private mutating func addPupils(_ count: Int, cohort: Int, lastYear: Int, leftMidway: Bool, names: NamePools,
                                    _ random: inout Random) {
        var made = 0
        while made < count {
            let p = addPerson(cohort: cohort, names: names, &random)
            // Walk back from the last year: each earlier year of school age the pupil was already
            // here unless they joined.
            var first = lastYear
            var joined = false
            while first > 0 && years[first - 1].startYear - cohort - 5 >= 0 {
                if random.chance(Population.mobility) { joined = true; break }
                first -= 1
            }
            people[p].firstYear = Int8(first)
            people[p].lastYear = Int8(lastYear)
            people[p].joinedMidway = joined
            people[p].leftMidway = leftMidway
            made += 1
            // About 1% of pupils are twins: same birthday, surname, postcode and school history.
            if made < count && random.chance(0.005) {
                let t = addTwin(of: p, names: names, &random)
                people[t].firstYear = people[p].firstYear
                people[t].lastYear = people[p].lastYear
                people[t].joinedMidway = joined
                people[t].leftMidway = leftMidway
                made += 1
            }
        }
    }

    /// A new child born in the academic year `cohort`: in a new household, or (a fifth of the
    /// time) the younger sibling of someone already generated.
    @discardableResult
    mutating func addPerson(cohort: Int, names: NamePools, _ random: inout Random) -> Int {
        let first = Day(year: cohort, month: 9, day: 1)!
        let daysInYear = Int(Day(year: cohort + 1, month: 9, day: 1)!.number - first.number)
        let dob = first.adding(days: random.below(daysInYear))
        let isMale = random.chance(0.51)
        var ethnicity: Int
        var surname: Int32, surname2: Int32 = -1, hyphenated = false
        var postcode: Postcode
        var disadvantage = random.normal()
        var sibling: Int32 = -1
        if !people.isEmpty && random.chance(0.2) {
            let s = random.below(people.count)
            let older = people[s]
            ethnicity = Int(older.ethnicity)
            surname = names.surname(asSiblingOf: older.surname, male: isMale, &random)
                ?? names.drawSurname(ethnicity: ethnicity, male: isMale, &random)
            surname2 = older.surname2; hyphenated = older.hyphenatedSurname
            postcode = older.postcode
            disadvantage = 0.7 * Double(older.disadvantage) + 0.71 * disadvantage
            sibling = Int32(s)
        } else {
            ethnicity = Ethnicity.distribution.sample(&random)
            surname = names.drawSurname(ethnicity: ethnicity, male: isMale, &random)
            let doubleShare = Ethnicity.all[ethnicity].code.hasPrefix("M") ? 0.16 : 0.04
            if random.chance(doubleShare) {
                // A mixed-heritage double surname usually joins two origins.
                let other = Ethnicity.all[ethnicity].code.hasPrefix("M") ? Ethnicity.code("WBRI") : ethnicity
                repeat { surname2 = names.drawSurname(ethnicity: random.chance(0.5) ? other : ethnicity, &random) } while surname2 == surname
                hyphenated = random.chance(0.7)
            }
            let district = geography.home.districts[random.below(geography.home.districts.count)]
            postcode = Postcode.random(district: district, &random)
        }
        var person = Person(
            dob: dob, cohort: Int16(cohort), isMale: isMale, ethnicity: UInt8(ethnicity),
            forename: names.drawForename(male: isMale, ethnicity: ethnicity, familyOrigin: names.surnames[Int(surname)].origin, &random),
            surname: surname, postcode: postcode,
            disadvantage: Float(disadvantage), absenceTrait: Float(random.normal()), senTrait: Float(random.normal()),
            behaviourTrait: Float(random.normal()), abilityTrait: Float(random.normal()), fsmDraw: Float(random.unit()))
        person.surname2 = surname2
        person.hyphenatedSurname = hyphenated
        person.sibling = sibling
        if random.chance(0.04) {
            var second: Int32
            repeat {
                second = names.drawForename(male: isMale, ethnicity: ethnicity, familyOrigin: names.forenames[Int(person.forename)].origin, &random)
            } while second == person.forename
            person.forename2 = second
            person.hyphenatedForenames = random.chance(0.3)
        }
        people.append(person)
        upns.append(contentsOf: repeatElement(0, count: 13))
        return people.count - 1
    }

    /// The twin of `p`: same birthday, household and traits in part, a different forename.
    private mutating func addTwin(of p: Int, names: NamePools, _ random: inout Random) -> Int {
        var twin = people[p]
        twin.isMale = random.chance(0.5)
        repeat {
            twin.forename = names.drawForename(male: twin.isMale, ethnicity: Int(twin.ethnicity),
                                               familyOrigin: names.surnames[Int(twin.surname)].origin, &random)
        } while twin.forename == people[p].forename
        twin.forename2 = -1
        if twin.isMale != people[p].isMale {
            twin.surname = names.surname(asSiblingOf: people[p].surname, male: twin.isMale, &random)
                ?? names.drawSurname(ethnicity: Int(twin.ethnicity), male: twin.isMale, &random)
        }
        twin.disadvantage = Float(0.8 * Double(people[p].disadvantage) + 0.6 * random.normal())
        twin.absenceTrait = Float(0.6 * Double(people[p].absenceTrait) + 0.8 * random.normal())
        twin.senTrait = Float(random.normal())
        twin.behaviourTrait = Float(random.normal())
        twin.abilityTrait = Float(0.5 * Double(people[p].abilityTrait) + 0.87 * random.normal())
        twin.fsmDraw = people[p].fsmDraw
        twin.twin = Int32(p)
        people.append(twin)
        upns.append(contentsOf: repeatElement(0, count: 13))
        people[p].twin = Int32(people.count - 1)
        return people.count - 1
    }

    /// Gives a pupil (or a child who went to school elsewhere) a UPN allocated when they first
    /// started school: mostly by this LA, sometimes by another one they moved from.
    mutating func allocateUPN(_ p: Int, laCode: Int, fromElsewhere: Bool = false, _ random: inout Random) {
        let person = people[p]
        var allocationYear = Int(person.cohort) + 5
        if person.joinedMidway && random.chance(0.4), person.firstYear >= 0 {
            allocationYear = years[Int(person.firstYear)].startYear  // arrived from abroad
        }
        let movedIn = fromElsewhere || person.joinedMidway ? random.chance(0.7) : random.chance(0.1)
        let la = movedIn ? otherLACode(&random) : laCode
        allocator.writePermanent(la: la, year: allocationYear, into: &upns, at: p * 13)
        people[p].hasUPN = true
        // About 1% of pupils carry a former UPN: the temporary one they arrived with, or one from
        // an earlier allocation.
        if person.isOnRoll && random.chance(0.01) {
            let former = random.chance(0.6)
                ? allocator.temporary(la: laCode, year: allocationYear)
                : allocator.permanent(la: otherLACode(&random), year: allocationYear)
            formerUPNs[Int32(p)] = former
            people[p].hasFormerUPN = true
        }
    }

    func upn(_ p: Int) -> ArraySlice<UInt8> { upns[p * 13..<(p * 13 + 13)] }

    private func otherLACode(_ random: inout Random) -> Int {
        let neighbours = geography.neighbours
        if !neighbours.isEmpty && random.chance(0.6) { return neighbours[neighbours.startIndex + random.below(neighbours.count)].oldCode }
        let london = [201, 202, 203, 204, 205, 206, 207, 208, 209, 211, 212, 213, 302, 304, 306, 309, 316, 320, 886, 936]
        return london[random.below(london.count)]
    }
}

/// Hands out unique, valid UPNs.
///
/// The 9 digits after the LA code (establishment, year of allocation, serial) come from a counter
/// per allocation year pushed through a bijection mod 7,000,000, so they look scattered and never
/// repeat, even for a national population in one run.
///
/// England's LAs are generated in parallel, each with its own allocator, and any of them may
/// allocate a UPN in another LA's name (a child who moved in). Each therefore starts its counters
/// at its own share of the space (`firstShare`, the share of England's pupils generated before it)
/// and uses about a twelfth of its pupils per allocation year, far less than its share, so no two
/// LAs ever reach the same serial number.
struct UPNAllocator: Sendable {
    private static let permanentSpace = 7_000_000, temporarySpace = 7000 * 100 * 23
    /// Counters by allocation year (index: year − 1900).
    private var permanentCount: [Int]
    private var temporaryCount: [Int]
    private static let letters = Array("ABCDEFGHJKLMNPQRTUVWXYZ".utf8)

    init(firstShare: Double = 0) {
        permanentCount = Array(repeating: Int(firstShare * Double(UPNAllocator.permanentSpace)), count: 400)
        temporaryCount = Array(repeating: Int(firstShare * Double(UPNAllocator.temporarySpace)), count: 400)
    }

    /// Writes a new permanent UPN into `bytes[offset..<offset + 13]`.
    mutating func writePermanent(la: Int, year: Int, into bytes: inout [UInt8], at offset: Int) {
        let j = permanentCount[year - 1900]
        permanentCount[year - 1900] = j + 1
        let v = (j &* 7_919_993 &+ year &* 104_729) % UPNAllocator.permanentSpace
        UPNAllocator.digits(la, 3, into: &bytes, at: offset + 1)
        UPNAllocator.digits(1000 + v / 1000, 4, into: &bytes, at: offset + 4)
        UPNAllocator.digits(year % 100, 2, into: &bytes, at: offset + 8)
        UPNAllocator.digits(v % 1000, 3, into: &bytes, at: offset + 10)
        bytes[offset] = UPN.checkLetter(forBody: bytes[(offset + 1)..<(offset + 13)])!
    }

    mutating func permanent(la: Int, year: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 13)
        writePermanent(la: la, year: year, into: &out, at: 0)
        return out
    }

    /// A temporary UPN: the last character is a letter.
    mutating func temporary(la: Int, year: Int) -> [UInt8] {
        let j = temporaryCount[year - 1900]
        temporaryCount[year - 1900] = j + 1
        let v = (j &* 7_919_993 &+ year) % UPNAllocator.temporarySpace
        var out = [UInt8](repeating: 0, count: 13)
        UPNAllocator.digits(la, 3, into: &out, at: 1)
        UPNAllocator.digits(1000 + v / 2300, 4, into: &out, at: 4)
        UPNAllocator.digits(year % 100, 2, into: &out, at: 8)
        UPNAllocator.digits(v / 23 % 100, 2, into: &out, at: 10)
        out[12] = UPNAllocator.letters[v % 23]
        out[0] = UPN.checkLetter(forBody: out[1...])!
        return out
    }

    private static func digits(_ value: Int, _ width: Int, into bytes: inout [UInt8], at offset: Int) {
        var v = value
        for i in stride(from: width - 1, through: 0, by: -1) {
            bytes[offset + i] = 48 + UInt8(v % 10)
            v /= 10
        }
    }
}

/// Splits `total` into parts proportional to `weights` that add up to exactly `total` (largest
/// remainder), so the stated pupil count is met exactly.
func apportion(_ total: Int, _ weights: [Double]) -> [Int] {
    let sum = weights.reduce(0, +)
    let exact = weights.map { Double(total) * $0 / sum }
    var parts = exact.map { Int($0) }
    var remaining = total - parts.reduce(0, +)
    let order = exact.indices.sorted { (exact[$0] - Double(parts[$0]), -$0) > (exact[$1] - Double(parts[$1]), -$1) }
    var i = 0
    while remaining > 0 {
        parts[order[i % order.count]] += 1
        remaining -= 1
        i += 1
    }
    return parts
}
