import CohortModel

/// Writes the education extract (one row per pupil enrolment per academic year) and, in the same
/// pass, accumulates the true measures and each school's census roll.
///
/// Rows are written in parallel chunks: each pupil-year's outcomes come from its own random
/// stream, so a chunk needs nothing from any other, and the chunks are joined in order, which
/// keeps the bytes identical whatever the number of threads.
enum EducationCSV {
    static let header = ["UPN", "FormerUPN", "Forename", "Surname", "DOB", "Sex", "Ethnicity", "Postcode", "URN",
                         "NCyearActual", "EnrolStatus", "FSMeligible", "SENprovision", "SessionsPossible",
                         "SessionsAuthorisedAbsence", "SessionsUnauthorisedAbsence", "Suspensions", "PermanentExclusion",
                         "Attainment8", "EnglishMaths95", "AcademicYear"]

    struct Output: Sendable {
        var csv: [UInt8]
        var truth: TruthMeasures
        var rolls: [SchoolsCSV.Roll]
    }

    /// Everything a row needs, flattened into arrays of plain values so the hot loop copies no
    /// strings and touches no nested arrays.
    private struct Tables: Sendable {
        let urns: FlatStrings
        let sessions: [Int]
        let effects: [Double]
        let ethnicities: FlatStrings
        let districts: FlatStrings
        let years: FlatStrings

        init(register: SchoolRegister, geography: Geography, years: [AcademicYear]) {
            urns = FlatStrings(register.schools.map { Array(String($0.urn).utf8) })
            sessions = register.schools.map(\.possibleSessions)
            effects = register.schools.map(\.effect)
            ethnicities = FlatStrings(Ethnicity.all.map(\.bytes))
            districts = FlatStrings(geography.districts)
            self.years = FlatStrings(years.map { Array($0.description.utf8) })
        }
    }

    static func write(population: Population, register: SchoolRegister, enrolment: Enrolment,
                      socialCare: SocialCareHistory, names: NamePools, seed: UInt64) -> Output {
        let tables = Tables(register: register, geography: population.geography, years: population.years)
        let rows = enrolment.rows
        let chunkCount = max(1, min(64, rows.count / 20_000))
        let parts = parallelChunks(rows.count, chunks: chunkCount) { range in
            writeChunk(range, rows: rows, population: population, tables: tables, socialCare: socialCare,
                       names: names, schoolCount: register.schools.count, seed: seed)
        }
        var csv = CSV.header(header, lineEnd: [10])
        csv.reserveCapacity(csv.count + parts.reduce(0) { $0 + $1.csv.count })
        var truth = TruthMeasures(years: population.years, socialCare: socialCare)
        var rolls = [SchoolsCSV.Roll](repeating: .init(), count: register.schools.count)
        for part in parts {
            csv += part.csv
            truth.merge(part.truth)
            for s in rolls.indices { rolls[s].add(part.rolls[s]) }
        }
        return Output(csv: csv, truth: truth, rolls: rolls)
    }

