/// The DfE 4-letter ethnicity codes the generator uses, with inner-London-like shares.
///
/// Shares are close to an inner London borough's school census (large Black African, White British,
/// White Other and Mixed groups); `socialCareRisk` reproduces the over- and under-representation
/// of groups among children with a social worker (Mixed White/Black Caribbean and White British
/// over-represented, Asian and Chinese children under-represented) so that ethnicity breakdowns
/// of the cohort look like real ones.
struct Ethnicity: Sendable {
    let code: String
    let bytes: [UInt8]
    let share: Double
    let socialCareRisk: Double

    static let all: [Ethnicity] = [
        .init("WBRI", 17.0, 1.35), .init("WIRI", 0.6, 1.2), .init("WOTH", 11.0, 0.7),
        .init("MWBC", 4.5, 2.1), .init("MWBA", 2.5, 1.4), .init("MWAS", 1.5, 1.0), .init("MOTH", 6.5, 1.5),
        .init("AIND", 1.8, 0.35), .init("APKN", 1.2, 0.6), .init("ABAN", 2.5, 0.6), .init("AOTH", 2.5, 0.6),
        .init("BCRB", 7.5, 1.6), .init("BAFR", 23.0, 0.85), .init("BOTH", 5.0, 1.4),
        .init("CHNE", 1.6, 0.3), .init("OOTH", 6.5, 0.95), .init("REFU", 2.5, 1.1), .init("NOBT", 0.3, 1.0),
    ]

    static let index: [String: Int] = {
        var map: [String: Int] = [:]
        for (i, e) in all.enumerated() { map[e.code] = i }
        return map
    }()

    static let distribution = AliasTable(weights: all.map(\.share))

    static func code(_ text: String) -> Int { index[text]! }

    /// One of the four Mixed codes, whose names mix two heritages.
    var isMixed: Bool { code.hasPrefix("M") }

    private init(_ code: String, _ share: Double, _ risk: Double) {
        self.code = code
        bytes = Array(code.utf8)
        self.share = share
        socialCareRisk = risk
    }
}
