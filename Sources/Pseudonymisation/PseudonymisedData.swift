import CohortModel
import Extracts

/// A child of the social care extract, pseudonymised: non-identifying attributes (the child's
/// tokens are in `PseudonymisedSocialCare.tokens`, at the same index).
public struct PseudonymisedChild: Sendable, Equatable {
    /// 1-based data row of the child's first episode in the social care file.
    public var row: Int32
    /// Token of the LAchildID: joins a child's episodes, and children across social care files.
    public var key: UInt64
    public var ethnicity: EthnicityGroup
    /// Year of birth: coarse, needed for age breakdowns of linkage quality.
    public var birthYear: Int16?
    /// The URN of the school the social care record names (typed, resolved against the register),
    /// when it could be resolved: not an identifier, a school has hundreds of pupils.
    public var school: Int32?

    public init(row: Int32, key: UInt64, ethnicity: EthnicityGroup, birthYear: Int16?, school: Int32? = nil) {
        self.row = row
        self.key = key
        self.ethnicity = ethnicity
        self.birthYear = birthYear
        self.school = school
    }
}

/// A pupil of the education extract (all rows with one UPN), pseudonymised: non-identifying
/// attributes (the pupil's tokens are in `PseudonymisedEducation.tokens`, at the same index).
public struct PseudonymisedPupil: Sendable, Equatable {
    /// 1-based data row of the pupil's first enrolment in the education file.
    public var row: Int32
    public var ethnicity: EthnicityGroup

    public init(row: Int32, ethnicity: EthnicityGroup) {
        self.row = row
        self.ethnicity = ethnicity
    }
}

/// Aggregate counts of identifier quality in one extract, for the manifest.
public struct IdentifierQuality: Sendable, Equatable, Codable {
    public var people = 0
    public var upnMissing = 0
    public var upnPlaceholder = 0
    public var upnFailsCheckLetter = 0
    public var birthDateMissing = 0
    public var namesMissing = 0
    public var postcodeMissingOrInvalid = 0

    public init() {}
}

/// How many of the social care extract's typed school names were resolved to one school, could
/// be one of several, or matched none.
public struct SchoolNameCounts: Sendable, Equatable, Codable {
    public var resolved = 0
    public var ambiguous = 0
    public var unresolved = 0
    /// Rows that named no school.
    public var empty = 0

    public init() {}
}

/// Where pseudonymised records came from: aggregate facts about a source file, for the manifest.
public struct SourceFile: Sendable, Equatable, Codable {
    public var role: String
    public var file: String
    public var sha256: String
    public var encoding: String
    public var rows: Int
    public var rowsSkipped: Int
    public var valuesIgnored: Int

    public init(role: String, file: String, sha256: String, encoding: String, rows: Int, rowsSkipped: Int, valuesIgnored: Int) {
        self.role = role
        self.file = file
        self.sha256 = sha256
        self.encoding = encoding
        self.rows = rows
        self.rowsSkipped = rowsSkipped
        self.valuesIgnored = valuesIgnored
    }
}

/// What every pseudonymised extract carries besides its records: the key id, its sources, the
/// rejected rows (by row number and reason only) and identifier quality counts.
public struct Provenance: Sendable, Equatable, Codable {
    public var keyID: String
    public var sources: [SourceFile]
    public var rejects: [RejectedRow]
    public var quality: IdentifierQuality
    /// How the typed school names fared against the register (social care only).
    public var schoolNames: SchoolNameCounts?

    public init(keyID: String, sources: [SourceFile] = [], rejects: [RejectedRow] = [], quality: IdentifierQuality = IdentifierQuality()) {
        self.keyID = keyID
        self.sources = sources
        self.rejects = rejects
        self.quality = quality
    }
}

/// The social care extract as the analyst receives it: no raw identifier anywhere. Held by
/// column, so that linkage reads the tokens where they are, without a copy.
public struct PseudonymisedSocialCare: Sendable, Equatable {
    public var provenance: Provenance
    public var children: [PseudonymisedChild]
    /// Each child's tokens, in the order of `children`.
    public var tokens: [IdentityTokens]
    public var episodes: [Episode]

    public var keyID: String { provenance.keyID }

    public init(provenance: Provenance, children: [PseudonymisedChild], tokens: [IdentityTokens], episodes: [Episode]) {
        precondition(children.count == tokens.count, "one set of tokens per child")
        self.provenance = provenance
        self.children = children
        self.tokens = tokens
        self.episodes = episodes
    }
}

/// The education extract as the analyst receives it, by column like the social care extract.
public struct PseudonymisedEducation: Sendable, Equatable {
    public var provenance: Provenance
    public var pupils: [PseudonymisedPupil]
    /// Each pupil's tokens, in the order of `pupils`.
    public var tokens: [IdentityTokens]
    public var enrolments: [Enrolment]

    public var keyID: String { provenance.keyID }

    public init(provenance: Provenance, pupils: [PseudonymisedPupil], tokens: [IdentityTokens], enrolments: [Enrolment]) {
        precondition(pupils.count == tokens.count, "one set of tokens per pupil")
        self.provenance = provenance
        self.pupils = pupils
        self.tokens = tokens
        self.enrolments = enrolments
    }
}
