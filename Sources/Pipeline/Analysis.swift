import CohortModel
import Disclosure
import Extracts
import Linkage
import Measures
import Pseudonymisation
import Publishing

/// Options of the analysis step.
public struct AnalysisOptions: Sendable {
    /// The day social care status is judged on in the latest academic year; earlier years use
    /// the same day and month. Default: 31 March of each academic year.
    public var referenceDate: Day?
    public var rules = DisclosureRules()
    public var measures = MeasureOptions(topics: BreakdownTopic.allCases, schoolLevel: true)
    public var linkage = LinkageOptions()
    /// The deterministic passes instead of the probabilistic model: a baseline for comparison.
    public var deterministic = false
    /// The ledger of what earlier releases published, so that this one cannot be differenced against
    /// them; read before protecting, and updated beside the outputs after writing.
    public var ledgerPath: String?
    /// This release's name in the ledger (default: its academic years).
    public var releaseID: String?
    /// The noise source of `--privacy-budget` (a seed makes the release reproducible).
    public var privacy = PrivacySettings()
    /// England's release: the extracts cover every local authority, and the tables have England's
    /// rows and each local authority's (the pupils of its schools), but not the schools'.
    public var england = false

    public init(referenceDate: Day? = nil, rules: DisclosureRules = DisclosureRules(),
                measures: MeasureOptions = MeasureOptions(topics: BreakdownTopic.allCases, schoolLevel: true),
                linkage: LinkageOptions = LinkageOptions(), deterministic: Bool = false) {
        self.referenceDate = referenceDate
        self.rules = rules
        self.measures = measures
        self.linkage = linkage
        self.deterministic = deterministic
    }
}

/// What the analysis step produces: links (kept in memory, never published) and the
/// disclosure-controlled tables.
public struct AnalysisResult: Sendable {
    public var linkage: LinkageResult
    public var tables: [PublishedTable]
    public var area: Area
    /// In England's release, each local authority with rows, by old LA code.
    public var localAuthorities: [Int: Area]
    public var schoolNames: [Int: String]
    public var disclosure: Manifest.Disclosure
    /// Link rates of the latest year's social care children, after disclosure control.
    public var linkageQuality: [PublishedLinkageQualityRow]
    let protection: ProtectionResult

    /// The ledger with this release added, to be kept beside the outputs.
    public var ledger: Ledger { protection.ledger }
}

public struct AnalysisError: Error, CustomStringConvertible {
    public let description: String
}

/// Links pseudonymised extracts and turns them into published tables. Holds no key and sees no
/// raw identifier: the analyst's side of the split workflow, and the second half of `run`.
public struct Analysis {
    /// The social care children, each child's tokens carrying the school its record names.
    public let socialCare: PseudonymisedSocialCare
    /// The pupils, each pupil's tokens carrying the school of the pupil's latest year, and the
    /// enrolments with every school as its current URN.
    public let education: PseudonymisedEducation
    let schools: [School]
    let options: AnalysisOptions

    /// Takes the pseudonymised data over and completes it in place for linkage (resolved schools;
    /// see `socialCare` and `education`): at England's scale a copy of the pupils' tokens would be
    /// another 4 GB. Pass the data with `consume` where the caller has no more use for it.
    public init(socialCare: consuming PseudonymisedSocialCare, education: consuming PseudonymisedEducation,
                schools: [School], options: AnalysisOptions) throws {
        guard socialCare.keyID == education.keyID else {
            throw AnalysisError(description: "the two pseudonymised files were made with different keys (key ids \(socialCare.keyID) and \(education.keyID)); they cannot be linked. Pseudonymise both extracts with the same project key.")
        }
        try Self.resolveSchools(of: &education.enrolments, register: schools)
        Self.setLatestSchools(of: &education.tokens, from: education.enrolments)
        for (i, child) in socialCare.children.enumerated() { socialCare.tokens[i].school = child.school.map { UInt32($0) } ?? 0 }
        self.socialCare = socialCare
        self.education = education
        self.schools = schools
        self.options = options
    }

    public func run(clock: StageClock = StageClock()) throws -> AnalysisResult {
        let linkage = link(clock: clock)
        let episodesByChild = Dictionary(grouping: socialCare.episodes, by: \.child)
        let measures = measures(of: linkage, episodesByChild: episodesByChild, clock: clock)
        let area = options.england ? .england : try area(of: education.enrolments)
        let quality = linkageQualityRows(linkage, episodesByChild: episodesByChild, on: measures.last?.referenceDate, area: area)
        let protection = try clock.measure("disclosure control and audit", unit: "cells", amount: { Double($0.result.cells.count) }) {
            try ReleaseProtection(measures: measures, linkageQuality: quality, year: measures.last?.year, rules: options.rules,
                                  ledger: try options.ledgerPath.map { try Ledger.read(from: $0) }, releaseID: options.releaseID ?? measures.map(\.year.timePeriod).joined(separator: "+"),
                                  privacy: options.privacy, threads: options.linkage.threads)
        }
        let laCodes = Set(measures.flatMap { $0.rows.compactMap(\.la) })
        var localAuthorities: [Int: Area] = [:]
        for school in schools where laCodes.contains(school.laCode) && localAuthorities[school.laCode] == nil {
            localAuthorities[school.laCode] = Area(oldLACode: school.laCode, fallbackName: school.laName)
        }
        return AnalysisResult(
            linkage: linkage, tables: protection.tables, area: area, localAuthorities: localAuthorities,
            schoolNames: Dictionary(schools.map { ($0.urn, $0.name) }, uniquingKeysWith: { first, _ in first }),
            disclosure: Manifest.Disclosure(protection.result, rules: options.rules), linkageQuality: protection.linkageQuality,
            protection: protection.result)
    }

