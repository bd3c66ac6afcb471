import CohortModel

/// A child's identifiers as one social care source records them.
///
/// The statutory returns split a child over several files (the CIN census holds the UPN and
/// sex, SSDA903 the care episodes and home postcode), so identifiers are gathered per child and
/// merged across sources before they are pseudonymised.
public struct ChildIdentifiers: Sendable, Equatable {
    public var childID: String
    public var upn = ""
    public var formerUPN = ""
    public var forename = ""
    public var surname = ""
    public var birthDate: Day?
    public var sex = Sex.unknown
    public var ethnicity = ""
    public var postcode = ""

    public init(childID: String) { self.childID = childID }

    /// Fills every identifier `self` lacks from `other`: the first source that has a value wins.
    /// A placeholder UPN (`UN1`…) counts as missing when `other` has a real one.
    public mutating func fillMissing(from other: ChildIdentifiers) {
        if upn.isEmpty || (UPN.isPlaceholder(upn) && !UPN.isPlaceholder(other.upn)) { upn = other.upn }
        if formerUPN.isEmpty { formerUPN = other.formerUPN }
        if forename.isEmpty { forename = other.forename }
        if surname.isEmpty { surname = other.surname }
        if birthDate == nil { birthDate = other.birthDate }
        if sex == .unknown { sex = other.sex }
        if ethnicity.isEmpty { ethnicity = other.ethnicity }
        if postcode.isEmpty { postcode = other.postcode }
    }
}

extension SocialCareRecord {
    /// One episode of a child with these identifiers.
    public init(row: Int, identifiers: ChildIdentifiers, category: SocialCareCategory, start: Day, end: Day?,
                schoolName: String = "", schoolURN: Int? = nil) {
        self.init(row: row, childID: identifiers.childID, upn: identifiers.upn, formerUPN: identifiers.formerUPN,
                  forename: identifiers.forename, surname: identifiers.surname, birthDate: identifiers.birthDate,
                  sex: identifiers.sex, ethnicity: identifiers.ethnicity, postcode: identifiers.postcode,
                  category: category, start: start, end: end, schoolName: schoolName, schoolURN: schoolURN)
    }

    /// The record's identifiers, read or replaced together.
    public var identifiers: ChildIdentifiers {
        get {
            var ids = ChildIdentifiers(childID: childID)
            ids.upn = upn
            ids.formerUPN = formerUPN
            ids.forename = forename
            ids.surname = surname
            ids.birthDate = birthDate
            ids.sex = sex
            ids.ethnicity = ethnicity
            ids.postcode = postcode
            return ids
        }
        set {
            childID = newValue.childID
            upn = newValue.upn
            formerUPN = newValue.formerUPN
            forename = newValue.forename
            surname = newValue.surname
            birthDate = newValue.birthDate
            sex = newValue.sex
            ethnicity = newValue.ethnicity
            postcode = newValue.postcode
        }
    }
}
