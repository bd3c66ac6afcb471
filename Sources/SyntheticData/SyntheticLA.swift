import CohortModel
import Foundation

/// A synthetic local authority, or England: a social care extract, an education extract and a
/// school register that look like real exports, plus the ground truth (who is who, and the true
/// measures) that linkage and the statistics can be checked against.
public struct SyntheticLA: Sendable {
    public let config: SyntheticConfig
    /// `social_care.csv`: one row per episode, UTF-8, CR LF.
    public let socialCareCSV: [UInt8]
    /// `education.csv`: one row per pupil enrolment per academic year, UTF-8, LF.
    public let educationCSV: [UInt8]
    /// `schools.csv`: the GIAS-style register, Windows-1252, CR LF.
    public let schoolsCSV: [UInt8]
    /// `truth/links.csv`: `social_care_row,education_row` for every social care child on roll.
    public let truthLinksCSV: [UInt8]
    /// `truth/measures.csv`: the true unsuppressed measures, breakdown Total, of the whole
    /// population generated: the LA, or England (every LA's pupils and children together, the
    /// level at which a national run's measures are comparable).
    public let truthMeasuresCSV: [UInt8]
    /// Facts about the generation that tests and reports use (counts and perturbation rates).
    package let summary: GenerationSummary
    /// For each `social_care.csv` row, the URN of the school its `SchoolName` was typed from (nil
    /// when blank, a nursery or a college): the truth school resolution is measured against.
    package let schoolNameTruth: [Int?]

    /// Generates everything for `config`. Deterministic: the same config gives the same bytes in
    /// every process on every machine, whatever the number of threads.
    public static func generate(_ config: SyntheticConfig) -> SyntheticLA {
        switch config.coverage {
        case .localAuthority: generateLocalAuthority(config)
        case .england: generateEngland(config)
        }
    }

    private static func generateLocalAuthority(_ config: SyntheticConfig) -> SyntheticLA {
        let names = NamePools.shared
        let years = config.academicYears
        let geography = Geography(laCode: config.laCode)
        let register = SchoolRegister(pupils: max(1, config.pupils), geography: geography, names: names, seed: config.seed,
                                      latestYear: years[years.count - 1])
        let plan = LocalAuthorityPlan(laCode: config.laCode, pupils: config.pupils,
                                      socialCareChildren: config.resolvedSocialCareChildren, seed: config.seed,
                                      geography: geography, register: register,
                                      socialCare: .localAuthority(seed: config.seed))
        let la = plan.generate(years: years, names: names)
        let schools = SchoolsCSV.write(register: register, geography: geography, names: names, rolls: la.rolls,
                                       latestYear: years[years.count - 1])
        return SyntheticLA(config: config, socialCareCSV: la.socialCareCSV, educationCSV: la.educationCSV,
                           schoolsCSV: schools, truthLinksCSV: linksCSV(la.links), truthMeasuresCSV: la.truth.csv(),
                           summary: la.summary, schoolNameTruth: la.schoolNameTruth)
    }

    /// `truth/links.csv` for links in social care row order.
    static func linksCSV(_ links: [(Int, Int)]) -> [UInt8] {
        var w = ByteWriter(capacity: links.count * 14 + 64)
        w.append("social_care_row,education_row\n")
        for (s, e) in links {
            w.int(s); w.comma(); w.int(e); w.byte(10)
        }
        return w.bytes
    }

    /// The social care extract as the statutory returns: CIN census XML and SSDA903 tables.
    public func statutorySocialCare() throws -> StatutorySocialCare {
        try StatutorySocialCare(socialCareCSV: socialCareCSV, laCode: config.coverage == .england ? nil : config.laCode,
                                referenceDate: config.latestYear.referenceDate, seed: config.seed)
    }

    /// Writes `social_care.csv`, `education.csv`, `schools.csv`, `truth/links.csv` and
    /// `truth/measures.csv` under `directory`, creating it, and the same social care extract as
    /// `social_care_cin.xml`, `ssda903_header.csv` and `ssda903_episodes.csv`. Each file is
    /// written to a temporary file beside it and renamed into place, so a reader never sees half a file.
    public func write(to directory: URL) throws {
        let truth = directory.appendingPathComponent("truth", isDirectory: true)
        try FileManager.default.createDirectory(at: truth, withIntermediateDirectories: true)
        try AtomicFileWriter.write(socialCareCSV, to: directory.appendingPathComponent("social_care.csv"))
        try AtomicFileWriter.write(educationCSV, to: directory.appendingPathComponent("education.csv"))
        try AtomicFileWriter.write(schoolsCSV, to: directory.appendingPathComponent("schools.csv"))
        try AtomicFileWriter.write(truthLinksCSV, to: truth.appendingPathComponent("links.csv"))
        try AtomicFileWriter.write(truthMeasuresCSV, to: truth.appendingPathComponent("measures.csv"))
        let statutory = try statutorySocialCare()
        try AtomicFileWriter.write(statutory.cinCensusXML, to: directory.appendingPathComponent("social_care_cin.xml"))
        try AtomicFileWriter.write(statutory.ssda903HeaderCSV, to: directory.appendingPathComponent("ssda903_header.csv"))
        try AtomicFileWriter.write(statutory.ssda903EpisodesCSV, to: directory.appendingPathComponent("ssda903_episodes.csv"))
    }
}
