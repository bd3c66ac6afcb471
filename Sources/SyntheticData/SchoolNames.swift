/// Pieces that school names are built from, and the ways social workers retype them.
///
/// The stems are invented or generic London place words rather than a list of real schools, so
/// nothing here can be mistaken for a real establishment's record.
enum SchoolNames {
    static let stems = [
        "Oakfield", "Elmgrove", "Bellfield", "Rye Hill", "Peckham Vale", "Camber Grove", "Nunhead Green",
        "Dulwich Wood", "Goose Lane", "Albion Park", "Grove Vale", "Larkhall", "Crampton Park", "Cobourg Hill",
        "Friary Road", "Gloucester Grove", "Hollydale", "Ivy Green", "Keyworth Lane", "Lyndhurst Park",
        "Heber Road", "Ivydale", "Brunswick Fields", "Comber Green", "Crawford Park", "Surrey Gardens",
        "Tower Mill", "Snowfield", "Townsend Lane", "Redriff", "Rotherhithe Vale", "Bermondsey Wharf",
        "Southbank", "Walworth Gardens", "Kennington Rise", "Burgess Park", "Canada Water", "Greenland Dock",
        "Honor Oak", "Herne Rise", "Denmark Hill", "Champion Park", "Sunray", "Ruskin Park", "Lettsom",
        "Bells Garden", "Pilgrims Way", "Tabard", "Borough Market", "Marlborough", "Cathedral Walk",
        "Riverside", "Thameside", "Beacon Hill", "Kingfisher", "Heron Bank", "Willowbrook", "Ashgrove",
        "Beechwood", "Cedar Park", "Hazelmere", "Larchwood", "Maplefield", "Rowan Hill", "Sycamore Vale",
        "Chestnut Grove", "Hawthorn", "Holly Lodge", "Laurel Bank", "Linden Park", "Poplar Row", "Alder Green",
        "Fairlawn", "Highshore", "Lowfield", "Eastbrook", "Westfield Park", "Northcross", "Southmead",
        "Brookside", "Meadowbank", "Springfield", "Summerhill", "Winterton", "Claremont", "Belgrave",
        "Cavendish", "Devonshire", "Grosvenor", "Kingswood", "Queensmead", "Princes Park", "Regent Hill",
        "Victoria Park", "Albert Road", "Wellington", "Nelson Row", "Trafalgar", "Waterloo Green", "Archway",
        "Bridgeway", "Causeway", "Gateway", "Harbour View", "Lighthouse", "Millpond", "Orchard Hill",
        "Pond Street", "Quarry Park", "Stonebridge", "Windmill Hill", "Foxley", "Badger Lane", "Otterbrook",
        "Kestrel", "Skylark", "Swallowfield", "Wren Park", "Falcon Rise", "Goldcrest", "Nightingale",
        "Phoenix", "Harmony", "Horizon", "Unity Park", "Compass", "Evergreen", "Morningside", "Starling",
    ]

    static let suffixes = ["Park", "Hill", "Green", "Vale", "Grove", "Rise", "Fields", "Common", "Gardens", "Lane"]

    static let saints = [
        "Mary", "Joseph", "John", "Peter", "Paul", "George", "James", "Michael", "Francis", "Anne",
        "Thomas", "Jude", "Saviour", "Luke", "Mark", "Anthony", "Bartholomew", "Augustine", "Edmund",
        "Agnes", "Catherine", "Margaret", "Stephen", "Andrew", "Patrick", "Bede", "Winifred", "Hilda",
    ]

    static let sponsors = ["Ashby", "Greenwood", "Unity", "Meridian", "Compass", "Northstar", "Thames", "Evolve"]

    static let colleges = ["Southwark College", "Lewisham College", "South Bank Sixth Form College",
                           "Christ the King Sixth Form", "Morley College", "Capital City College"]

    static let nurseries = ["Little Acorns Nursery", "Rainbow Children's Centre", "Sunshine Day Nursery",
                            "Tiny Steps Nursery", "Busy Bees", "Kids Corner Nursery", "Children's Centre"]

