import CohortModel
import CryptoPrimitives
import ReferenceData

/// One person's identifiers as fixed-width keyed tokens: everything linkage compares, nothing
/// it could read back. A zero token means the identifier is missing (or, for UPNs, invalid).
///
/// Tokens of the same kind share a label, so they compare across fields where that is useful:
/// a swapped or neighbouring date of birth is tokenised as a date of birth, and forename and
/// surname tokens are both names (to catch the two written the wrong way round).
public struct IdentityTokens: Sendable, Hashable {
    // Fields are declared widest alignment first: in declaration order, the 32-byte token sets
    // left padding between the words, and England's nine million records are read at random.

    /// First forename first, then further forenames and middle names.
    public var forenames: SIMD4<UInt64> = .zero
    /// The first forename and the formal names it may be a diminutive of (Bob: bob, robert).
    public var forenameFormal: SIMD4<UInt64> = .zero
    /// Each part of the surname, and all parts joined when there are several.
    public var surnames: SIMD4<UInt64> = .zero
    public var surnamePhonetics: SIMD4<UInt64> = .zero
    /// Bloom-filter encodings of the first forename and of the surname, for fuzzy comparison.
    public var forenameFilter = NameFilter()
    public var surnameFilter = NameFilter()
    public var upn: UInt64 = 0
    public var formerUPN: UInt64 = 0
    public var birthDate: UInt64 = 0
    /// The date with day and month exchanged, when that is another valid date.
    public var birthDateSwapped: UInt64 = 0
    public var birthDateBefore: UInt64 = 0
    public var birthDateAfter: UInt64 = 0
    public var birthYearMonth: UInt64 = 0
    public var birthYear: UInt64 = 0
    /// The years either side of the year of birth: dates a year or more apart tell siblings apart.
    public var birthYearBefore: UInt64 = 0
    public var birthYearAfter: UInt64 = 0
    public var postcode: UInt64 = 0
    public var postcodeSector: UInt64 = 0
    public var postcodeDistrict: UInt64 = 0
    public var forenamePhonetic: UInt64 = 0
    public var forenameInitial: UInt64 = 0
    /// The school's URN (0 when not known): the pupil's school of the latest year, or the school the
    /// social care record names. Set by the analysis, not by the custodian's encoder.
    public var school: UInt32 = 0
    /// Sex is not secret (it is published in breakdowns) but is compared, so it travels here.
    public var sex: Sex = .unknown

    public init() {}

    public var firstForename: UInt64 { forenames[0] }

    /// True when any of the UPN tokens of `self` equals any of `other`'s.
    public func sharesUPN(with other: IdentityTokens) -> Bool {
        (upn != 0 && (upn == other.upn || upn == other.formerUPN)) || (formerUPN != 0 && (formerUPN == other.upn || formerUPN == other.formerUPN))
    }

    /// Dates of birth agree exactly, as swapped day/month, one day apart, or in year and month.
    public func birthDatesAgreeLoosely(with other: IdentityTokens) -> Bool {
        guard birthDate != 0 && other.birthDate != 0 else { return false }
        return birthDate == other.birthDate || birthDate == other.birthDateSwapped
            || birthDate == other.birthDateBefore || birthDate == other.birthDateAfter
            || birthYearMonth == other.birthYearMonth
    }
}

/// The tokens of a generic identifier and address, which only `cohortlink link` compares. They
/// are held beside a record's `IdentityTokens`, not inside: social care and education records have
/// neither, and 80 empty bytes in each of England's ten million records were 0.8 GB.
public struct FurtherTokens: Sendable, Hashable {
    public var identifier: UInt64 = 0
    public var identifierFilter = NameFilter()
    public var address: UInt64 = 0
    public var addressFilter = NameFilter()

    public init() {}
}

/// Tokens of the same kind share a label; distinct kinds never collide.
enum TokenLabel: String {
    case upn, date = "dob", yearMonth = "dob-ym", year = "dob-y", postcode = "pc", sector = "pc-sector",
         district = "pc-district", name, phonetic = "name-soundex", initial = "name-initial", child = "la-child-id",
         identifier, address
}

/// An identity as typed in an extract, before normalisation.
public struct RawIdentity: Sendable {
    public var upn = ""
    public var formerUPN = ""
    public var forename = ""
    public var middleNames = ""
    public var surname = ""
    public var birthDate: Day?
    public var postcode = ""
    public var sex: Sex = .unknown
    public var identifier = ""
    public var address = ""

    public init() {}
}

/// Normalises identifiers and turns them into tokens with one keyed HMAC.
public struct TokenEncoder: Sendable {
    let hmac: KeyedHMAC

    public init(key: ProjectKey) { hmac = KeyedHMAC(key: key.bytes) }

