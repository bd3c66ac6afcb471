import CohortModel

/// Writes the social care extract: a flat case management export, one row per episode, children
/// in LAchildID order, with identifiers as social workers typed them.
enum SocialCareCSV {
    static let header = ["LAchildID", "UPN", "FormerUPN", "Forename", "Surname", "PersonBirthDate", "Sex", "Ethnicity",
                         "Postcode", "Category", "StartDate", "EndDate", "SchoolName", "SchoolURN"]
    /// England's extract adds `LA`, the old code of the LA that recorded each episode, as the
    /// national children in need data does (readers ignore it): a child who moved has episodes
    /// from two LAs.
    static let nationalHeader = header + ["LA"]

    struct Output {
        var csv: [UInt8]
        /// 1-based data row of each child's first episode (indexed like `SocialCareHistory.children`).
        var firstRow: [Int]
        var identities: [RecordedIdentity]
        /// The URN of the school each row's `SchoolName` was typed from; nil when the name is blank,
        /// a nursery or a college (truth for evaluating school resolution, never written out).
        var schoolTruth: [Int?]
    }

    static func write(socialCare: SocialCareHistory, population: Population, register: SchoolRegister,
                      names: NamePools, recordsLA: Bool, seed: UInt64) -> Output {
        let children = socialCare.children
        let order = children.indices.sorted { children[$0].laChildID < children[$1].laChildID }
        let pupilsWithUPN = population.people.indices.filter { population.people[$0].isOnRoll }.map { Int32($0) }
        var w = ByteWriter(capacity: socialCare.episodes.count * 160 + 512)
        w.append(CSV.header(recordsLA ? nationalHeader : header, lineEnd: [13, 10]))
        var firstRow = [Int](repeating: 0, count: children.count)
        var identities = [RecordedIdentity](repeating: RecordedIdentity(), count: children.count)
        var schoolTruth: [Int?] = []
        var row = 0
        for c in order {
            let child = children[c]
            let identity = Messiness.record(child: child, index: c, population: population, names: names,
                                            pupilsWithUPN: pupilsWithUPN, seed: seed)
            identities[c] = identity
            var random = Random(seed: seed, stream: .messiness, UInt64(c), 1)
            let longLabels = random.chance(0.03)
            firstRow[c] = row + 1
            for e in child.episodes {
                let episode = socialCare.episodes[e]
                row += 1
                let slashDates = random.chance(0.1)
                func date(_ day: Day?) {
                    guard let day else { return }
                    if slashDates { w.ukDate(day, separator: UInt8(ascii: "/")) } else { w.isoDate(day) }
                }
                w.int(child.laChildID); w.comma()
                w.field(identity.upn); w.comma()
                w.field(identity.formerUPN); w.comma()
                w.field(identity.forename); w.comma()
                w.field(identity.surname); w.comma()
                date(identity.dob); w.comma()
                w.append(identity.sex); w.comma()
                w.append(identity.ethnicity); w.comma()
                w.field(identity.postcode); w.comma()
                w.append(longLabels ? label(episode.category) : code(episode.category)); w.comma()
                date(episode.start); w.comma()
                date(episode.end); w.comma()
                let (name, urn, truth) = school(child: child, episode: episode, population: population, register: register, &random)
                schoolTruth.append(truth)
                w.field(name); w.comma()
                if let urn { w.int(urn) }
                if recordsLA {
                    w.comma()
                    w.int(population.geography.authorities[Int(episode.recordedBy)].oldCode)
                }
                w.byte(13); w.byte(10)
            }
        }
        return Output(csv: w.bytes, firstRow: firstRow, identities: identities, schoolTruth: schoolTruth)
    }

    static func code(_ category: SocialCareCategory) -> String {
        switch category {
        case .childInNeedPlan: "CINP"
        case .childProtectionPlan: "CPP"
        case .lookedAfter: "CLA"
        }
    }

    static func label(_ category: SocialCareCategory) -> String {
        switch category {
        case .childInNeedPlan: "Child in need plan"
        case .childProtectionPlan: "Child protection plan"
        case .lookedAfter: "Looked after"
        }
    }

    /// The school a social worker recorded on this episode: the child's school when the episode
    /// started, typed freely; the URN only now and then. `truth` is the school typed, if any.
    static func school(child: SocialCareChild, episode: EpisodeRecord, population: Population, register: SchoolRegister,
                       _ random: inout Random) -> (name: String, urn: Int?, truth: Int?) {
        let person = population.people[Int(child.person)]
        let years = population.years
        var school: School?
        switch child.kind {
        case .underFive:
            return random.chance(0.15) ? (random.pick(SchoolNames.nurseries), nil, nil) : ("", nil, nil)
        case .outOfArea:
            if !register.outOfArea.isEmpty { school = register.schools[register.outOfArea[child.laChildID % register.outOfArea.count]] }
        case .pupil, .postSixteen:
            if person.isOnRoll {
                let date = max(episode.start, years[0].firstDay)
                var k = AcademicYear(containing: date).startYear - years[0].startYear
                k = max(Int(person.firstYear), min(years.count - 1, k))
                if k > Int(person.lastYear) {
                    if child.kind == .postSixteen {
                        if random.chance(0.5) { return (random.pick(SchoolNames.colleges), nil, nil) }
                        if random.chance(0.4) { return ("", nil, nil) }
                    }
                    k = Int(person.lastYear)
                }
                school = register.schools[Int(Enrolment.school(of: person, year: k, years: years))]
            } else if child.kind == .postSixteen {
                return random.chance(0.5) ? (random.pick(SchoolNames.colleges), nil, nil) : ("", nil, nil)
            }
        }
        guard let school, !random.chance(0.15) else { return ("", nil, nil) }
        let text = SchoolNames.freeText(school, &random)
        return (text, random.chance(0.12) ? school.urn : nil, school.urn)
    }
}
