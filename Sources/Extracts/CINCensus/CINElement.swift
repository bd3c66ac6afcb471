/// The CIN census elements the reader acts on; every other element is `other` and skipped.
///
/// Besides the statutory elements, a few LA-local ones are read when present, because case
/// management systems' own CIN exports carry them and linkage needs them: `Forename`, `Surname`
/// and `Postcode` in `ChildIdentifiers`, and `SchoolName`/`SchoolURN` in a plan.
enum CINElement: UInt8, CaseIterable {
    case other
    case message, header, collectionDetails, referenceDate, source, lea, children, child
    case childIdentifiers, laChildID, upn, formerUPN, upnUnknown, personBirthDate, genderCurrent, sex
    case forename, surname, postcode
    case childCharacteristics, ethnicity
    case cinDetails, cinReferralDate, cinClosureDate
    case cinPlanDates, cinPlanStartDate, cinPlanEndDate
    case childProtectionPlans, cppStartDate, cppEndDate
    case schoolName, schoolURN

    /// The element name as the schema spells it (also the column named in rejects).
    var name: String {
        switch self {
        case .other: ""
        case .message: "Message"
        case .header: "Header"
        case .collectionDetails: "CollectionDetails"
        case .referenceDate: "ReferenceDate"
        case .source: "Source"
        case .lea: "LEA"
        case .children: "Children"
        case .child: "Child"
        case .childIdentifiers: "ChildIdentifiers"
        case .laChildID: "LAchildID"
        case .upn: "UPN"
        case .formerUPN: "FormerUPN"
        case .upnUnknown: "UPNunknown"
        case .personBirthDate: "PersonBirthDate"
        case .genderCurrent: "GenderCurrent"
        case .sex: "Sex"
        case .forename: "Forename"
        case .surname: "Surname"
        case .postcode: "Postcode"
        case .childCharacteristics: "ChildCharacteristics"
        case .ethnicity: "Ethnicity"
        case .cinDetails: "CINdetails"
        case .cinReferralDate: "CINreferralDate"
        case .cinClosureDate: "CINclosureDate"
        case .cinPlanDates: "CINPlanDates"
        case .cinPlanStartDate: "CINPlanStartDate"
        case .cinPlanEndDate: "CINPlanEndDate"
        case .childProtectionPlans: "ChildProtectionPlans"
        case .cppStartDate: "CPPstartDate"
        case .cppEndDate: "CPPendDate"
        case .schoolName: "SchoolName"
        case .schoolURN: "SchoolURN"
        }
    }

    /// Elements that hold other elements, where text is a stray node rather than a value.
    var isContainer: Bool {
        switch self {
        case .message, .header, .collectionDetails, .source, .children, .child, .childIdentifiers,
             .childCharacteristics, .cinDetails, .cinPlanDates, .childProtectionPlans: true
        default: false
        }
    }

    /// True when this element's text is a value the reader keeps, given the element it sits in.
    func isValue(under parent: CINElement) -> Bool {
        switch (parent, self) {
        case (.collectionDetails, .referenceDate), (.source, .lea), (.childCharacteristics, .ethnicity),
             (.cinDetails, .cinReferralDate), (.cinDetails, .cinClosureDate),
             (.cinPlanDates, .cinPlanStartDate), (.cinPlanDates, .cinPlanEndDate),
             (.childProtectionPlans, .cppStartDate), (.childProtectionPlans, .cppEndDate),
             (.cinPlanDates, .schoolName), (.cinPlanDates, .schoolURN),
             (.childProtectionPlans, .schoolName), (.childProtectionPlans, .schoolURN): true
        case (.childIdentifiers, .laChildID), (.childIdentifiers, .upn), (.childIdentifiers, .formerUPN),
             (.childIdentifiers, .upnUnknown), (.childIdentifiers, .personBirthDate), (.childIdentifiers, .genderCurrent),
             (.childIdentifiers, .sex), (.childIdentifiers, .forename), (.childIdentifiers, .surname),
             (.childIdentifiers, .postcode): true
        default: false
        }
    }

    /// Element names by hash, built once.
    static let table = ElementTable()
}

/// Element names by hash, in a small open-addressed table: one hash and one comparison per tag,
/// where a `[String: CINElement]` would build a `String` for every tag of a gigabyte file.
struct ElementTable: Sendable {
    private static let size = 128
    /// Per slot: the name's hash (0 for an empty slot), the element, and where its folded name
    /// sits in `names`.
    private var hashes = [UInt64](repeating: 0, count: size)
    private var elements = [CINElement](repeating: .other, count: size)
    private var starts = [Int](repeating: 0, count: size)
    private var lengths = [Int](repeating: 0, count: size)
    private var names: [UInt8] = []

    init() {
        for element in CINElement.allCases where element != .other {
            let name = Array(element.name.utf8).map(Self.folded)
            let hash = Self.hash(name)
            var slot = Int(truncatingIfNeeded: hash) & (Self.size - 1)
            while hashes[slot] != 0 { slot = (slot + 1) & (Self.size - 1) }
            hashes[slot] = hash
            elements[slot] = element
            starts[slot] = names.count
            lengths[slot] = name.count
            names += name
        }
    }

    /// The element named by `bytes` (case-insensitive; the tokenizer has dropped any namespace prefix).
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> CINElement {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & (Self.size - 1)
        while hashes[slot] != 0 {
            if hashes[slot] == hash && lengths[slot] == bytes.count && matches(bytes, at: starts[slot]) { return elements[slot] }
            slot = (slot + 1) & (Self.size - 1)
        }
        return .other
    }

    private func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        for i in 0..<bytes.count where names[start + i] != Self.folded(bytes[i]) { return false }
        return true
    }

    /// A hash of the length and three case-folded bytes (never 0, which marks an empty slot):
    /// enough to tell the CIN census's element names apart, and cheap next to hashing every byte
    /// of 36 million tags. The bytes are compared in full before a match is accepted.
    @inline(__always) private static func hash(_ bytes: some Collection<UInt8>) -> UInt64 {
        guard let first = bytes.first else { return 1 }
        let middle = bytes[bytes.index(bytes.startIndex, offsetBy: bytes.count / 2)]
        let last = bytes[bytes.index(bytes.startIndex, offsetBy: bytes.count - 1)]
        let key = UInt64(bytes.count) | UInt64(folded(first)) << 8 | UInt64(folded(middle)) << 16 | UInt64(folded(last)) << 24
        return (key &* 0x9E37_79B9_7F4A_7C15) >> 32 | 1
    }

    @inline(__always) private static func folded(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
}
