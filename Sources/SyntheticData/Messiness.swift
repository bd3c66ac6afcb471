import CohortModel

/// A child's identifiers as the social care case record holds them: the truth, mistyped,
/// abbreviated, out of date or missing at the rates seen in real case management exports.
///
/// Every perturbation is recorded in `Perturbations` so tests (and anyone evaluating linkage) can
/// tell a deliberate error from a bug.
struct RecordedIdentity: Sendable {
    var upn: [UInt8] = []
    var formerUPN: [UInt8] = []
    var forename: [UInt8] = []
    var surname: [UInt8] = []
    var dob: Day?
    var sex: [UInt8] = []
    var ethnicity: [UInt8] = []
    var postcode: [UInt8] = []
    var perturbations = Perturbations()
}

struct Perturbations: OptionSet, Sendable {
    let rawValue: UInt32
    static let upnMissing = Perturbations(rawValue: 1 << 0)
    static let upnPlaceholder = Perturbations(rawValue: 1 << 1)
    static let upnTypo = Perturbations(rawValue: 1 << 2)
    static let upnOfAnotherChild = Perturbations(rawValue: 1 << 3)
    static let upnFormer = Perturbations(rawValue: 1 << 4)
    static let nickname = Perturbations(rawValue: 1 << 5)
    static let forenameTypo = Perturbations(rawValue: 1 << 6)
    static let forenamePart = Perturbations(rawValue: 1 << 7)
    static let carerSurname = Perturbations(rawValue: 1 << 8)
    static let surnamePart = Perturbations(rawValue: 1 << 9)
    static let surnameTypo = Perturbations(rawValue: 1 << 10)
    static let dobSwapped = Perturbations(rawValue: 1 << 11)
    static let dobOffByOne = Perturbations(rawValue: 1 << 12)
    static let dobMissing = Perturbations(rawValue: 1 << 13)
    static let postcodeMoved = Perturbations(rawValue: 1 << 14)
    static let postcodeMissing = Perturbations(rawValue: 1 << 15)
    static let sexCode = Perturbations(rawValue: 1 << 16)
    static let sexWrong = Perturbations(rawValue: 1 << 17)
    static let ethnicityDiffers = Perturbations(rawValue: 1 << 18)
    static let caseChanged = Perturbations(rawValue: 1 << 19)

    /// Perturbations that leave the DOB different from the truth.
    static let dobChanged: Perturbations = [.dobSwapped, .dobOffByOne, .dobMissing]
}

enum Messiness {
    /// Rates per child of school age (the under-fives have no UPN at all).
    static let upnMissing = 0.10, upnPlaceholder = 0.05, upnTypo = 0.03, upnOfAnotherChild = 0.02
    static let nicknameWhenAvailable = 0.22, forenameTypo = 0.05, carerSurname = 0.25
    static let dobSwap = 0.02, dobOffByOne = 0.02, postcodeMoved = 0.10