    /// The saint's name with a possessive apostrophe; a share of names use the typographic ’
    /// (Windows-1252 0x92), as GIAS records sometimes do.
    static func saint(_ name: String, curly: Bool) -> String {
        let apostrophe = curly ? "\u{2019}" : "'"
        return name.hasSuffix("s") ? "St \(name)\(apostrophe)" : "St \(name)\(apostrophe)s"
    }

    /// How a social worker might type this school's name into a case record: the official name,
    /// an abbreviation, the name people know it by, the wrong case, a typo, or a place added.
    /// Abbreviations are worked out once per school (`School.abbreviations`), because string
    /// searching is slow and a national extract has a million rows.
    static func freeText(_ school: School, _ random: inout Random) -> String {
        let official = school.name
        let abbreviation = school.abbreviations.isEmpty ? official : random.pick(school.abbreviations)
        var text: String
        switch random.unit() {
        case ..<0.36: text = official
        case ..<0.62: text = abbreviation
        case ..<0.76: text = school.stem
        case ..<0.82: text = random.chance(0.5) ? official.uppercased() : official.lowercased()
        case ..<0.90: text = typo(random.chance(0.5) ? official : abbreviation, &random)
        default: text = "\(random.chance(0.5) ? official : school.stem), \(random.pick(places))"
        }
        if random.chance(0.05) { text += " " }  // trailing spaces survive many exports
        return text
    }

    static let places = ["Peckham", "Camberwell", "Walworth", "Bermondsey", "SE15", "Dulwich", "Rotherhithe"]

    static func abbreviated(_ name: String, _ random: inout Random) -> String {
        var text = name
        let swaps: [(String, [String])] = [
            ("Church of England", ["CofE", "C of E", "CE"]), ("Catholic", ["RC", "Cath", "R.C."]),
            ("Primary School", ["Prim", "Primary", "PS", "Prim Sch"]), ("Primary Academy", ["Primary", "Prim Acad"]),
            ("Secondary School", ["Sec", "Secondary"]), ("Academy", ["Acad", "Academy", ""]),
            ("School", ["Sch", "", "School"]), ("College", ["Coll", "College"]), ("Pupil Referral Unit", ["PRU"]),
        ]
        for (long, shorts) in swaps where text.containsText(long) {
            text = text.replacingFirst(long, with: random.pick(shorts))
        }
        if random.chance(0.3) { text = text.replacingFirst("\u{2019}", with: "'") }
        if random.chance(0.2) { text = text.replacingFirst("'", with: "") }
        if random.chance(0.15) { text = text.replacingFirst("St ", with: random.chance(0.5) ? "St. " : "Saint ") }
        return text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// One slip of the keyboard: a swapped, dropped or doubled letter.
    static func typo(_ text: String, _ random: inout Random) -> String {
        var chars = Array(text)
        let letters = chars.indices.filter { chars[$0].isLetter }
        guard letters.count > 3 else { return text }
        let at = letters[random.between(1, letters.count - 2)]
        switch random.below(3) {
        case 0 where at + 1 < chars.count && chars[at + 1].isLetter && chars[at] != chars[at + 1]: chars.swapAt(at, at + 1)
        case 1: chars.remove(at: at)
        default: chars.insert(chars[at], at: at)
        }
        return String(chars)
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced. Searches UTF-8 bytes directly:
    /// Foundation's `range(of:)` is an order of magnitude slower on Linux.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let text = Array(utf8)
        guard let at = text.firstRange(of: Array(target.utf8)) else { return self }
        return String(decoding: text[..<at.lowerBound] + Array(replacement.utf8) + text[at.upperBound...], as: UTF8.self)
    }

    /// True when `target` occurs in the text (byte-wise, case-sensitive).
    func containsText(_ target: String) -> Bool { Array(utf8).firstRange(of: Array(target.utf8)) != nil }
}

extension Array where Element == UInt8 {
    /// The first occurrence of `pattern`, by a plain scan (patterns and texts here are short).
    func firstRange(of pattern: [UInt8]) -> Range<Int>? {
        guard !pattern.isEmpty, count >= pattern.count else { return nil }
        outer: for start in 0...(count - pattern.count) {
            for (offset, byte) in pattern.enumerated() where self[start + offset] != byte { continue outer }
            return start..<(start + pattern.count)
        }
        return nil
    }
}