    /// The cohort measures of every academic year, unprotected: for the release, and for timing the
    /// pipeline up to the measures (`bench --no-release`).
    public func measures(of linkage: LinkageResult, clock: StageClock = StageClock()) -> [MeasureTable] {
        measures(of: linkage, episodesByChild: Dictionary(grouping: socialCare.episodes, by: \.child), clock: clock)
    }

    /// The measures, given each child's episodes (which the release's linkage quality rows use too).
    private func measures(of linkage: LinkageResult, episodesByChild: [Int32: [Episode]], clock: StageClock) -> [MeasureTable] {
        let enrolments = education.enrolments
        let childOfPupil = linkage.links.reduce(into: [Int32?](repeating: nil, count: education.pupils.count)) { childOfPupil, link in
            childOfPupil[Int(link.pupil)] = link.child
        }

        let threads = options.linkage.threads
        let (socialCare, education) = (socialCare, education)
        var measureOptions = options.measures
        if options.england {
            // England's release stops at local authorities, as the DfE's national statistics do: each
            // school's figures belong to its own LA's release. Published here too, 23,000 schools'
            // rare counts (a permanent exclusion of a looked-after child) tie every LA's suppression
            // to every other's through England's totals.
            measureOptions.localAuthorityOfSchool = Dictionary(schools.map { ($0.urn, $0.laCode) }, uniquingKeysWith: { first, _ in first })
            measureOptions.schoolLevel = false
        }
        var measures: [MeasureTable] = []
        let years = yearsAndReferenceDates(enrolments)
        for (year, referenceDate) in years {
            let groups = parallelMap(socialCare.children.count, threads: threads) {
                ChildStatus.group(of: episodesByChild[Int32($0)] ?? [], on: referenceDate)
            }
            let cohort = CohortYear(
                year: year, referenceDate: referenceDate,
                // With one year, every enrolment is of it (or of none): not copied.
                enrolments: years.count == 1 ? enrolments : enrolments.filter { $0.year == nil || $0.year == year },
                pupilStatus: parallelMap(childOfPupil.count, threads: threads) { p in
                    guard let child = childOfPupil[p] else { return .notLinked }
                    return groups[Int(child)].map(PupilStatus.socialCare) ?? .linkedWithoutOpenEpisode
                },
                pupilSex: parallelMap(education.tokens.count, threads: threads) { education.tokens[$0].sex },
                pupilEthnicity: education.pupils.map(\.ethnicity),
                children: parallelMap(socialCare.children.count, threads: threads) { i in
                    ChildStatus(group: groups[i], sex: socialCare.tokens[i].sex, ethnicity: socialCare.children[i].ethnicity)
                })
            measures.append(clock.measure("measures \(year)", unit: "enrolments", amount: { _ in Double(cohort.enrolments.count) }) {
                cohort.measures(measureOptions, threads: threads)
            })
        }
        return measures
    }

    /// The links alone, without measures or a release: for timing linkage at scales (England's
    /// pupils as one LA) where a release of every school's tables is not what anyone would publish.
    public func link(clock: StageClock = StageClock()) -> LinkageResult {
        let (children, pupils) = (socialCare.tokens, education.tokens)
        return options.deterministic ? clock.measure("deterministic linkage") { DeterministicLinker().link(children: children, pupils: pupils) }
            : ProbabilisticLinker(options: options.linkage).link(children: LinkageRecords(children), pupils: LinkageRecords(pupils), clock: clock)
    }

    /// Link rates of every social care child, by the child's status at the latest reference date, and
    /// (in one local authority's release) by whether the school its record names is in the LA.
    func linkageQualityRows(_ linkage: LinkageResult, episodesByChild: [Int32: [Episode]], on referenceDate: Day?,
                            area: Area) -> [LinkageQualityRow] {
        var method = [String?](repeating: nil, count: socialCare.children.count)
        for link in linkage.links { method[Int(link.child)] = link.method.label }
        let schoolLA = Dictionary(schools.map { ($0.urn, $0) }, uniquingKeysWith: { first, _ in first })
        let children = socialCare.children.enumerated().map { i, child in
            LinkedChild(group: referenceDate.flatMap { ChildStatus.group(of: episodesByChild[Int32(i)] ?? [], on: $0) },
                        sex: socialCare.tokens[i].sex, ethnicity: child.ethnicity,
                        age: ageFromBirthYear(child.birthYear, on: referenceDate), method: method[i],
                        schoolArea: child.school.flatMap { area == .england ? nil : schoolLA[Int($0)] }.map { school in
                            String(school.laCode) == area.oldLACode ? LinkedChild.inTheLA
                                : Area(oldLACode: school.laCode, fallbackName: school.laName).laName
                        })
        }
        let methods = LinkMethod.allCases.filter { method in linkage.rules.contains { $0.method == method } }
        return linkageQuality(children, methods: methods.map(\.label))
    }