    private static func writeChunk(_ range: Range<Int>, rows: [Enrolment.Row], population: Population, tables: Tables,
                                   socialCare: SocialCareHistory, names: NamePools, schoolCount: Int,
                                   seed: UInt64) -> Output {
        var w = ByteWriter(capacity: range.count * 140 + 64)
        var truth = TruthMeasures(years: population.years, socialCare: nil)
        var rolls = [SchoolsCSV.Roll](repeating: .init(), count: schoolCount)
        let latest = population.latest
        let people = population.people
        let upns = population.upns
        let quoteNames = names.forenameBytes.anyNeedsQuoting || names.surnameBytes.anyNeedsQuoting
        // Local copies of the arrays the loop reads, so the optimiser sees they cannot change and
        // does not retain and release them row by row.
        let sessions = tables.sessions, effects = tables.effects
        let groups = socialCare.groups, yearCount = socialCare.yearCount
        let unitLetters = Postcode.unitLetters
        let comma = UInt8(ascii: ",")

        for r in range {
            let row = rows[r]
            let p = Int(row.person)
            let person = people[p]
            let k = Int(row.year)
            let child = Int(person.socialCare)
            let group = child >= 0 ? Int(groups[child * yearCount + k]) : 0
            let status: OutcomeModel.Status = child < 0 ? 0 : group == 0 ? 1 : group + 1
            let isSubsidiary = row.status == 2
            let main = Int(isSubsidiary ? row.dualSchool : row.school)
            let dualSessions = row.status == 0 ? 0 : sessions[Int(isSubsidiary ? row.school : row.dualSchool)]
            let outcome = OutcomeModel.draw(
                person: person, personIndex: p, year: k, nc: Int(row.nc), status: status,
                schoolSessions: sessions[main], schoolEffect: effects[main],
                isJoinYear: person.joinedMidway && k == Int(person.firstYear),
                isLeaveYear: person.leftMidway && k == Int(person.lastYear), dualSessions: dualSessions, seed: seed)
            if !isSubsidiary {
                truth.add(outcome, year: k, inSocialCare: child >= 0, group: group)
                if k == latest {
                    rolls[Int(row.school)].pupils += 1
                    if person.isMale { rolls[Int(row.school)].boys += 1 } else { rolls[Int(row.school)].girls += 1 }
                    if outcome.fsm { rolls[Int(row.school)].fsm += 1 }
                }
            }

            // Identity.
            upns.withUnsafeBufferPointer { w.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[(p * 13)..<(p * 13 + 13)])) }
            w.byte(comma)
            if person.hasFormerUPN, let former = population.formerUPNs[Int32(p)] { w.append(former) }
            w.byte(comma)
            if quoteNames {
                writeNamesQuoted(person, names, &w)
            } else {
                names.forenameBytes.append(Int(person.forename), to: &w.bytes)
                if person.forename2 >= 0 {
                    w.byte(person.hyphenatedForenames ? UInt8(ascii: "-") : UInt8(ascii: " "))
                    names.forenameBytes.append(Int(person.forename2), to: &w.bytes)
                }
                w.byte(comma)
                names.surnameBytes.append(Int(person.surname), to: &w.bytes)
                if person.surname2 >= 0 {
                    w.byte(person.hyphenatedSurname ? UInt8(ascii: "-") : UInt8(ascii: " "))
                    names.surnameBytes.append(Int(person.surname2), to: &w.bytes)
                }
            }
            w.byte(comma)
            w.isoDate(person.dob); w.byte(comma)
            w.byte(person.isMale ? UInt8(ascii: "M") : UInt8(ascii: "F")); w.byte(comma)
            tables.ethnicities.append(Int(person.ethnicity), to: &w.bytes); w.byte(comma)
            let postcode = person.postcode
            tables.districts.append(postcode.district, to: &w.bytes)
            w.byte(UInt8(ascii: " "))
            w.byte(48 + UInt8(postcode.sector))
            w.byte(unitLetters[Int(postcode.packed >> 5 & 0x1F)])
            w.byte(unitLetters[Int(postcode.packed & 0x1F)])
            w.byte(comma)
            // Enrolment.
            tables.urns.append(Int(row.school), to: &w.bytes); w.byte(comma)
            if row.nc == 0 { w.byte(UInt8(ascii: "R")) } else { w.int(Int(row.nc)) }
            w.byte(comma)
            w.byte(row.status == 0 ? UInt8(ascii: "C") : row.status == 1 ? UInt8(ascii: "M") : UInt8(ascii: "S")); w.byte(comma)
            w.byte(outcome.fsm ? UInt8(ascii: "1") : UInt8(ascii: "0")); w.byte(comma)
            w.byte(outcome.sen == .ehcPlan ? UInt8(ascii: "E") : outcome.sen == .senSupport ? UInt8(ascii: "K") : UInt8(ascii: "N"))
            w.byte(comma)
            // Attendance and exclusions: each registration records its own sessions.
            if isSubsidiary {
                w.int(Int(outcome.dualPossible)); w.byte(comma)
                w.int(Int(outcome.dualAuthorised)); w.byte(comma)
                w.int(Int(outcome.dualUnauthorised)); w.byte(comma)
                w.int(Int(outcome.dualSuspensions)); w.byte(comma)
                w.byte(UInt8(ascii: "0")); w.byte(comma)
            } else {
                w.int(Int(outcome.possible)); w.byte(comma)
                w.int(Int(outcome.authorised)); w.byte(comma)
                w.int(Int(outcome.unauthorised)); w.byte(comma)
                w.int(Int(outcome.suspensions)); w.byte(comma)
                w.byte(outcome.permanentExclusion ? UInt8(ascii: "1") : UInt8(ascii: "0")); w.byte(comma)
            }
            // KS4: on the main registration only.
            if !isSubsidiary && outcome.attainment8Halves >= 0 {
                w.int(Int(outcome.attainment8Halves) / 2)
                if outcome.attainment8Halves % 2 == 1 { w.byte(UInt8(ascii: ".")); w.byte(UInt8(ascii: "5")) }
                w.byte(comma)
                w.byte(outcome.englishMaths95 ? UInt8(ascii: "1") : UInt8(ascii: "0")); w.byte(comma)
            } else {
                w.byte(comma); w.byte(comma)
            }
            tables.years.append(k, to: &w.bytes)
            w.byte(10)
        }
        return Output(csv: w.bytes, truth: truth, rolls: rolls)
    }

    /// The rare path for name tables holding a comma or quote: each name written as a CSV field.
    private static func writeNamesQuoted(_ person: Person, _ names: NamePools, _ w: inout ByteWriter) {
        var forename = Array(names.forenameBytes[person.forename])
        if person.forename2 >= 0 {
            forename.append(person.hyphenatedForenames ? UInt8(ascii: "-") : UInt8(ascii: " "))
            forename += names.forenameBytes[person.forename2]
        }
        w.field(forename)
        w.comma()
        var surname = Array(names.surnameBytes[person.surname])
        if person.surname2 >= 0 {
            surname.append(person.hyphenatedSurname ? UInt8(ascii: "-") : UInt8(ascii: " "))
            surname += names.surnameBytes[person.surname2]
        }
        w.field(surname)
    }
}
