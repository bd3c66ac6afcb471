import Foundation

/// A school name taken apart for matching: the words that tell one school from another (`oakfield`,
/// `st mary`), the words that say what kind of school it is (primary, academy, Catholic…), and
/// any place written after a comma.
///
/// Both the register's names and the typed names go through this, so the many ways of writing one
/// school meet: "St"/"Saint"/"St.", "C of E"/"CofE"/"CE"/"Church of England", "RC"/"R.C."/"Catholic",
/// "Prim"/"Primary", "Sch"/"School", "PS" (primary school), "PRU", apostrophes, accents and case.
struct SchoolName: Equatable {
    /// Distinctive words, in order, canonicalised (`st` then the saint without a possessive `s`).
    var core: [String]
    var kinds: Kinds
    /// Text after the first comma (`Oakfield, Peckham`): where the writer thought the school was.
    var location: String

    /// Words that say what kind of school a name is, not which one. A bit set: the resolver
    /// compares kinds for every candidate school.
    struct Kinds: OptionSet, Hashable {
        let rawValue: UInt32
        static let primary = Kinds(rawValue: 1 << 0), secondary = Kinds(rawValue: 1 << 1), junior = Kinds(rawValue: 1 << 2)
        static let infant = Kinds(rawValue: 1 << 3), nursery = Kinds(rawValue: 1 << 4), school = Kinds(rawValue: 1 << 5)
        static let academy = Kinds(rawValue: 1 << 6), college = Kinds(rawValue: 1 << 7), free = Kinds(rawValue: 1 << 8)
        static let community = Kinds(rawValue: 1 << 9), catholic = Kinds(rawValue: 1 << 10), churchOfEngland = Kinds(rawValue: 1 << 11)
        static let pupilReferralUnit = Kinds(rawValue: 1 << 12), centre = Kinds(rawValue: 1 << 13), sixthForm = Kinds(rawValue: 1 << 14)
        static let high = Kinds(rawValue: 1 << 15)

        static let faiths: Kinds = [.catholic, .churchOfEngland]
        /// Kinds a typed name may carry only if the school's own name does too: a nursery or a
        /// college is not a primary school that happens to share a word.
        static let exclusive: Kinds = [.nursery, .college, .centre, .sixthForm, .infant, .junior, .pupilReferralUnit]
        static let saysPrimary: Kinds = [.primary, .junior, .infant]
        static let saysSecondary: Kinds = [.secondary, .high]
    }

    /// Reads `text`: a register name as it is, or a typed name when `isNearKnownWord` is given.
    /// That says whether a word is, or is a slip away from, a distinctive word of some school in
    /// the register; other typed words a slip away from a word of school names' grammar
    /// (`Schoool`, `Churchh`, `fo`, `Saitn`) are read as that word.
    init(_ text: String, isNearKnownWord: (String) -> Bool = { _ in true }) {
        let (name, place) = Self.words(text)
        location = place.joined(separator: " ")
        let words = name.map { word in
            guard !Self.grammar.contains(word), !isNearKnownWord(word) else { return word }
            return Self.respelt(word)
        }
        (core, kinds) = Self.classify(words)
    }

