import CohortModel
import Extracts

/// The custodian's step: groups an extract's rows into people, normalises their identifiers and
/// replaces them with keyed tokens, in parallel. What comes out holds no raw identifier.
public struct Pseudonymiser: Sendable {
    public let encoder: TokenEncoder
    public let keyID: String
    let threads: Int

    public init(key: ProjectKey, threads: Int = defaultThreadCount) {
        encoder = TokenEncoder(key: key)
        keyID = key.id
        self.threads = threads
    }

    /// `schoolOfRow` gives the URN of the school a row names, when it can be told; each child takes
    /// the school of its latest episode that names one.
    public func pseudonymise(socialCare records: [SocialCareRecord], schoolOfRow: [Int32?] = []) -> PseudonymisedSocialCare {
        let people = groupRows(records.map(\.childID))
        let encoder = self.encoder
        let identities = parallelMap(people.count, threads: threads) { person in
            mergedIdentity(people[person].lazy.map { Self.identity(of: records[$0]) })
        }
        let tokens = encodeAll(identities)
        let children = parallelMap(people.count, threads: threads) { person -> PseudonymisedChild in
            let rows = people[person], first = records[rows[0]]
            return PseudonymisedChild(
                row: Int32(first.row), key: encoder.childToken(first.childID), tokens: tokens[person],
                ethnicity: EthnicityGroup(code: rows.lazy.map { records[$0].ethnicity }.first { !$0.isEmpty } ?? ""),
                birthYear: identities[person].birthDate.map { Int16($0.year) },
                school: schoolOfRow.isEmpty ? nil
                    : rows.filter { schoolOfRow[$0] != nil }.max { records[$0].start < records[$1].start }.flatMap { schoolOfRow[$0] })
        }
        var episodes: [Episode] = []
        episodes.reserveCapacity(records.count)
        for (person, rows) in people.enumerated() {
            for index in rows {
                let record = records[index]
                episodes.append(Episode(child: Int32(person), category: record.category, start: record.start, end: record.end))
            }
        }
        return PseudonymisedSocialCare(provenance: Provenance(keyID: keyID, quality: measureQuality(identities)), children: children, episodes: episodes)
    }

    public func pseudonymise(education records: [EducationRecord]) -> PseudonymisedEducation {
        let people = groupRows(records.map(\.upn))
        let identities = parallelMap(people.count, threads: threads) { person in
            mergedIdentity(people[person].lazy.map { Self.identity(of: records[$0]) })
        }
        let tokens = encodeAll(identities)
        let pupils = parallelMap(people.count, threads: threads) { person -> PseudonymisedPupil in
            let rows = people[person]
            return PseudonymisedPupil(
                row: Int32(records[rows[0]].row), tokens: tokens[person],
                ethnicity: EthnicityGroup(code: rows.lazy.map { records[$0].ethnicity }.first { !$0.isEmpty } ?? ""))
        }
        var enrolments: [Enrolment] = []
        enrolments.reserveCapacity(records.count)
        for (person, rows) in people.enumerated() {
            for index in rows { enrolments.append(enrolment(of: records[index], pupil: Int32(person))) }
        }
        enrolments.sort { $0.row < $1.row }
        return PseudonymisedEducation(provenance: Provenance(keyID: keyID, quality: measureQuality(identities)), pupils: pupils, enrolments: enrolments)
    }

    /// Tokens of every identity, each worker with its own cache of repeated values.
    private func encodeAll(_ identities: [RawIdentity]) -> [IdentityTokens] {
        let encoder = self.encoder
        // One chunk per thread: the larger each worker's share, the more its cache is reused.
        return parallelMap(identities.count, chunks: threads, threads: threads, state: { EncodingCache() }) { cache, i in
            encoder.tokens(for: identities[i], cache: &cache)
        }
    }

