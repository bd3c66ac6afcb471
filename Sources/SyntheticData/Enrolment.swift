import CohortModel

/// Which school each pupil attends each year, and the rows of the education extract in file order.
struct Enrolment: Sendable {
    /// One data row of the education extract.
    struct Row: Sendable {
        var person: Int32
        var school: Int32
        /// Subsidiary dual registration: the school of a pupil's second registration.
        var dualSchool: Int32
        var year: UInt8
        var nc: Int8
        /// 0 `C` current (single registration), 1 `M` main dual, 2 `S` subsidiary dual.
        var status: UInt8
    }

    var rows: [Row] = []
    /// Index of each year's first row in `rows`, plus the end.
    var yearStarts: [Int] = []

    /// Shares of primary and secondary pupils at school in a neighbouring LA, when the register
    /// holds the neighbours' real schools (England's LAs, not a stand-alone LA).
    static let crossBorderShares = (primary: 0.03, secondary: 0.08)

    /// Chooses primary and secondary schools by capacity; twins mostly go together, and a few
    /// pupils change school mid-window. With `crossesBorders`, some pupils go to school in a
    /// neighbouring LA (`register.outOfArea`).
    static func assignSchools(_ population: inout Population, register: SchoolRegister, crossesBorders: Bool = false,
                              seed: UInt64) {
        var random = Random(seed: seed, stream: .enrolment)
        var acrossTheBorder = Random(seed: seed, stream: .enrolment, 1)
        let neighbourPrimaries = crossesBorders ? register.outOfArea(.primary) : []
        let neighbourSecondaries = crossesBorders ? register.outOfArea(.secondary) : []
        /// The school a pupil starts at: usually in the LA, by capacity.
        func intake(_ home: [Int], _ table: AliasTable, neighbours: [Int], share: Double) -> Int32 {
            if !neighbours.isEmpty && acrossTheBorder.chance(share) { return Int32(neighbours[acrossTheBorder.below(neighbours.count)]) }
            return Int32(home[table.sample(&random)])
        }
        let years = population.years
        for p in population.people.indices where population.people[p].isOnRoll {
            var person = population.people[p]
            let first = Int(person.firstYear), last = Int(person.lastYear)
            let ncFirst = person.ncYear(in: years[first].startYear), ncLast = person.ncYear(in: years[last].startYear)
            if person.twin >= 0 && Int(person.twin) < p && random.chance(0.9) {
                let other = population.people[Int(person.twin)]
                person.primarySchool = other.primarySchool
                person.secondarySchool = other.secondarySchool
                person.movedTo = other.movedTo
                person.moveYear = other.moveYear
                population.people[p] = person
                continue
            }
            if ncFirst <= 6 {
                person.primarySchool = intake(register.primaries, register.primaryIntake, neighbours: neighbourPrimaries,
                                              share: crossBorderShares.primary)
            }
            if ncLast >= 7 {
                person.secondarySchool = intake(register.secondaries, register.secondaryIntake, neighbours: neighbourSecondaries,
                                                share: crossBorderShares.secondary)
            }
            if last > first && random.chance(0.03 * Double(last - first)) {
                let moveYear = random.between(first + 1, last)
                let primary = person.ncYear(in: years[moveYear].startYear) <= 6
                let pool = primary ? register.primaries : register.secondaries
                let current = primary ? person.primarySchool : person.secondarySchool
                if pool.count > 1 {
                    var to = Int32(pool[random.below(pool.count)])
                    while to == current { to = Int32(pool[random.below(pool.count)]) }
                    person.movedTo = to
                    person.moveYear = Int8(moveYear)
                }
            }
            population.people[p] = person
        }
    }

    /// The school a pupil attends in window year `year`.
    static func school(of person: Person, year: Int, years: [AcademicYear]) -> Int32 {
        let nc = person.ncYear(in: years[year].startYear)
        if person.moveYear >= 0 && year >= Int(person.moveYear) {
            let ncAtMove = person.ncYear(in: years[Int(person.moveYear)].startYear)
            if (ncAtMove <= 6) == (nc <= 6) { return person.movedTo }
        }
        return nc <= 6 ? person.primarySchool : person.secondarySchool
    }

    /// Builds the rows year by year, each year ordered by school (as a census extract is), with
    /// about 0.5% of pupils dual registered: a main row and a subsidiary row at a second school,
    /// most often a pupil referral unit, more often for children with a social worker.
    init(population: Population, register: SchoolRegister, socialCare: SocialCareHistory, seed: UInt64) {
        // Years are independent, so each is built on its own core and the results joined in order.
        let perYear = parallelMap(population.years.count) { k in
            Enrolment.rows(year: k, population: population, register: register, socialCare: socialCare, seed: seed)
        }
        for yearRows in perYear {
            yearStarts.append(rows.count)
            rows += yearRows
        }
        yearStarts.append(rows.count)
    }

    private static func rows(year k: Int, population: Population, register: SchoolRegister, socialCare: SocialCareHistory,
                             seed: UInt64) -> [Row] {
        let years = population.years
        let schoolCount = register.schools.count
        var yearRows: [Row] = []
        for (p, person) in population.people.enumerated() where person.isOnRoll && Int(person.firstYear) <= k && k <= Int(person.lastYear) {
            let nc = person.ncYear(in: years[k].startYear)
            let school = Enrolment.school(of: person, year: k, years: years)
            var dual: Int32 = -1
            var random = Random(seed: seed, stream: .dual, UInt64(p), UInt64(k))
            var chance = nc >= 7 ? 0.0085 : 0.002
            if person.socialCare >= 0 && socialCare.group(child: Int(person.socialCare), year: k) > 0 { chance *= 4 }
            if random.chance(chance) {
                if nc >= 7 && random.chance(0.65) || register.primaries.count < 2 && nc <= 6 || register.secondaries.count < 2 && nc >= 7 {
                    dual = Int32(register.alternatives[random.below(register.alternatives.count)])
                } else {
                    let pool = nc <= 6 ? register.primaries : register.secondaries
                    repeat { dual = Int32(pool[random.below(pool.count)]) } while dual == school
                }
            }
            yearRows.append(Row(person: Int32(p), school: school, dualSchool: dual, year: UInt8(k), nc: Int8(nc),
                                status: dual >= 0 ? 1 : 0))
            if dual >= 0 {
                yearRows.append(Row(person: Int32(p), school: dual, dualSchool: school, year: UInt8(k), nc: Int8(nc), status: 2))
            }
        }
        // Stable counting sort by school: within a school, rows stay in person order.
        var counts = [Int](repeating: 0, count: schoolCount + 1)
        for row in yearRows { counts[Int(row.school) + 1] += 1 }
        for s in 0..<schoolCount { counts[s + 1] += counts[s] }
        var sorted = yearRows
        for row in yearRows {
            sorted[counts[Int(row.school)]] = row
            counts[Int(row.school)] += 1
        }
        return sorted
    }
}