    static func record(child: SocialCareChild, index: Int, population: Population, names: NamePools,
                       pupilsWithUPN: [Int32], seed: UInt64) -> RecordedIdentity {
        var random = Random(seed: seed, stream: .messiness, UInt64(index))
        let p = Int(child.person)
        let person = population.people[p]
        var out = RecordedIdentity()

        // UPN: missing, a placeholder, mistyped, another child's, or the former one.
        if child.kind == .underFive || !person.hasUPN {
            if random.chance(0.3) { out.upn = Array("UN1".utf8); out.perturbations.insert(.upnPlaceholder) }
            else { out.perturbations.insert(.upnMissing) }
        } else {
            let roll = random.unit()
            let truth = Array(population.upn(p))
            if roll < upnMissing {
                out.perturbations.insert(.upnMissing)
            } else if roll < upnMissing + upnPlaceholder {
                out.upn = Array("UN\(random.between(2, 5))".utf8)
                out.perturbations.insert(.upnPlaceholder)
            } else if roll < upnMissing + upnPlaceholder + upnTypo {
                var typo = truth
                let at = random.between(1, 11)  // a digit (the last character may be a letter)
                var digit: UInt8
                repeat { digit = 48 + UInt8(random.below(10)) } while digit == typo[at]
                typo[at] = digit
                out.upn = typo
                out.perturbations.insert(.upnTypo)
            } else if roll < upnMissing + upnPlaceholder + upnTypo + upnOfAnotherChild {
                // Most often a brother's or sister's UPN typed into the wrong record.
                var other = -1
                if person.twin >= 0 && population.people[Int(person.twin)].hasUPN { other = Int(person.twin) }
                else if person.sibling >= 0 && population.people[Int(person.sibling)].hasUPN { other = Int(person.sibling) }
                else if !pupilsWithUPN.isEmpty {
                    repeat { other = Int(pupilsWithUPN[random.below(pupilsWithUPN.count)]) } while other == p && pupilsWithUPN.count > 1
                }
                if other >= 0 && other != p {
                    out.upn = Array(population.upn(other))
                    out.perturbations.insert(.upnOfAnotherChild)
                } else {
                    out.upn = truth
                }
            } else if person.hasFormerUPN, let former = population.formerUPNs[Int32(p)], random.chance(0.5) {
                out.upn = former
                out.perturbations.insert(.upnFormer)
            } else {
                out.upn = truth
            }
            if person.hasFormerUPN, let former = population.formerUPNs[Int32(p)], random.chance(0.3) {
                out.formerUPN = former
            }
            if !out.upn.isEmpty && random.chance(0.01) {
                out.upn = Array(String(decoding: out.upn, as: UTF8.self).lowercased().utf8)
            }
        }

        // Forename: a nickname, one of two forenames, a typo, or the wrong case.
        var forename = names.forenames[Int(person.forename)].text
        if person.forename2 >= 0 {
            let second = names.forenames[Int(person.forename2)].text
            switch random.unit() {
            case ..<0.5: forename = forename + (person.hyphenatedForenames ? "-" : " ") + second
            case ..<0.8: out.perturbations.insert(.forenamePart)
            case ..<0.9: forename = second; out.perturbations.insert(.forenamePart)
            default: forename = forename + second; out.perturbations.insert(.forenamePart)
            }
        }
        let nicknames = names.nicknames[Int(person.forename)]
        if !nicknames.isEmpty && random.chance(nicknameWhenAvailable) {
            forename = nicknames[random.below(nicknames.count)]
            out.perturbations.insert(.nickname)
        }
        if random.chance(forenameTypo) {
            let typed = nameTypo(forename, &random)
            if typed != forename { forename = typed; out.perturbations.insert(.forenameTypo) }
        }
        if random.chance(0.03) { forename = forename.uppercased(); out.perturbations.insert(.caseChanged) }
        out.forename = Array(forename.utf8)

        // Surname: a carer's name for looked-after children, one part of a double name, a typo.
        var surname = names.surnames[Int(person.surname)].text
        // A girl's inflected surname (`Kowalska`) recorded in the family's masculine form.
        if names.masculineForm[Int(person.surname)] >= 0 && random.chance(0.1) {
            surname = names.surnames[Int(names.masculineForm[Int(person.surname)])].text
            out.perturbations.insert(.surnamePart)
        }
        if person.surname2 >= 0 {
            let second = names.surnames[Int(person.surname2)].text
            if random.chance(0.35) {
                surname = random.chance(0.6) ? surname : second
                out.perturbations.insert(.surnamePart)
            } else {
                surname = surname + (person.hyphenatedSurname ? "-" : " ") + second
            }
        }
        if child.everLookedAfter && random.chance(carerSurname) {
            let ethnicity = random.chance(0.5) ? Int(person.ethnicity) : Ethnicity.distribution.sample(&random)
            let other = names.surnames[Int(names.drawSurname(ethnicity: ethnicity, male: person.isMale, &random))].text
            surname = random.chance(0.2) ? surname + "-" + other : other
            out.perturbations.insert(.carerSurname)
        }
        if surname.containsText("'") && random.chance(0.3) {
            surname = random.chance(0.5) ? surname.replacingFirst("'", with: "") : surname.replacingFirst("'", with: " ")
        }
        if random.chance(0.02) {
            let typed = nameTypo(surname, &random)
            if typed != surname { surname = typed; out.perturbations.insert(.surnameTypo) }
        }
        if random.chance(0.08) { surname = surname.uppercased(); out.perturbations.insert(.caseChanged) }
        out.surname = Array(surname.utf8)

        // Date of birth: day and month swapped, a day out, or missing.
        let (y, m, d) = person.dob.components
        let roll = random.unit()
        if roll < 0.003 {
            out.dob = nil
            out.perturbations.insert(.dobMissing)
        } else if d <= 12 && d != m && roll < 0.003 + dobSwap / 0.37 {
            out.dob = Day(year: y, month: d, day: m)
            out.perturbations.insert(.dobSwapped)
        } else if random.chance(dobOffByOne) {
            out.dob = person.dob.adding(days: random.chance(0.5) ? 1 : -1)
            out.perturbations.insert(.dobOffByOne)
        } else {
            out.dob = person.dob
        }

        // Sex: mostly M/F, some systems export the CIN codes 1/2; a few recorded wrongly.
        var male = person.isMale
        if random.chance(0.003) { male.toggle(); out.perturbations.insert(.sexWrong) }
        if random.chance(0.1) {
            out.sex = [male ? UInt8(ascii: "1") : UInt8(ascii: "2")]
            out.perturbations.insert(.sexCode)
        } else {
            out.sex = [male ? UInt8(ascii: "M") : UInt8(ascii: "F")]
        }

        // Ethnicity: mostly agrees; sometimes not obtained, refused, or a neighbouring code.
        let code = Ethnicity.all[Int(person.ethnicity)].code
        switch random.unit() {
        case ..<0.015: out.ethnicity = Array("NOBT".utf8); out.perturbations.insert(.ethnicityDiffers)
        case ..<0.025: out.ethnicity = Array("REFU".utf8); out.perturbations.insert(.ethnicityDiffers)
        case ..<0.04:
            let related: [String: String] = ["MWBC": "MOTH", "MWBA": "MOTH", "BCRB": "BOTH", "BAFR": "BOTH",
                                             "WBRI": "WOTH", "WIRI": "WBRI", "AOTH": "OOTH", "MOTH": "MWBC"]
            out.ethnicity = Array((related[code] ?? code).utf8)
            if related[code] != nil { out.perturbations.insert(.ethnicityDiffers) }
        default: out.ethnicity = Ethnicity.all[Int(person.ethnicity)].bytes
        }

        // Postcode: moved house (same or neighbouring district), missing, or written untidily.
        var postcode = person.postcode
        let roll2 = random.unit()
        if roll2 < 0.02 {
            out.perturbations.insert(.postcodeMissing)
        } else {
            if roll2 < 0.02 + postcodeMoved {
                postcode = postcode.moved(within: population.geography.home, &random)
                out.perturbations.insert(.postcodeMoved)
            }
            var bytes = postcode.bytes(population.geography, space: !random.chance(0.04))
            if random.chance(0.02) { bytes = Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8) }
            out.postcode = bytes
        }
        return out
    }

    /// One slip in a name: two letters swapped, a letter dropped or a letter doubled.
    static func nameTypo(_ name: String, _ random: inout Random) -> String {
        var chars = Array(name)
        let letters = chars.indices.filter { chars[$0].isLetter }
        guard letters.count >= 3 else { return name }
        let at = letters[random.between(1, letters.count - 1)]
        switch random.below(3) {
        case 0:
            let before = at - 1
            if chars[before].isLetter && chars[before] != chars[at] { chars.swapAt(before, at) } else { chars.remove(at: at) }
        case 1: chars.remove(at: at)
        default: chars.insert(chars[at], at: at)
        }
        return String(chars)
    }
}
