import CohortModel

/// A child of the social care extract, pseudonymised: tokens and non-identifying attributes.
public struct PseudonymisedChild: Sendable, Equatable {
    /// 1-based data row of the child's first episode in the social care file.
    public var row: Int32
    /// Token of the LAchildID: joins a child's episodes, and children across social care files.
    public var key: UInt64
    public var tokens: IdentityTokens
    public var sex: Sex
    public var ethnicity: EthnicityGroup
    /// Year of birth: coarse, needed for age breakdowns of linkage quality.
    public var birthYear: Int16?

    public init(row: Int32, key: UInt64, tokens: IdentityTokens, sex: Sex, ethnicity: EthnicityGroup, birthYear: Int16?) {
        self.row = row
        self.key = key
        self.tokens = tokens
        self.sex = sex
        self.ethnicity = ethnicity
        self.birthYear = birthYear
    }
}

/// A pupil of the education extract (all rows with one UPN), pseudonymised.
public struct PseudonymisedPupil: Sendable, Equatable {
    /// 1-based data row of the pupil's first enrolment in the education file.
    public var row: Int32
    public var tokens: IdentityTokens
    public var sex: Sex
    public var ethnicity: EthnicityGroup

    public init(row: Int32, tokens: IdentityTokens, sex: Sex, ethnicity: EthnicityGroup) {
        self.row = row
        self.tokens = tokens
        self.sex = sex
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

/// The social care extract as the analyst receives it: no raw identifier anywhere.
public struct PseudonymisedSocialCare: Sendable {
    public var keyID: String
    public var children: [PseudonymisedChild]
    public var episodes: [Episode]
    public var quality: IdentifierQuality

    public init(keyID: String, children: [PseudonymisedChild], episodes: [Episode], quality: IdentifierQuality) {
        self.keyID = keyID
        self.children = children
        self.episodes = episodes
        self.quality = quality
    }
}

/// The education extract as the analyst receives it.
public struct PseudonymisedEducation: Sendable {
    public var keyID: String
    public var pupils: [PseudonymisedPupil]
    public var enrolments: [Enrolment]
    public var quality: IdentifierQuality

    public init(keyID: String, pupils: [PseudonymisedPupil], enrolments: [Enrolment], quality: IdentifierQuality) {
        self.keyID = keyID
        self.pupils = pupils
        self.enrolments = enrolments
        self.quality = quality
    }
}
