import CohortModel
import Extracts
import Foundation

/// The register prepared for matching: each school's distinctive words as integer ids, an
/// inverted index from word to schools, word weights, and a one-deletion index for typos.
///
/// Built once (24,000 schools in well under a second); a lookup then touches only the schools
/// sharing the typed name's rarest words.
struct SchoolIndex: Sendable {
    /// A school as the matching needs it: plain values only, so that looking at thousands of
    /// candidates copies no references (its words live in the index's flat `wordIDs`).
    struct Entry: Sendable {
        /// The school itself, or the open school a closed one became.
        let currentURN: Int
        /// False for a closed school with no known successor.
        let isCurrent: Bool
        let laCode: Int
        /// The postcode district's id in the index (`SchoolIndex.districtID`).
        let district: Int32?
        /// Where the school's distinctive word ids sit in `wordIDs`, sorted (a word twice in the name
        /// is there twice: "Cedar Park Park" is not "Cedar Park").
        let words: Range<Int>
        let kinds: SchoolName.Kinds
        private let primary: Bool, secondary: Bool

        init(_ school: School, current: Int?, district: Int32?, words: Range<Int>, kinds: SchoolName.Kinds) {
            currentURN = current ?? school.urn
            isCurrent = school.isOpen || current != nil
            laCode = school.laCode
            self.district = district
            self.words = words
            self.kinds = kinds
            primary = school.teaches(.primary)
            secondary = school.teaches(.secondary)
        }

        func teaches(_ phase: Phase) -> Bool { phase == .primary ? primary : secondary }
    }

    /// A typed word as the register knows it.
    enum Word {
        /// The register's word ids it may be: itself, or the words one slip away.
        case known([Int32], corrected: Bool)
        /// No school has it, nor anything one slip from it.
        case unknown
    }

    let entries: [Entry]
    /// Every school's distinctive word ids, school after school (see `Entry.words`).
    private let wordIDs: [Int32]
    /// Postcode districts of the register's schools, numbered.
    private let districtIDs: [String: Int32]
    let laOfDistrict: [String: Int]
    private let vocabulary: [String: Int32]
    /// Word id → the word.
    private let spellings: [String]
    private let weights: [Double]
    private let postings: [[Int32]]
    /// Each word with one letter deleted → the words it came from.
    private let deletions: [String: [Int32]]