    /// Age from the year of birth alone: at a 31 March reference date most children born in year
    /// B are Y − B − 1 (those born in January to March are a year older).
    func ageFromBirthYear(_ birthYear: Int16?, on day: Day?) -> Int? {
        guard let birthYear, let day else { return nil }
        return day.year - Int(birthYear) - 1
    }

    /// Sets each pupil's school to the school of the pupil's latest year (main registration), for
    /// the school comparison.
    static func setLatestSchools(of tokens: inout [IdentityTokens], from enrolments: [Enrolment]) {
        var latestYear = [Int](repeating: .min, count: tokens.count)
        for e in enrolments where e.enrolStatus != .subsidiaryDual {
            guard let urn = e.urn else { continue }
            let year = e.year?.startYear ?? 0, p = Int(e.pupil)
            if year > latestYear[p] { (latestYear[p], tokens[p].school) = (year, UInt32(urn)) }
        }
    }

    /// Gives every school as its current URN: LAEstab numbers looked up in the register, and
    /// schools that closed and reopened (academy conversions) counted as what they became.
    static func resolveSchools(of enrolments: inout [Enrolment], register schools: [School]) throws {
        var urnOfLAEstab: [Int: Int] = [:]
        for school in schools { if let laEstab = school.laEstab { urnOfLAEstab[laEstab] = school.urn } }
        let current = SchoolRegister.currentURNs(schools)
        var unresolved = 0
        // Enrolments come school by school (a census return is one school's): the school before's
        // answer is kept, and the dictionaries asked only where the school changes (0.4% of rows).
        var last: (urn: Int?, laEstab: Int?, current: Int?, unresolved: Bool)?
        for i in enrolments.indices {
            let (urn, laEstab) = (enrolments[i].urn, enrolments[i].laEstab)
            if last == nil || last!.urn != urn || last!.laEstab != laEstab {
                let named = urn ?? laEstab.flatMap { urnOfLAEstab[$0] }
                last = (urn, laEstab, named.map { current[$0] ?? $0 }, named == nil && laEstab != nil)
            }
            enrolments[i].urn = last!.current
            if last!.unresolved { unresolved += 1 }
        }
        if unresolved > 0 && unresolved == enrolments.count {
            throw AnalysisError(description: "none of the education extract's LAEstab numbers are in the school register. Check that --schools is the GIAS extract for these schools.")
        }
    }

    /// Each academic year in the education extract with its reference date, oldest first.
    func yearsAndReferenceDates(_ enrolments: [Enrolment]) -> [(AcademicYear, Day)] {
        // A handful of years among hundreds of thousands of enrolments, mostly in runs of one year.
        var years: [AcademicYear] = []
        for year in enrolments.lazy.compactMap(\.year) where year != years.last && !years.contains(year) { years.append(year) }
        years.sort()
        if years.isEmpty {
            let latestStart = socialCare.episodes.map(\.start).max()
            years = [options.referenceDate.map { AcademicYear(containing: $0) }
                     ?? latestStart.map { AcademicYear(containing: $0) }
                     ?? AcademicYear(containing: Day(number: 0))]
        }
        guard let latest = years.last else { return [] }
        return years.map { year in
            guard let chosen = options.referenceDate else { return (year, year.referenceDate) }
            let (_, month, day) = chosen.components
            let shifted = Day(year: chosen.year - (latest.startYear - year.startYear), month: month, day: min(day, Day.daysIn(month: month, year: chosen.year - (latest.startYear - year.startYear))))!
            return (year, shifted)
        }
    }

    /// The local authority whose schools most pupils attend.
    func area(of enrolments: [Enrolment]) throws -> Area {
        let laOfSchool = Dictionary(schools.map { ($0.urn, $0.laCode) }, uniquingKeysWith: { first, _ in first })
        // Counted per school first, then per LA: one lookup per enrolment rather than three.
        var pupilsPerSchool: [Int: Int] = [:]
        for urn in enrolments.lazy.compactMap(\.urn) { pupilsPerSchool[urn, default: 0] += 1 }
        var pupilsPerLA: [Int: Int] = [:]
        for (urn, pupils) in pupilsPerSchool {
            if let code = laOfSchool[urn] { pupilsPerLA[code, default: 0] += pupils }
        }
        guard let (code, _) = pupilsPerLA.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }) else {
            throw AnalysisError(description: "none of the education extract's schools (URN) are in the school register. Check that --schools is the GIAS establishment extract covering these schools.")
        }
        return Area(oldLACode: code, fallbackName: schools.first { $0.laCode == code }?.laName ?? "")
    }
}
