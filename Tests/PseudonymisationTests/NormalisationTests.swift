import CohortModel
@testable import Pseudonymisation
import Testing

@Suite struct NameNormalisationTests {
    @Test(arguments: [
        ("McDonald", ["mcdonald"]), ("MacDonald", ["mcdonald"]), ("Mac Donald", ["mcdonald"]), ("MACDONALD", ["mcdonald"]),
        ("O'Brien", ["obrien"]), ("O’Brien", ["obrien"]), ("O Brien", ["obrien"]),
        ("Smith-Jones", ["smith", "jones"]), ("  de la  Cruz ", ["de", "la", "cruz"]),
        ("Zoë", ["zoe"]), ("Siobhán", ["siobhan"]), ("Łukasz", ["lukasz"]), ("Strauß", ["strauss"]), ("Ægir", ["aegir"]),
        ("Jean-Luc", ["jean", "luc"]), ("J. R.", ["j", "r"]), ("", []), ("123", []),
    ])
    func tokens(_ input: String, _ expected: [String]) {
        #expect(NameNormalisation.tokens(input) == expected)
    }

    /// A one-word name's token, made on the short path, is the token the general path makes: names of
    /// letters in any case, apostrophes, Mac and Mc prefixes, and others the short path leaves alone.
    @Test func oneWordNamesGetTheGeneralPathsToken() {
        var state: UInt64 = 7
        let pieces = ["mac", "Mac", "MAC", "mc", "O", "o'", "'", "`", "’", "a", "Z", "don", "ALD", "ey", "é", " ", "-", "1", "x"]
        var oneWord = 0
        for _ in 0..<20_000 {
            var name = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for k in 0..<Int(state >> 61) + 1 { name += pieces[Int((state >> UInt64(8 * k)) & 0xFF) % pieces.count] }
            if let token = NameNormalisation.oneWordToken(name) {
                oneWord += 1
                #expect([token] == NameNormalisation.anyTokens(name), "\(name)")
            }
        }
        #expect(oneWord > 5_000)
    }

    @Test(arguments: [("Robert", "R163"), ("Rupert", "R163"), ("Ashcraft", "A261"), ("Tymczak", "T522"), ("Pfister", "P236"),
                      ("Honeyman", "H555"), ("okafor", "O216"), ("a", "A000")])
    func soundex(_ name: String, _ code: String) {
        #expect(NameNormalisation.soundex(name.lowercased()) == code)
    }
}

@Suite struct PostcodeTests {
    @Test(arguments: [("se15 4ab", "SE15 4AB", "SE15 4", "SE15"), ("SE154AB", "SE15 4AB", "SE15 4", "SE15"),
                      ("w1a 1aa", "W1A 1AA", "W1A 1", "W1A"), ("M1 1AE", "M1 1AE", "M1 1", "M1")])
    func levels(_ text: String, _ full: String, _ sector: String, _ district: String) throws {
        let postcode = try #require(Postcode(text))
        #expect(postcode.full == full && postcode.sector == sector && postcode.district == district)
    }

    /// Whether a text is a postcode, found without making one, is what making one finds.
    @Test(arguments: ["se15 4ab", "SE154AB", "M1 1AE", "", "SE15", "SE15 4A", "1E15 4AB", "SE15 AAB", "S-E-1-5 4.A.B", "SE15 4AB X",
                      "SÉ15 4AB", String(repeating: "A", count: 40)])
    func validity(_ text: String) {
        #expect(Postcode.isValid(text) == (Postcode(text) != nil))
    }

    @Test(arguments: ["", "SE15", "12345", "SE15 AAB", "not a postcode at all"])
    func rejects(_ text: String) {
        #expect(Postcode(text) == nil)
    }
}

@Suite struct TokenEncoderTests {
    let key = try! ProjectKey(bytes: Array(repeating: 7, count: 32))
    let otherKey = try! ProjectKey(bytes: Array(repeating: 8, count: 32))

    private func identity(upn: String = "B801200005001", forename: String = "Amara", surname: String = "Okafor",
                          dob: Day? = Day(year: 2012, month: 3, day: 4), postcode: String = "SE15 4AB") -> RawIdentity {
        var raw = RawIdentity()
        raw.upn = upn
        raw.forename = forename
        raw.surname = surname
        raw.birthDate = dob
        raw.postcode = postcode
        return raw
    }

    @Test func normalisedVariantsGiveTheSameTokens() {
        let encoder = TokenEncoder(key: key)
        let a = encoder.tokens(for: identity())
        let b = encoder.tokens(for: identity(upn: " b801200005001", forename: "AMARA", surname: "okafor", postcode: "se154ab"))
        #expect(a == b)
        #expect(a.upn != 0 && a.birthDate != 0 && a.postcode != 0 && a.firstForename != 0 && a.surnames[0] != 0)
    }

