import CohortModel

/// Writes the school register as a raw GIAS `edubasealldata` extract: every one of GIAS's columns
/// in its order, Windows-1252 encoded, dates `dd-mm-yyyy`, CR LF line ends, most columns blank or
/// boilerplate as in the real download.
enum SchoolsCSV {
    static let columns: [String] = [
        "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName", "TypeOfEstablishment (code)",
        "TypeOfEstablishment (name)", "EstablishmentTypeGroup (code)", "EstablishmentTypeGroup (name)",
        "EstablishmentStatus (code)", "EstablishmentStatus (name)", "ReasonEstablishmentOpened (code)",
        "ReasonEstablishmentOpened (name)", "OpenDate", "ReasonEstablishmentClosed (code)",
        "ReasonEstablishmentClosed (name)", "CloseDate", "PhaseOfEducation (code)", "PhaseOfEducation (name)",
        "StatutoryLowAge", "StatutoryHighAge", "Boarders (code)", "Boarders (name)", "NurseryProvision (name)",
        "OfficialSixthForm (code)", "OfficialSixthForm (name)", "Gender (code)", "Gender (name)",
        "ReligiousCharacter (code)", "ReligiousCharacter (name)", "ReligiousEthos (name)", "Diocese (code)",
        "Diocese (name)", "AdmissionsPolicy (code)", "AdmissionsPolicy (name)", "SchoolCapacity",
        "SpecialClasses (code)", "SpecialClasses (name)", "CensusDate", "NumberOfPupils", "NumberOfBoys",
        "NumberOfGirls", "PercentageFSM", "TrustSchoolFlag (code)", "TrustSchoolFlag (name)", "Trusts (code)",
        "Trusts (name)", "SchoolSponsorFlag (name)", "SchoolSponsors (name)", "FederationFlag (name)",
        "Federations (code)", "Federations (name)", "UKPRN", "FEHEIdentifier", "FurtherEducationType (name)",
        "OfstedLastInsp", "OfstedSpecialMeasures (code)", "OfstedSpecialMeasures (name)", "LastChangedDate",
        "Street", "Locality", "Address3", "Town", "County (name)", "Postcode", "SchoolWebsite", "TelephoneNum",
        "HeadTitle (name)", "HeadFirstName", "HeadLastName", "HeadHonours", "HeadPreferredJobTitle",
        "InspectorateName (name)", "InspectorateReport", "DateOfLastInspectionVisit", "NextInspectionVisit",
        "TeenMoth (name)", "TeenMothPlaces", "CCF (name)", "SENPRU (name)", "EBD (name)", "PlacesPRU",
        "FTProv (name)", "EdByOther (name)", "Section41Approved (name)", "SEN1 (name)",
        "TypeOfResourcedProvision (name)", "ResourcedProvisionOnRoll", "ResourcedProvisionCapacity", "SenUnitOnRoll",
        "SenUnitCapacity", "GOR (code)", "GOR (name)", "DistrictAdministrative (code)",
        "DistrictAdministrative (name)", "AdministrativeWard (code)", "AdministrativeWard (name)",
        "ParliamentaryConstituency (code)", "ParliamentaryConstituency (name)", "UrbanRural (code)",
        "UrbanRural (name)", "GSSLACode (name)", "Easting", "Northing", "CensusAreaStatisticWard (name)",
        "MSOA (name)", "LSOA (name)", "Inspectorate (name)", "SENStat", "SENNoStat", "BoardingEstablishment (name)",
        "PropsName", "PreviousLA (code)", "PreviousLA (name)", "PreviousEstablishmentNumber", "OfstedRating (name)",
        "RSCRegion (name)", "Country (name)", "UPRN", "SiteName"
    ]

    /// Pupil numbers as of the census, filled in from the latest year's enrolment.
    struct Roll: Sendable {
        var pupils = 0, boys = 0, girls = 0, fsm = 0

        mutating func add(_ other: Roll) {
            pupils += other.pupils
            boys += other.boys
            girls += other.girls
            fsm += other.fsm
        }
    }

