/// Which name pools (`origin` in the name tables) fit which ethnicity.
///
/// The forename and the surname are drawn separately from these mixtures, so a Mixed White and
/// Black Caribbean child may get a `white_british` forename and a `black_caribbean` surname, and
/// a Black Caribbean child often has an English-origin forename, as on real school rolls. A pool
/// the tables do not have falls back to `white_british` (or, failing that, to every pool).
enum NameOrigins {
    enum Part { case forename, surname }

    typealias Mixture = [(String, Double)]

    static let british = "white_british", irish = "irish", eastern = "white_other_eastern_european"
    static let southern = "white_other_southern_european", turkish = "turkish", westAfrican = "black_african_west"
    static let eastAfrican = "black_african_east", caribbean = "black_caribbean", bangladeshi = "asian_bangladeshi"
    static let indian = "asian_indian", pakistani = "asian_pakistani", chinese = "chinese", arab = "arab"
    static let latin = "latin_american", vietnamese = "vietnamese"

    static func mixture(for code: String, part: Part) -> Mixture {
        let forename = part == .forename
        let mix: Mixture
        switch code {
        case "WBRI": mix = [(british, 0.955), (irish, 0.03), (caribbean, 0.015)]
        case "WIRI": mix = forename ? [(irish, 0.55), (british, 0.45)] : [(irish, 0.85), (british, 0.15)]
        case "WOTH": mix = [(eastern, 0.45), (southern, 0.33), (turkish, 0.1), (latin, 0.04), (british, forename ? 0.08 : 0.02)]
        case "MWBC": mix = [(british, 0.5), (caribbean, 0.5)]
        case "MWBA": mix = [(british, 0.45), (westAfrican, 0.45), (eastAfrican, 0.1)]
        case "MWAS": mix = [(british, 0.5), (indian, 0.2), (pakistani, 0.15), (bangladeshi, 0.15)]
        case "MOTH": mix = [(british, 0.35), (caribbean, 0.15), (westAfrican, 0.15), (southern, 0.1), (arab, 0.1),
                            (latin, 0.1), (chinese, 0.05)]
        case "AIND": mix = forename ? [(indian, 0.93), (british, 0.07)] : [(indian, 1)]
        case "APKN": mix = [(pakistani, 0.95), (arab, 0.05)]
        case "ABAN": mix = [(bangladeshi, 1)]
        case "AOTH": mix = [(vietnamese, 0.22), (indian, 0.25), (pakistani, 0.15), (arab, 0.13), (bangladeshi, 0.1),
                            (chinese, 0.15)]
        case "BCRB": mix = forename ? [(caribbean, 0.85), (british, 0.15)] : [(caribbean, 0.9), (british, 0.1)]
        case "BAFR": mix = forename ? [(westAfrican, 0.76), (eastAfrican, 0.2), (british, 0.04)] : [(westAfrican, 0.8), (eastAfrican, 0.2)]
        case "BOTH": mix = [(caribbean, 0.35), (westAfrican, 0.35), (eastAfrican, 0.15), (british, 0.15)]
        case "CHNE": mix = forename ? [(chinese, 0.75), (british, 0.25)] : [(chinese, 1)]
        case "OOTH": mix = [(arab, 0.35), (latin, 0.3), (turkish, 0.15), (vietnamese, 0.1), (british, forename ? 0.1 : 0)]
        default: mix = [(british, 0.3), (westAfrican, 0.2), (caribbean, 0.1), (southern, 0.1), (eastern, 0.1), (arab, 0.05),
                        (latin, 0.05), (bangladeshi, 0.05), (chinese, 0.05)]
        }
        return mix.filter { $0.1 > 0 }
    }

    static func choice(for code: String, part: Part, origins: [String], available: (Int) -> Bool) -> WeightedChoice<Int> {
        var weights = [Double](repeating: 0, count: origins.count)
        var unresolved = 0.0
        for (label, weight) in mixture(for: code, part: part) {
            if let o = origins.firstIndex(of: label), available(o) { weights[o] += weight } else { unresolved += weight }
        }
        if unresolved > 0 {
            if let o = origins.firstIndex(of: british), available(o) {
                weights[o] += unresolved
            } else {
                let all = origins.indices.filter(available)
                for o in all { weights[o] += unresolved / Double(all.count) }
            }
        }
        return WeightedChoice(origins.indices.filter { weights[$0] > 0 }.map { ($0, weights[$0]) })
    }
}