    /// The words of the name, and of what follows its first comma: lower-case letters and digits,
    /// accents dropped, apostrophes removed (`mary's` → `marys`), `&` read as `and`.
    private static func words(_ text: String) -> (name: [String], place: [String]) {
        // Register names are almost all ASCII: handled byte by byte, without Unicode tables.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        let folded = ascii ? text : text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var name: [UInt8] = [], place: [UInt8] = []
        name.reserveCapacity(folded.utf8.count)
        var seenComma = false
        for scalar in folded.unicodeScalars {
            switch scalar.value {
            case 0x2C where !seenComma:  // ,
                seenComma = true
            case 0x27, 0x60, 0xB4, 0x2018, 0x2019: continue  // apostrophes
            default:
                if seenComma { append(scalar, to: &place) } else { append(scalar, to: &name) }
            }
        }
        func split(_ bytes: [UInt8]) -> [String] { bytes.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) } }
        return (split(name), split(place))
    }

    /// A character's bytes as the words keep it (lower case, `&` as `and`), or a space; straight into
    /// the words' bytes, where an array for each character was an allocation each.
    private static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0x26: bytes += " and ".utf8
        case 0x41...0x5A: bytes.append(UInt8(value) | 0x20)
        case 0x61...0x7A, 0x30...0x39: bytes.append(UInt8(value))
        case 0x80...: if scalar.properties.isAlphabetic { bytes += String(scalar).lowercased().utf8 } else { bytes.append(0x20) }
        default: bytes.append(0x20)
        }
    }

    /// Splits words into distinctive ones and kind words, rewriting the phrases schools are
    /// abbreviated by.
    private static func classify(_ words: [String]) -> ([String], Kinds) {
        var core: [String] = [], kinds = Kinds()
        var i = 0
        while i < words.count {
            if phraseStarts.contains(words[i]), let (phrase, kind) = phrases.first(where: { phrase, _ in words[i...].starts(with: phrase) }) {
                kinds.formUnion(kind)
                i += phrase.count
                continue
            }
            let word = words[i]
            i += 1
            if let kind = kindWords[word] {
                kinds.formUnion(kind)
            } else if word == "high" && i < words.count && kindWords[words[i]] == .school {
                kinds.insert(.high)
            } else if fillers.contains(word) {
                continue
            } else if word == "st" || word == "saint" {
                core.append("st")
                // The saint without a possessive: St Mary's, St Marys and St Mary meet as `st mary`.
                if i < words.count, kindWords[words[i]] == nil {
                    core.append(words[i].count > 3 && words[i].hasSuffix("s") ? String(words[i].dropLast()) : words[i])
                    i += 1
                }
            } else {
                core.append(word)
            }
        }
        return (core, kinds)
    }

    /// The grammar word one slip away, if all such words mean the same (`cfoe` is `cofe` or
    /// `coe`: Church of England either way); the word itself otherwise. Two-letter words are only
    /// read as a swap (`fo` → `of`): a dropped letter makes too many of them.
    private static func respelt(_ word: String) -> String {
        guard word.count >= 2 else { return word }
        let matches = grammar.filter { candidate in
            word.count >= 3 ? isOneSlip(word, candidate) : candidate.count == 2 && isOneSlip(word, candidate)
        }.sorted()
        guard let first = matches.first, matches.count == 1 || matches.allSatisfy({ kindWords[$0] != nil && kindWords[$0] == kindWords[first] })
        else { return word }
        return first
    }

    private static let phrases: [([String], Kinds)] = [
        (["church", "of", "england"], .churchOfEngland), (["c", "of", "e"], .churchOfEngland), (["c", "e"], .churchOfEngland),
        (["roman", "catholic"], .catholic), (["r", "c"], .catholic),
        (["pupil", "referral", "unit"], .pupilReferralUnit), (["sixth", "form"], .sixthForm),
    ]

    private static let phraseStarts = Set(phrases.map { $0.0[0] })

    private static let kindWords: [String: Kinds] = [
        "primary": .primary, "prim": .primary, "pri": .primary, "ps": [.primary, .school],
        "secondary": .secondary, "sec": .secondary,
        "junior": .junior, "juniors": .junior, "jnr": .junior, "jun": .junior,
        "infant": .infant, "infants": .infant, "inf": .infant,
        "nursery": .nursery, "school": .school, "sch": .school, "academy": .academy, "acad": .academy,
        "college": .college, "coll": .college, "free": .free, "community": .community,
        "catholic": .catholic, "cath": .catholic, "rc": .catholic,
        "ce": .churchOfEngland, "cofe": .churchOfEngland, "coe": .churchOfEngland,
        "pru": .pupilReferralUnit, "centre": .centre, "center": .centre,
    ]

    /// Words that say nothing about which school: dropped.
    private static let fillers: Set<String> = ["the", "of", "and", "for", "at", "in", "church", "voluntary", "aided", "controlled", "va", "vc"]

    /// The words school names are built from around their distinctive words.
    private static let grammar: Set<String> = Set(kindWords.keys).union(phrases.flatMap(\.0)).union(fillers).union(["st", "saint", "high"])
}

/// True when `a` becomes `b` by one slip of the keyboard: a letter dropped, added, changed, or two
/// neighbours swapped (optimal string alignment distance 1).
func isOneSlip(_ a: String, _ b: String) -> Bool {
    guard abs(a.utf8.count - b.utf8.count) <= 1 else { return false }
    var (a, b) = (a, b)
    return a.withUTF8 { x in b.withUTF8 { y in isOneSlip(x, y) } }
}

private func isOneSlip(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !x.elementsEqual(y) else { return false }
    var i = 0
    while i < min(x.count, y.count) && x[i] == y[i] { i += 1 }
    if x.count == y.count {
        if x[(i + 1)...].elementsEqual(y[(i + 1)...]) { return true }
        return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...].elementsEqual(y[(i + 2)...])
    }
    return x.count > y.count ? x[(i + 1)...].elementsEqual(y[i...]) : x[i...].elementsEqual(y[(i + 1)...])
}