    private func enrolment(of record: EducationRecord, pupil: Int32) -> Enrolment {
        var e = Enrolment(pupil: pupil, row: Int32(record.row))
        e.year = record.academicYear
        e.urn = record.urn
        e.laEstab = record.laEstab
        e.ncYear = record.ncYear
        e.enrolStatus = record.enrolStatus
        e.fsmEligible = record.fsmEligible
        e.sen = record.sen
        e.sessionsPossible = record.sessionsPossible.map { Int32(clamping: $0) }
        e.sessionsAuthorised = record.sessionsAuthorised.map { Int32(clamping: $0) }
        e.sessionsUnauthorised = record.sessionsUnauthorised.map { Int32(clamping: $0) }
        e.suspensions = record.suspensions.map { Int32(clamping: $0) }
        e.permanentExclusion = record.permanentExclusion
        e.attainment8 = record.attainment8
        e.englishMaths95 = record.englishMaths95
        return e
    }

    private static func identity(of record: SocialCareRecord) -> RawIdentity {
        var raw = RawIdentity()
        raw.upn = record.upn
        raw.formerUPN = record.formerUPN
        raw.forename = record.forename
        raw.surname = record.surname
        raw.birthDate = record.birthDate
        raw.postcode = record.postcode
        raw.sex = record.sex
        return raw
    }

    private static func identity(of record: EducationRecord) -> RawIdentity {
        var raw = RawIdentity()
        raw.upn = record.upn
        raw.formerUPN = record.formerUPN
        raw.forename = record.forename
        raw.middleNames = record.middleNames
        raw.surname = record.surname
        raw.birthDate = record.birthDate
        raw.postcode = record.postcode
        raw.sex = record.sex
        return raw
    }
}

/// Row indices grouped by a person key, people in order of first appearance (deterministic).
func groupRows(_ keys: [String]) -> [[Int]] {
    var index: [String: Int] = [:]
    index.reserveCapacity(keys.count)
    var groups: [[Int]] = []
    for (row, key) in keys.enumerated() {
        if let person = index[key] {
            groups[person].append(row)
        } else {
            index[key] = groups.count
            groups.append([row])
        }
    }
    return groups
}

/// One identity from a person's rows: each identifier from the first row that has it.
func mergedIdentity(_ rows: some Collection<RawIdentity>) -> RawIdentity {
    var merged = rows.first!
    for row in rows.dropFirst() {
        if merged.upn.isEmpty || UPN.isPlaceholder(merged.upn) { merged.upn = row.upn }
        if merged.formerUPN.isEmpty { merged.formerUPN = row.formerUPN }
        if merged.forename.isEmpty { merged.forename = row.forename }
        if merged.middleNames.isEmpty { merged.middleNames = row.middleNames }
        if merged.surname.isEmpty { merged.surname = row.surname }
        if merged.birthDate == nil { merged.birthDate = row.birthDate }
        if merged.postcode.isEmpty { merged.postcode = row.postcode }
        if merged.sex == .unknown { merged.sex = row.sex }
    }
    return merged
}

func measureQuality(_ identities: [RawIdentity]) -> IdentifierQuality {
    parallelChunks(identities.count) { range in measureQuality(identities[range]) }.reduce(into: IdentifierQuality()) { total, part in
        total.people += part.people
        total.upnMissing += part.upnMissing
        total.upnPlaceholder += part.upnPlaceholder
        total.upnFailsCheckLetter += part.upnFailsCheckLetter
        total.birthDateMissing += part.birthDateMissing
        total.namesMissing += part.namesMissing
        total.postcodeMissingOrInvalid += part.postcodeMissingOrInvalid
    }
}

private func measureQuality(_ identities: ArraySlice<RawIdentity>) -> IdentifierQuality {
    var q = IdentifierQuality()
    q.people = identities.count
    for raw in identities {
        let upn = UPN.normalised(raw.upn)
        if upn.isEmpty { q.upnMissing += 1 }
        else if UPN.isPlaceholder(normalised: upn) { q.upnPlaceholder += 1 }
        else if !UPN.isValid(upn) { q.upnFailsCheckLetter += 1 }
        if raw.birthDate == nil { q.birthDateMissing += 1 }
        if raw.forename.isEmpty && raw.surname.isEmpty { q.namesMissing += 1 }
        if Postcode(raw.postcode) == nil { q.postcodeMissingOrInvalid += 1 }
    }
    return q
}