    init(_ schools: [School]) {
        let current = SchoolRegister.currentURNs(schools)
        var vocabulary: [String: Int32] = [:]
        var postings: [[Int32]] = []
        var entries: [Entry] = [], wordIDs: [Int32] = [], districtIDs: [String: Int32] = [:]
        var votes: [String: [Int: Int]] = [:]
        entries.reserveCapacity(schools.count)
        for school in schools {
            let name = SchoolName(school.name)
            let ids = name.core.map { word in
                vocabulary[word] ?? {
                    vocabulary[word] = Int32(postings.count)
                    postings.append([])
                    return Int32(postings.count - 1)
                }()
            }
            for id in Set(ids) { postings[Int(id)].append(Int32(entries.count)) }
            let district = SchoolResolver.district(of: school.postcode)
            if let district { votes[district, default: [:]][school.laCode, default: 0] += 1 }
            let districtID = district.map { district in
                districtIDs[district] ?? {
                    districtIDs[district] = Int32(districtIDs.count)
                    return Int32(districtIDs.count - 1)
                }()
            }
            let start = wordIDs.count
            wordIDs += ids.sorted()
            entries.append(Entry(school, current: current[school.urn], district: districtID, words: start..<wordIDs.count, kinds: name.kinds))
        }
        let count = Double(max(1, schools.count))
        weights = postings.map { log(1 + count / Double(max(1, $0.count))) }
        var deletions: [String: [Int32]] = [:]
        for (word, id) in vocabulary where word.count >= 3 {
            for variant in Self.oneDeletions(word) { deletions[variant, default: []].append(id) }
        }
        laOfDistrict = votes.mapValues { counts in counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }!.key }
        self.entries = entries
        self.wordIDs = wordIDs
        self.districtIDs = districtIDs
        self.vocabulary = vocabulary
        var spellings = [String](repeating: "", count: vocabulary.count)
        for (word, id) in vocabulary { spellings[Int(id)] = word }
        self.spellings = spellings
        self.postings = postings
        self.deletions = deletions
    }

    /// The id of a postcode district some school is in; nil for any other.
    func districtID(_ district: String) -> Int32? { districtIDs[district] }

    /// The entry's distinctive word ids, sorted.
    private func words(of entry: Int) -> ArraySlice<Int32> { wordIDs[entries[entry].words] }

    /// The register's reading of a typed word: exact, corrected by one slip, or unknown.
    func lookup(_ word: String) -> Word {
        if let id = vocabulary[word] { return .known([id], corrected: false) }
        guard word.count >= 2 else { return .unknown }
        var found = Set(deletions[word] ?? [])
        for variant in Self.oneDeletions(word) {
            if let id = vocabulary[variant] { found.insert(id) }
            for id in deletions[variant] ?? [] { found.insert(id) }
        }
        let spellings = spellings  // captured alone: a closure capturing `self` copied the whole index
        let slips = found.filter { isOneSlip(word, spellings[Int($0)]) }.sorted()
        return slips.isEmpty ? .unknown : .known(slips, corrected: true)
    }

    /// Candidate schools in the two close tiers, each with a closeness: exactly the typed words
    /// (1), and all the typed words and more (0.8); a corrected word costs a little.
    func closeTiers(for typed: [Word]) -> [[(entry: Int, closeness: Double)]] {
        let corrections = typed.filter { if case .known(_, true) = $0 { true } else { false } }.count
        let penalty = 0.03 * Double(corrections)
        let known = typed.compactMap { word -> [Int32]? in if case .known(let ids, _) = word { ids } else { nil } }
        var exact: [(Int, Double)] = [], containing: [(Int, Double)] = []
        if known.count == typed.count, let rarest = known.min(by: { postingCount($0) < postingCount($1) }) {
            // A corrected word's alternatives can share schools: each school once.
            let candidates = rarest.count == 1 ? postings[Int(rarest[0])] : Array(Set(rarest.flatMap { postings[Int($0)] }))
            for entry in candidates.lazy.map(Int.init) {
                let words = words(of: entry)
                guard known.allSatisfy({ alternatives in alternatives.contains { words.index(sorted: $0) != nil } }) else { continue }
                if known.map({ $0.first { words.index(sorted: $0) != nil }! }).sorted().elementsEqual(words) {
                    exact.append((entry, 1 - penalty))
                } else {
                    containing.append((entry, 0.8 - penalty))
                }
            }
        }
        return [exact, containing]
    }

    /// Schools sharing one of the typed name's three rarest words, by weighted Jaccard overlap.
    /// A word no school has weighs as the rarest word does when it is long; a short one (`Prm`,
    /// a stray `E`) is more likely debris of an abbreviation, and weighs less.
    func overlapping(_ typed: [Word], spelt spellings: [String]) -> [(entry: Int, closeness: Double)] {
        let known = typed.compactMap { word -> [Int32]? in if case .known(let ids, _) = word { ids } else { nil } }
        let rarest = weights.max() ?? 1
        let typedWeight = zip(typed, spellings).reduce(0.0) { total, pair in
            if case .known(let ids, _) = pair.0 { return total + ids.map { weights[Int($0)] }.max()! }
            return total + rarest * min(1, Double(pair.1.count) / 6)
        }
        let rare = known.sorted { postingCount($0) < postingCount($1) }.prefix(3)
        var result: [(entry: Int, closeness: Double)] = []
        for entry in Set(rare.flatMap { $0.flatMap { postings[Int($0)] } }).lazy.map(Int.init) {
            let words = words(of: entry)
            let shared = known.reduce(0.0) { total, ids in
                total + (ids.filter { words.index(sorted: $0) != nil }.map { weights[Int($0)] }.max() ?? 0)
            }
            let schoolWeight = words.reduce(0.0) { $0 + weights[Int($1)] }
            result.append((entry, 0.8 * shared / (typedWeight + schoolWeight - shared)))
        }
        return result
    }

    private func postingCount(_ ids: [Int32]) -> Int { ids.reduce(0) { $0 + postings[Int($1)].count } }

    /// The word with each of its letters left out in turn (bytes of an ASCII word, as nearly all
    /// are; characters otherwise).
    private static func oneDeletions(_ word: String) -> [String] {
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else {
            let letters = Array(word)
            return letters.indices.map { i in String(letters[..<i] + letters[(i + 1)...]) }
        }
        let bytes = Array(word.utf8)
        var variant: [UInt8] = []
        variant.reserveCapacity(bytes.count)
        return bytes.indices.map { i in
            variant.removeAll(keepingCapacity: true)
            variant += bytes[..<i]
            variant += bytes[(i + 1)...]
            return String(decoding: variant, as: UTF8.self)
        }
    }
}
