import ReferenceData
/// Local authorities and UK-style postcodes for the synthetic LA and its neighbours.
///
/// Postcodes matter to linkage: a child's postcode in social care often differs from the school
/// census one because the family moved, usually within the same or a neighbouring district, so the
/// district list is kept in rough geographic order and "neighbouring" means adjacent in the list.
struct Geography: Sendable {
    struct LocalAuthority: Sendable {
        let oldCode: Int
        let newCode: String
        let name: String
        let regionCode: String
        let regionName: String
        /// Indices into `Geography.districts` of this LA's postcode districts, in geographic order.
        let districts: [Int]
    }

    /// The home LA first, then its neighbours (where children with a social worker go to school).
    let authorities: [LocalAuthority]
    /// Every postcode district used, as bytes (e.g. `SE15`).
    let districts: [[UInt8]]

    var home: LocalAuthority { authorities[0] }
    var neighbours: ArraySlice<LocalAuthority> { authorities.dropFirst() }

    init(laCode: Int) {
        var known: [Int: [String]] = [:]
        for la in LocalAuthorities.all { known[la.oldCode] = [la.newCode, la.name, la.regionCode, la.regionName] }
        let order = LocalAuthorities.all.map(\.oldCode)
        var neighbourCodes = Geography.neighbourTable[laCode] ?? []
        neighbourCodes = neighbourCodes.filter { known[$0] != nil && $0 != laCode }
        if neighbourCodes.count < 3 {
            // No hand-made neighbour list: take the LAs nearest in code, which share a region.
            let byDistance = order.filter { $0 != laCode && !neighbourCodes.contains($0) }
                .sorted { (abs($0 - laCode), $0) < (abs($1 - laCode), $1) }
            neighbourCodes += byDistance.prefix(6 - neighbourCodes.count)
        }
        var districts: [[UInt8]] = []
        var authorities: [LocalAuthority] = []
        for code in [laCode] + neighbourCodes {
            let fields = known[code] ?? ["", "Local authority \(code)", "", ""]
            let names = Geography.districtTable[code] ?? Geography.inventedDistricts(for: fields[1], code: code)
            let first = districts.count
            districts += names.map { Array($0.utf8) }
            authorities.append(LocalAuthority(oldCode: code, newCode: fields[0], name: fields[1], regionCode: fields[2],
                                              regionName: fields[3], districts: Array(first..<districts.count)))
        }
        self.authorities = authorities
        self.districts = districts
    }

    /// Districts for an LA this file does not know: two letters from its name and small numbers,
    /// which at least look like outward codes.
    private static func inventedDistricts(for name: String, code: Int) -> [String] {
        let letters = name.uppercased().filter { $0.isASCII && $0.isLetter }
        let prefix = letters.count >= 2 ? String(letters.prefix(2)) : "ZZ"
        return (1...6).map { "\(prefix)\(($0 + code) % 20 + 1)" }
    }

    static let neighbourTable: [Int: [Int]] = [
        210: [208, 209, 203, 306, 305, 211, 886],
        208: [210, 212, 306, 209, 213],
        209: [210, 203, 305, 208, 886],
        203: [209, 303, 316, 211, 886],
        211: [204, 316, 201, 210, 206],
        212: [208, 318, 315, 205, 213],
        206: [204, 202, 309, 201, 213],
        204: [206, 211, 309, 320, 316],
        202: [206, 213, 304, 302, 309],
        213: [202, 207, 210, 208, 212],
        316: [211, 301, 317, 320, 203],
    ]

    static let districtTable: [Int: [String]] = [
        210: ["SE1", "SE16", "SE17", "SE5", "SE15", "SE22", "SE24", "SE21"],
        208: ["SE1", "SE11", "SW8", "SW9", "SW4", "SW2", "SE27", "SW16"],
        209: ["SE8", "SE14", "SE4", "SE13", "SE23", "SE6", "SE12", "SE26"],
        203: ["SE10", "SE3", "SE7", "SE18", "SE9", "SE2", "SE28"],
        211: ["E1", "E2", "E3", "E14"],
        212: ["SW11", "SW18", "SW15", "SW12", "SW17"],
        306: ["SE25", "CR7", "CR0", "CR2", "SE19"],
        305: ["SE20", "BR3", "BR1", "BR2", "BR6"],
        886: ["DA1", "ME1", "ME4", "ME15", "CT1", "TN1"],
        204: ["N16", "E8", "E5", "E9", "N1"],
        206: ["N1", "N7", "N5", "N4", "N19"],
        202: ["WC1", "NW1", "NW5", "NW3", "N6"],
        213: ["W1", "SW1", "W2", "NW8", "W9"],
        316: ["E15", "E7", "E13", "E12", "E6", "E16"],
        201: ["EC1", "EC2", "EC3", "EC4"],
    ]
}

/// A postcode packed into 32 bits: district index, sector digit and the two unit letters.
///
/// Packed because millions of children carry one, and most are only ever compared or written.
struct Postcode: Hashable, Sendable {
    let packed: UInt32

    /// The letters the inward code uses (never C, I, K, M, O, V).
    static let unitLetters = Array("ABDEFGHJLNPQRSTUWXYZ".utf8)

    init(district: Int, sector: Int, unit1: Int, unit2: Int) {
        packed = UInt32(district) << 16 | UInt32(sector) << 10 | UInt32(unit1) << 5 | UInt32(unit2)
    }

    var district: Int { Int(packed >> 16) }
    var sector: Int { Int(packed >> 10 & 0x3F) }

    static func random(district: Int, _ random: inout Random) -> Postcode {
        Postcode(district: district, sector: random.between(1, 9), unit1: random.below(unitLetters.count),
                 unit2: random.below(unitLetters.count))
    }

    /// Another postcode in the same district (new street) or, a third of the time, a neighbouring one.
    func moved(within la: Geography.LocalAuthority, _ random: inout Random) -> Postcode {
        var target = district
        if random.chance(0.35), let at = la.districts.firstIndex(of: district), la.districts.count > 1 {
            let step = at == 0 ? 1 : at == la.districts.count - 1 ? -1 : (random.chance(0.5) ? 1 : -1)
            target = la.districts[at + step]
        }
        var moved = Postcode.random(district: target, &random)
        while moved == self { moved = Postcode.random(district: target, &random) }
        return moved
    }

    func write(to bytes: inout [UInt8], geography: Geography, space: Bool = true) {
        bytes.append(contentsOf: geography.districts[district])
        if space { bytes.append(UInt8(ascii: " ")) }
        bytes.append(48 + UInt8(sector))
        bytes.append(Postcode.unitLetters[Int(packed >> 5 & 0x1F)])
        bytes.append(Postcode.unitLetters[Int(packed & 0x1F)])
    }

    func bytes(_ geography: Geography, space: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out, geography: geography, space: space)
        return out
    }
}