    static func write(register: SchoolRegister, geography: Geography, names: NamePools, rolls: [Roll],
                      latestYear: AcademicYear) -> [UInt8] {
        var out = CSV.header(columns, quoteAll: true, lineEnd: [13, 10])
        let census = Day(year: latestYear.startYear + 1, month: 1, day: 16)!
        for (i, school) in register.schools.enumerated() {
            var random = Random(seed: UInt64(school.urn), stream: .schoolNames, 7)
            let la = geography.authorities[school.authority]
            let roll = i < rolls.count ? rolls[i] : Roll()
            // Each column's value, worked out once per school and looked up by name; the columns
            // are written in GIAS order (never in dictionary order).
            let values = SchoolsCSV.values(school: school, geography: geography, la: la, roll: roll, names: names,
                                           census: census, latestYear: latestYear, &random)
            for (c, column) in columns.enumerated() {
                if c > 0 { out.append(UInt8(ascii: ",")) }
                guard let value = values[column], !value.isEmpty else { continue }
                let encoded = windows1252(value)
                if CSV.needsQuoting(encoded) { CSV.appendQuoted(encoded, to: &out) } else { out.append(contentsOf: encoded) }
            }
            out.append(13); out.append(10)
        }
        return out
    }

    private static func date(_ day: Day?) -> String {
        guard let day else { return "" }
        var w = ByteWriter(capacity: 10)
        w.ukDate(day, separator: UInt8(ascii: "-"))
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// The non-empty GIAS columns of one school, by column name.
    private static func values(school: School, geography: Geography, la: Geography.LocalAuthority, roll: Roll,
                               names: NamePools, census: Day, latestYear: AcademicYear,
                               _ random: inout Random) -> [String: String] {
        let ages = school.statutoryAges
        let home = school.authority == 0 && school.isOpen
        var v: [String: String] = [:]
        v["URN"] = "\(school.urn)"
        v["LA (code)"] = "\(la.oldCode)"
        v["LA (name)"] = la.name
        v["EstablishmentNumber"] = "\(school.establishmentNumber)"
        v["EstablishmentName"] = school.name
        v["TypeOfEstablishment (code)"] = "\(school.type.code)"
        v["TypeOfEstablishment (name)"] = school.type.name
        v["EstablishmentTypeGroup (code)"] = "\(school.type.groupCode)"
        v["EstablishmentTypeGroup (name)"] = school.type.groupName
        v["EstablishmentStatus (code)"] = school.isOpen ? "1" : "2"
        v["EstablishmentStatus (name)"] = school.isOpen ? "Open" : "Closed"
        v["ReasonEstablishmentOpened (code)"] = school.type.code == 28 ? "10" : school.type.code == 34 ? "11" : school.type.code == 35 ? "13" : "00"
        v["ReasonEstablishmentOpened (name)"] = school.type.code == 28 ? "Academy Converter" : school.type.code == 34 ? "Academy Sponsor Led"
            : school.type.code == 35 ? "New Provision" : "Not applicable"
        v["OpenDate"] = date(school.openDate)
        v["ReasonEstablishmentClosed (code)"] = school.isOpen ? "00" : "10"
        v["ReasonEstablishmentClosed (name)"] = school.isOpen ? "Not applicable" : "Academy Converter"
        v["CloseDate"] = date(school.closeDate)
        v["PhaseOfEducation (code)"] = school.phase == .primary ? "2" : school.phase == .secondary ? "4" : "0"
        v["PhaseOfEducation (name)"] = school.phase == .primary ? "Primary" : school.phase == .secondary ? "Secondary" : "Not applicable"
        v["StatutoryLowAge"] = "\(ages.low)"
        v["StatutoryHighAge"] = "\(ages.high)"
        v["Boarders (code)"] = "1"
        v["Boarders (name)"] = "No boarders"
        v["NurseryProvision (name)"] = ages.low < 4 ? "Has Nursery Classes" : "No Nursery Classes"
        v["OfficialSixthForm (code)"] = school.phase == .secondary ? (ages.high > 16 ? "1" : "2") : "9"
        v["OfficialSixthForm (name)"] = school.phase == .secondary ? (ages.high > 16 ? "Has a sixth form" : "Does not have a sixth form") : "Not applicable"
        v["Gender (code)"] = "3"
        v["Gender (name)"] = "Mixed"
        v["ReligiousCharacter (code)"] = school.religion == .catholic ? "03" : school.religion == .churchOfEngland ? "02" : "00"
        let religion = school.religion == .catholic ? "Roman Catholic" : school.religion == .churchOfEngland ? "Church of England" : "Does not apply"
        v["ReligiousCharacter (name)"] = religion
        v["ReligiousEthos (name)"] = religion
        v["Diocese (code)"] = school.religion == .catholic ? "RC21" : school.religion == .churchOfEngland ? "CE23" : "0000"
        v["Diocese (name)"] = school.religion == .catholic ? "Archdiocese of Southwark" : school.religion == .churchOfEngland ? "Diocese of Southwark" : "Not applicable"
        v["AdmissionsPolicy (code)"] = school.phase == .secondary ? "2" : "0"
        v["AdmissionsPolicy (name)"] = school.phase == .secondary ? "Non-selective" : "Not applicable"
        v["SchoolCapacity"] = "\(school.capacity)"
        v["SpecialClasses (code)"] = "2"
        v["SpecialClasses (name)"] = "No Special Classes"
        v["CensusDate"] = school.isOpen ? date(census) : ""
        v["NumberOfPupils"] = home ? "\(roll.pupils)" : ""
        v["NumberOfBoys"] = home ? "\(roll.boys)" : ""
        v["NumberOfGirls"] = home ? "\(roll.girls)" : ""
        if home && roll.pupils > 0 {
            var w = ByteWriter(capacity: 8)
            w.fixed(Double(roll.fsm) * 100 / Double(roll.pupils), decimals: 1)
            v["PercentageFSM"] = String(decoding: w.bytes, as: UTF8.self)
        }
        v["TrustSchoolFlag (code)"] = school.type.isAcademy ? "5" : "0"
        v["TrustSchoolFlag (name)"] = school.type.isAcademy ? "Supported by a multi-academy trust" : "Not applicable"
        v["Trusts (code)"] = school.type.isAcademy ? "\(2000 + school.urn % 97 * 37)" : ""
        v["Trusts (name)"] = school.type.isAcademy ? "\(SchoolNames.sponsors[school.urn % SchoolNames.sponsors.count].uppercased()) LEARNING TRUST" : ""
        v["SchoolSponsorFlag (name)"] = school.type.code == 34 ? "Linked to a sponsor" : "Not applicable"
        v["SchoolSponsors (name)"] = school.type.code == 34 ? "\(SchoolNames.sponsors[school.urn % SchoolNames.sponsors.count]) Education" : ""
        v["FederationFlag (name)"] = "Not under a federation"
        v["UKPRN"] = school.type.isAcademy ? "\(10_030_000 + school.urn % 70_000)" : ""
        v["OfstedLastInsp"] = school.isOpen ? date(Day(year: latestYear.startYear - random.between(0, 4), month: random.between(1, 12), day: random.between(1, 28))) : ""
        v["LastChangedDate"] = date(Day(year: latestYear.startYear + 1, month: random.between(1, 6), day: random.between(1, 28)))
        v["Street"] = school.street
        v["Town"] = la.regionName == "London" || la.regionName.isEmpty ? "London" : la.name
        v["Postcode"] = String(decoding: school.postcode.bytes(geography), as: UTF8.self)
        // The home LA's schools sit under its name (`oakfield.southwark.sch.uk`), neighbours' under `.org`.
        let domain = school.authority == 0 ? la.name.lowercased().filter { $0.isLetter && $0.isASCII } : "org"
        v["SchoolWebsite"] = "www.\(school.stem.lowercased().filter { $0.isLetter && $0.isASCII }).\(domain).sch.uk"
        v["TelephoneNum"] = "020\(random.between(7000_0000, 8999_9999))"
        v["HeadTitle (name)"] = random.pick(["Mr", "Ms", "Mrs", "Dr", "Miss"])
        v["HeadFirstName"] = names.forenames[Int(school.headForename)].text
        v["HeadLastName"] = names.surnames[Int(school.headSurname)].text
        v["HeadPreferredJobTitle"] = school.type.isAcademy ? random.pick(["Principal", "Headteacher"]) : "Headteacher"
        v["GOR (code)"] = la.regionName == "London" ? "H" : ""
        v["GOR (name)"] = la.regionName
        v["DistrictAdministrative (code)"] = la.newCode
        v["GSSLACode (name)"] = la.newCode
        v["DistrictAdministrative (name)"] = la.name
        v["UrbanRural (code)"] = "A1"
        v["UrbanRural (name)"] = "(England/Wales) Urban major conurbation"
        v["Easting"] = "\(533_000 + random.between(-4000, 4000))"
        v["Northing"] = "\(176_000 + random.between(-4000, 4000))"
        v["Inspectorate (name)"] = "Ofsted"
        v["OfstedRating (name)"] = school.isOpen ? random.pick(["Outstanding", "Good", "Good", "Good", "Requires improvement"]) : ""
        v["RSCRegion (name)"] = la.regionName.isEmpty ? "" : "\(la.regionName)"
        v["Country (name)"] = ""
        v["UPRN"] = "\(200_003_000_000 + school.urn)"
        return v
    }

    /// Encodes text as Windows-1252, the encoding of the GIAS download: Latin-1 letters as
    /// themselves, typographic quotes and dashes at 0x80–0x9F, anything else as `?`.
    static func windows1252(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 || (0xA0...0xFF).contains(v) {
                out.append(UInt8(v))
            } else if let byte = cp1252High[v] {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "?"))
            }
        }
        return out
    }

    private static let cp1252High: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
