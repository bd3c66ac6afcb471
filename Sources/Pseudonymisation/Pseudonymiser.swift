import CohortModel
import Extracts
import Synchronization

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
    /// the school of its latest episode that names one. The records are let go before the tokens
    /// are made (pass them with `consume` when they have no other holder).
    public func pseudonymise(socialCare extract: consuming [SocialCareRecord], schoolOfRow: [Int32?] = []) -> PseudonymisedSocialCare {
        let records = consume extract
        let people = PeopleRows(keys: records.map(\.childID), threads: threads)
        let encoder = self.encoder
        let identities = identities(of: people, in: records, Self.identity)
        let children = parallelMap(people.count, threads: threads) { person -> PseudonymisedChild in
            let rows = people[person].map(Int.init), first = records[rows[0]]
            return PseudonymisedChild(
                row: Int32(first.row), key: encoder.childToken(first.childID),
                ethnicity: EthnicityGroup(code: rows.lazy.map { records[$0].ethnicity }.first { !$0.isEmpty } ?? ""),
                birthYear: identities[person].birthDate.map { Int16($0.year) },
                school: schoolOfRow.isEmpty ? nil
                    : rows.filter { schoolOfRow[$0] != nil }.max { records[$0].start < records[$1].start }.flatMap { schoolOfRow[$0] })
        }
        var episodes: [Episode] = []
        episodes.reserveCapacity(records.count)
        for person in 0..<people.count {
            for index in people[person] {
                let record = records[Int(index)]
                episodes.append(Episode(child: Int32(person), category: record.category, start: record.start, end: record.end))
            }
        }
        _ = consume records
        SystemMemory.returnFreedMemory()
        let (tokens, quality) = encodeAll(identities, people: "children")
        return PseudonymisedSocialCare(provenance: Provenance(keyID: keyID, quality: quality), children: children, tokens: tokens,
                                       episodes: episodes)
    }

    /// In England-sized work (`SystemMemory.isLargeScale`), the pupils' identities are merged and the
    /// records let go before the tokens are made: the records and the tokens would not fit in memory
    /// together with room to spare. Smaller, each identity is merged as its tokens are made: an array
    /// of 400,000 identities was 70 MB of fresh memory, and a pass of its own.
    public func pseudonymise(education extract: consuming [EducationRecord]) -> PseudonymisedEducation {
        let records = consume extract
        let people = PeopleRows(keys: records.map(\.upn), threads: threads)
        let pupils = records.withSharedElements { records in
            people.withSharedRows { people in
                parallelMap(people.count, threads: threads) { person -> PseudonymisedPupil in
                    let rows = people[person]
                    return PseudonymisedPupil(
                        row: Int32(records[Int(rows.first!)].row),
                        ethnicity: EthnicityGroup(code: rows.lazy.map { records[Int($0)].ethnicity }.first { !$0.isEmpty } ?? ""))
                }
            }
        }
        var enrolments = records.withSharedElements { records in
            people.personOfRow.withSharedElements { personOfRow in
                parallelMap(records.count, threads: threads) { i in Self.enrolment(of: records[i], pupil: personOfRow[i]) }
            }
        }
        if !enrolments.indices.dropFirst().allSatisfy({ enrolments[$0 - 1].row < enrolments[$0].row }) {
            enrolments.sort { $0.row < $1.row }
        }
        let (tokens, quality): ([IdentityTokens], IdentifierQuality)
        if SystemMemory.isLargeScale {
            let identities = identities(of: people, in: records, Self.identity)
            _ = consume records
            SystemMemory.returnFreedMemory()
            (tokens, quality) = encodeAll(identities, people: "pupils")
        } else {
            (tokens, quality) = records.withSharedElements { records in
                people.withSharedRows { people in
                    encodeAll(people.count, people: "pupils") { Self.identity(of: people[$0], in: records, Self.identity) }
                }
            }
        }
        return PseudonymisedEducation(provenance: Provenance(keyID: keyID, quality: quality), pupils: pupils, tokens: tokens,
                                      enrolments: enrolments)
    }

    /// Each person's identity, on every core.
    private func identities<Record: Sendable>(of people: PeopleRows, in records: [Record],
                                              _ identity: @escaping @Sendable (Record) -> RawIdentity) -> [RawIdentity] {
        records.withSharedElements { records in
            people.withSharedRows { people in
                parallelMap(people.count, threads: threads) { Self.identity(of: people[$0], in: records, identity) }
            }
        }
    }

    /// A person's identity merged from their records' (`RawIdentity.fillMissing`). A loop, not a lazy
    /// map of the rows: its closure was allocated and freed for each of 400,000 pupils.
    private static func identity<Record>(of rows: Slice<UnsafeBufferPointer<Int32>>, in records: SharedElements<Record>,
                                         _ identity: (Record) -> RawIdentity) -> RawIdentity {
        var merged = identity(records[Int(rows.first!)])
        for row in rows.dropFirst() { merged.fillMissing(from: identity(records[Int(row)])) }
        return merged
    }

    /// `encodeAll` of identities merged already.
    private func encodeAll(_ identities: [RawIdentity], people: String) -> (tokens: [IdentityTokens], quality: IdentifierQuality) {
        identities.withSharedElements { identities in encodeAll(identities.count, people: people) { identities[$0] } }
    }

    /// The tokens of `count` people's identities, given by `identity`, and the identifiers' quality;
    /// each worker keeps a cache of repeated values and a count of its own. `people` names them in
    /// the stage's progress.
    private func encodeAll(_ count: Int, people: String, identity: @escaping @Sendable (Int) -> RawIdentity)
        -> (tokens: [IdentityTokens], quality: IdentifierQuality) {
        let (encoder, threads) = (self.encoder, self.threads)
        let quality = Mutex(IdentifierQuality())
        let tokens = StageProgress.step("make tokens", total: count, unit: people) { progress in
            // Each worker keeps its cache across the chunks it takes; chunks small enough that neither
            // waits for the other at the end (two halves finished 0.1 s apart at 400,000 pupils).
            parallelMap(count, chunks: threads * 16, threads: threads, progress: progress,
                        state: { (cache: EncodingCache(), quality: IdentifierQuality()) }, { state, i in
                encoder.tokens(for: identity(i), cache: &state.cache, quality: &state.quality)
            }, finish: { state in quality.withLock { $0.add(state.quality) } })
        }
        return (tokens, quality.withLock { $0 })
    }

    private static func enrolment(of record: EducationRecord, pupil: Int32) -> Enrolment {
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

/// Rows grouped into people by a person key (a UPN, a child's ID), people in order of first
/// appearance and each person's rows in order, so the result is deterministic. Nine million keys
/// are grouped by sorting their 64-bit hashes (in parallel) rather than through a dictionary of
/// strings; rows whose hashes collide are told apart by their keys.
struct PeopleRows: Sendable {
    /// Each person's rows in turn.
    let rows: [Int32]
    /// Where each person's rows begin in `rows`, and where the last person's end.
    let starts: [Int32]

    var count: Int { starts.count - 1 }

    subscript(person: Int) -> ArraySlice<Int32> { rows[Int(starts[person])..<Int(starts[person + 1])] }

    /// `body` with each person's rows shared for reading by every worker (`SharedElements`).
    func withSharedRows<R>(_ body: (Shared) -> R) -> R {
        rows.withSharedElements { rows in starts.withSharedElements { starts in body(Shared(rows: rows, starts: starts)) } }
    }

    struct Shared: Sendable {
        let rows: SharedElements<Int32>, starts: SharedElements<Int32>

        var count: Int { starts.count - 1 }

        subscript(person: Int) -> Slice<UnsafeBufferPointer<Int32>> { rows[Int(starts[person])..<Int(starts[person + 1])] }
    }

    /// The person of each row.
    let personOfRow: [Int32]

    /// `hash` is replaceable only so that tests can make every key collide.
    init(keys: [String], threads: Int = defaultThreadCount, hash: @Sendable (String) -> UInt64 = stableHash) {
        let count = keys.count
        var hashes = parallelMap(count, threads: threads) { hash(keys[$0]) }
        var byHash = (0..<Int32(count)).map { $0 }
        radixSort(&hashes, carrying: &byHash, threads: threads)
        // Each row's first row with its key: a run of one hash is one key (unless keys collide),
        // its rows in order, as the sort is stable. Walked through pointers: 400,000 runs, nearly all
        // of one row, each retained and released the arrays as slices.
        var firstRow = [Int32](repeating: 0, count: count)
        hashes.withUnsafeBufferPointer { hashes in
            byHash.withUnsafeBufferPointer { rows in
                firstRow.withUnsafeMutableBufferPointer { firstRow in
                    var start = 0
                    while start < count {
                        var end = start + 1
                        while end < count && hashes[end] == hashes[start] { end += 1 }
                        if end - start == 1 || (start + 1..<end).allSatisfy({ keys[Int(rows[$0])] == keys[Int(rows[start])] }) {
                            for i in start..<end { firstRow[Int(rows[i])] = rows[start] }
                        } else {
                            var first: [String: Int32] = [:]
                            for row in rows[start..<end] {
                                let key = keys[Int(row)]
                                if first[key] == nil { first[key] = row }
                                firstRow[Int(row)] = first[key]!
                            }
                        }
                        start = end
                    }
                }
            }
        }
        // People numbered in order of their first rows (a row's first row comes no later than it),
        // then each person's rows gathered in order: a counting sort.
        var personOfRow = [Int32](repeating: 0, count: count), people: Int32 = 0
        var starts = [Int32](repeating: 0, count: count + 1)
        for row in 0..<count {
            let first = Int(firstRow[row])
            if first == row {
                personOfRow[row] = people
                people += 1
            } else {
                personOfRow[row] = personOfRow[first]
            }
            starts[Int(personOfRow[row]) + 1] += 1
        }
        starts.removeLast(count - Int(people))
        for p in 0..<Int(people) { starts[p + 1] += starts[p] }
        var next = starts, rows = [Int32](repeating: 0, count: count)
        for row in 0..<count {
            let p = Int(personOfRow[row])
            rows[Int(next[p])] = Int32(row)
            next[p] += 1
        }
        (self.rows, self.starts, self.personOfRow) = (rows, starts, personOfRow)
    }
}

extension RawIdentity {
    /// Takes each identifier `self` lacks from `other` (a person's later row): one identity from a
    /// person's rows, each identifier from the first row that has it.
    mutating func fillMissing(from other: RawIdentity) {
        if upn.isEmpty || UPN.isPlaceholder(upn) { upn = other.upn }
        if formerUPN.isEmpty { formerUPN = other.formerUPN }
        if forename.isEmpty { forename = other.forename }
        if middleNames.isEmpty { middleNames = other.middleNames }
        if surname.isEmpty { surname = other.surname }
        if birthDate == nil { birthDate = other.birthDate }
        if postcode.isEmpty { postcode = other.postcode }
        if sex == .unknown { sex = other.sex }
    }
}

extension IdentifierQuality {
    /// Counts one person's identifiers. `tokens` are theirs: a UPN with a token is valid, and is not
    /// checked again. `isPostcode`: whether their postcode is one (`Postcode.isValid`).
    mutating func count(_ raw: RawIdentity, tokens: IdentityTokens, isPostcode: Bool) {
        people += 1
        switch tokens.upn != 0 ? .valid : UPN.kind(of: raw.upn) {
        case .missing: upnMissing += 1
        case .placeholder: upnPlaceholder += 1
        case .failsCheckLetter: upnFailsCheckLetter += 1
        case .valid: break
        }
        if raw.birthDate == nil { birthDateMissing += 1 }
        if raw.forename.isEmpty && raw.surname.isEmpty { namesMissing += 1 }
        if !isPostcode { postcodeMissingOrInvalid += 1 }
    }

    /// Adds another count's.
    mutating func add(_ other: IdentifierQuality) {
        people += other.people
        upnMissing += other.upnMissing
        upnPlaceholder += other.upnPlaceholder
        upnFailsCheckLetter += other.upnFailsCheckLetter
        birthDateMissing += other.birthDateMissing
        namesMissing += other.namesMissing
        postcodeMissingOrInvalid += other.postcodeMissingOrInvalid
    }
}