    /// A worker's cache only remembers: an identity encoded with a cache warmed by many others gets
    /// the tokens it gets alone, and remembered bigram bits give the filter computed bigram by bigram,
    /// for names with bytes outside the remembered alphabet too.
    @Test func cachesNeverChangeATokenOrAFilter() {
        let encoder = TokenEncoder(key: key)
        let people = [identity(), identity(upn: "", forename: "Bob James", surname: "Smith-Jones", dob: Day(year: 2011, month: 12, day: 1)),
                      identity(forename: "Amaya", surname: "Okafor", dob: nil, postcode: ""),
                      identity(upn: "X00180001701A", forename: "Zoë", surname: "O'Brien", dob: Day(year: 2012, month: 4, day: 3)),
                      identity(postcode: "SE15 4AB"), identity(postcode: "not a postcode")]
        var (cache, quality) = (EncodingCache(), IdentifierQuality())
        for _ in 0..<2 {
            for raw in people { #expect(encoder.tokens(for: raw, cache: &cache, quality: &quality) == encoder.tokens(for: raw)) }
        }
        for tokens in [["amara"], ["smith", "jones"], ["zoë"], ["a_b", "9z"]] {
            for year in [2012, nil] {
                #expect(cache.filter(cache.bigrams(of: tokens), birthYear: year, encoder: encoder)
                    == encoder.nameFilter(tokens, salt: NameFilter.salt(birthYear: year)))
            }
        }
    }

    @Test func invalidUPNsNeverGetAToken() {
        let encoder = TokenEncoder(key: key)
        #expect(encoder.tokens(for: identity(upn: "Q207000016049")).upn == 0)
        #expect(encoder.tokens(for: identity(upn: "UN2")).upn == 0)
        #expect(encoder.tokens(for: identity(upn: "X00180001701A")).upn != 0)
    }

    @Test func datesAgreeWhenSwappedOrOneDayOut() {
        let encoder = TokenEncoder(key: key)
        let truth = encoder.tokens(for: identity())
        let swapped = encoder.tokens(for: identity(dob: Day(year: 2012, month: 4, day: 3)))
        let nextDay = encoder.tokens(for: identity(dob: Day(year: 2012, month: 3, day: 5)))
        let otherYear = encoder.tokens(for: identity(dob: Day(year: 2013, month: 3, day: 4)))
        #expect(truth.birthDatesAgreeLoosely(with: swapped) && truth.birthDate == swapped.birthDateSwapped)
        #expect(truth.birthDatesAgreeLoosely(with: nextDay) && truth.birthDate == nextDay.birthDateBefore)
        #expect(!truth.birthDatesAgreeLoosely(with: otherYear))
    }

    @Test func differentKeysGiveUnrelatedTokens() {
        let a = TokenEncoder(key: key).tokens(for: identity())
        let b = TokenEncoder(key: otherKey).tokens(for: identity())
        #expect(a.upn != b.upn && a.birthDate != b.birthDate && a.firstForename != b.firstForename)
        #expect(key.id != otherKey.id && key.id.count == 16)
    }

    @Test func forenameAndSurnameTokensShareALabel() {
        let encoder = TokenEncoder(key: key)
        let a = encoder.tokens(for: identity(forename: "Grace", surname: "Thomas"))
        let b = encoder.tokens(for: identity(forename: "Thomas", surname: "Grace"))
        #expect(a.firstForename == b.surnames[0] && a.surnames[0] == b.firstForename)
    }

    @Test func doubleBarrelledSurnamesKeepPartsAndWhole() {
        let t = TokenEncoder(key: key).tokens(for: identity(surname: "Smith-Jones"))
        let smith = TokenEncoder(key: key).tokens(for: identity(surname: "Smith"))
        let joined = TokenEncoder(key: key).tokens(for: identity(surname: "Smithjones"))
        #expect(t.surnames[0] == smith.surnames[0] && t.surnames[2] == joined.surnames[0])
    }
}

@Suite struct DiceLevelTests {
    /// A filter with `ones` bits set from `start` on (bits wrap round the 256).
    private func filter(ones: Int, from start: Int) -> NameFilter {
        var bits = SIMD4<UInt64>.zero
        for i in 0..<ones {
            let bit = (start + i) % NameFilter.bitCount
            bits[bit / 64] |= 1 << UInt64(bit % 64)
        }
        return NameFilter(bits: bits)
    }

    private func expectedLevel(_ dice: Double, high: Double, low: Double) -> Int {
        dice >= high ? 0 : dice >= low ? 1 : 2
    }

    /// Every overlap of every pair of sizes up to 128 bits, so every ratio at and around the
    /// thresholds, including pairs whose coefficient equals a threshold exactly (17 of 20 and 20 bits:
    /// 0.85) – integer comparison and the coefficient compared in floating point must agree.
    @Test func integerLevelsAgreeWithTheCoefficient() {
        var equalities = 0
        for a in stride(from: 0, through: 128, by: 4) {
            for b in stride(from: 0, through: 128, by: 3) {
                for common in 0...min(a, b) {
                    let x = filter(ones: a, from: 0), y = filter(ones: b, from: a - common)
                    let dice = x.dice(y)
                    if a + b > 0 && (200 * common == 85 * (a + b) || 200 * common == 65 * (a + b)) { equalities += 1 }
                    #expect(x.diceLevel(y, high: 85, low: 65) == expectedLevel(dice, high: 0.85, low: 0.65))
                    #expect(x.diceLevel(y, high: 80, low: 60) == expectedLevel(dice, high: 0.8, low: 0.6))
                }
            }
        }
        #expect(equalities > 0)
        #expect(NameFilter().diceLevel(NameFilter(), high: 85, low: 65) == 2)
    }
}