    /// The token of `value` under `label`: HMAC(key, label ‖ 0x1F ‖ value), first 64 bits; never 0,
    /// which stands for missing.
    func token(_ label: TokenLabel, _ value: String) -> UInt64 {
        guard !value.isEmpty else { return 0 }
        var value = value
        return value.withUTF8 { token(label, bytes: $0) }
    }

    func token(_ label: TokenLabel, bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let labelBytes = label.rawValue.utf8
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: labelBytes.count + 1 + bytes.count) { message in
            var n = 0
            for byte in labelBytes { message[n] = byte; n += 1 }
            message[n] = 0x1F
            n += 1
            for byte in bytes { message[n] = byte; n += 1 }
            let t = hmac.token(UnsafeBufferPointer(message))
            return t == 0 ? 1 : t
        }
    }

    /// A valid UPN's token; invalid and placeholder UPNs give 0 and never match exactly.
    func upnToken(_ text: String) -> UInt64 {
        guard !text.isEmpty else { return 0 }
        return UPN.withNormalisedASCII(text) { UPN.isValid(bytes: $0) ? token(.upn, bytes: $0) : 0 }
            ?? { let upn = UPN.normalised(text); return UPN.isValid(upn) ? token(.upn, upn) : 0 }()
    }

    /// The token of an LAchildID, which groups a child's episodes across files.
    public func childToken(_ childID: String) -> UInt64 { token(.child, childID) }

    public func tokens(for raw: RawIdentity) -> IdentityTokens {
        var (cache, quality) = (EncodingCache(), IdentifierQuality())
        return tokens(for: raw, cache: &cache, quality: &quality)
    }

    /// The tokens of one identity, its identifiers counted in `quality`; values that repeat across
    /// people (dates, postcodes, names and their filters) are encoded once per `cache`, which gives
    /// the same tokens, only sooner.
    func tokens(for raw: RawIdentity, cache: inout EncodingCache, quality: inout IdentifierQuality) -> IdentityTokens {
        // Everything looked up first, together, each table's slot fetched before any is read: the
        // lookups do not depend on one another, so the processor waits for their memory once rather
        // than five times (single-threaded tokens of 400,000 pupils: 0.78 -> 0.72 s).
        let dateHash = raw.birthDate.map { cache.dates.hash(of: $0.number) }
        let postcodeHash = cache.postcodes.hash(of: raw.postcode)
        let forenameHash = cache.givenNames.hash(of: raw.forename)
        let middleNamesHash = raw.middleNames.isEmpty ? nil : cache.givenNames.hash(of: raw.middleNames)
        let surnameHash = cache.surnames.hash(of: raw.surname)
        if let dateHash { cache.dates.prefetch(dateHash) }
        cache.postcodes.prefetch(postcodeHash)
        cache.givenNames.prefetch(forenameHash)
        if let middleNamesHash { cache.givenNames.prefetch(middleNamesHash) }
        cache.surnames.prefetch(surnameHash)
        let date = raw.birthDate.map { dateTokens($0, hash: dateHash!, cache: &cache) }
        let postcode = postcodeTokens(raw.postcode, hash: postcodeHash, cache: &cache)
        let forenames = givenNameTokens(raw.forename, hash: forenameHash, cache: &cache)
        let middleNames = middleNamesHash.map { givenNameTokens(raw.middleNames, hash: $0, cache: &cache) } ?? EncodingCache.GivenNameTokens()
        let surname = surnameTokens(raw.surname, hash: surnameHash, cache: &cache)
        var t = IdentityTokens()
        t.upn = upnToken(raw.upn)
        t.formerUPN = upnToken(raw.formerUPN)
        if t.formerUPN == t.upn { t.formerUPN = 0 }
        if let date {
            (t.birthDate, t.birthDateSwapped, t.birthDateBefore, t.birthDateAfter, t.birthYearMonth, t.birthYear) =
                (date.exact, date.swapped, date.before, date.after, date.yearMonth, date.year)
            (t.birthYearBefore, t.birthYearAfter) = (date.yearBefore, date.yearAfter)
        }
        (t.postcode, t.postcodeSector, t.postcodeDistrict) = (postcode.full, postcode.sector, postcode.district)
        t.sex = raw.sex
        let year = raw.birthDate?.year
        t.forenames = forenames.parts
        for i in 0..<max(0, min(middleNames.partCount, 4 - forenames.partCount)) { t.forenames[forenames.partCount + i] = middleNames.parts[i] }
        let first = forenames.partCount > 0 ? forenames : middleNames
        if first.partCount > 0 {
            (t.forenameFormal, t.forenamePhonetic, t.forenameInitial) = (first.formal, first.phonetic, first.initial)
            t.forenameFilter = cache.filter(first.bigrams, birthYear: year, encoder: self)
        }
        (t.surnames, t.surnamePhonetics) = (surname.tokens, surname.phonetics)
        t.surnameFilter = cache.filter(surname.bigrams, birthYear: year, encoder: self)
        quality.count(raw, tokens: t, isPostcode: postcode.isPostcode)
        return t
    }

    /// A date's tokens, remembered (`hash`: the date's in `cache.dates`); the neighbouring and swapped dates are other people's dates of
    /// birth, and years and months repeat, so most of a new date's come from the cache too.
    private func dateTokens(_ dob: Day, hash: UInt64, cache: inout EncodingCache) -> EncodingCache.DateTokens {
        if let known = cache.dates[dob.number, hash: hash] { return known }
        let (y, m, d) = dob.components
        var swapped: UInt64 = 0
        if d != m, let day = Day(year: y, month: d, day: m) { swapped = cache.token(of: day, encoder: self) }
        let date = EncodingCache.DateTokens(
            exact: cache.token(of: dob, encoder: self), swapped: swapped, before: cache.token(of: dob.adding(days: -1), encoder: self),
            after: cache.token(of: dob.adding(days: 1), encoder: self),
            yearMonth: cache.token(.yearMonth, String(dob.description.prefix(7)), encoder: self),
            year: cache.token(.year, String(y), encoder: self), yearBefore: cache.token(.year, String(y - 1), encoder: self),
            yearAfter: cache.token(.year, String(y + 1), encoder: self))
        cache.dates[dob.number] = date
        return date
    }

    /// A postcode's tokens as typed, remembered (zero when it is missing or not a postcode).
    /// Households share postcodes, and postcode sectors and districts repeat.
    private func postcodeTokens(_ text: String, hash: UInt64, cache: inout EncodingCache) -> EncodingCache.PostcodeTokens {
        if let known = cache.postcodes[text, hash: hash] { return known }
        var tokens = EncodingCache.PostcodeTokens()
        let uk = Postcode(text)
        if let postcode = uk ?? Postcode(generic: text) {
            tokens = EncodingCache.PostcodeTokens(full: token(.postcode, postcode.full), sector: cache.token(.sector, postcode.sector, encoder: self),
                                                  district: cache.token(.district, postcode.district, encoder: self), isPostcode: uk != nil)
        }
        cache.postcodes[text] = tokens
        return tokens
    }

    /// The tokens of forenames or middle names as typed, remembered.
    private func givenNameTokens(_ text: String, hash: UInt64, cache: inout EncodingCache) -> EncodingCache.GivenNameTokens {
        if let known = cache.givenNames[text, hash: hash] { return known }
        let parts = NameNormalisation.tokens(text)
        var g = EncodingCache.GivenNameTokens(partCount: parts.count)
        for (i, name) in parts.prefix(4).enumerated() { g.parts[i] = cache.token(.name, name, encoder: self) }
        if let first = parts.first {
            for (i, name) in ([first] + (Nicknames.formalNames[first] ?? []).filter { $0 != first }).prefix(4).enumerated() {
                g.formal[i] = cache.token(.name, name, encoder: self)
            }
            g.phonetic = cache.token(.phonetic, NameNormalisation.soundex(first), encoder: self)
            g.initial = cache.token(.initial, String(first.prefix(1)), encoder: self)
            g.bigrams = cache.bigrams(of: CollectionOfOne(first))
        }
        cache.givenNames[text] = g
        return g
    }

    /// The tokens of a surname as typed, remembered.
    private func surnameTokens(_ text: String, hash: UInt64, cache: inout EncodingCache) -> EncodingCache.SurnameTokens {
        if let known = cache.surnames[text, hash: hash] { return known }
        let parts = NameNormalisation.tokens(text)
        var s = EncodingCache.SurnameTokens(bigrams: cache.bigrams(of: parts))
        let compared = parts.count > 1 ? Array(parts.prefix(3)) + [parts.joined()] : parts
        for (i, name) in compared.prefix(4).enumerated() {
            s.tokens[i] = cache.token(.name, name, encoder: self)
            s.phonetics[i] = cache.token(.phonetic, NameNormalisation.soundex(name), encoder: self)
        }
        cache.surnames[text] = s
        return s
    }

    /// The tokens of the identifier and address of `cohortlink link`.
    public func furtherTokens(for raw: RawIdentity) -> FurtherTokens {
        var t = FurtherTokens()
        if !raw.identifier.isEmpty {
            let identifier = String(raw.identifier.uppercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
            if !identifier.isEmpty {
                t.identifier = token(.identifier, identifier)
                t.identifierFilter = nameFilter([identifier], salt: "identifier")
            }
        }
        let address = raw.address.isEmpty ? [] : NameNormalisation.tokens(raw.address)
        if !address.isEmpty {
            t.address = token(.address, address.joined(separator: " "))
            t.addressFilter = nameFilter(address, salt: "address", hashesPerBigram: 3)
        }
        return t
    }
}
