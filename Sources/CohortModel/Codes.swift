/// Sex as recorded in extracts. `unknown` covers not known, not stated and indeterminate.
public enum Sex: UInt8, Sendable, CaseIterable, Comparable {
    case male, female, unknown

    /// Reads `M`/`F`/`U`, `Male`/`Female`, and the CIN/SSDA903 codes 1 male, 2 female,
    /// 0 not known, 9 indeterminate. Nil when the text is none of these.
    public init?(code: String) {
        if let usual = Self.usual(code.utf8) {
            self = usual
            return
        }
        switch code.trimmingSpaces.uppercased() {
        case "M", "MALE", "1", "B", "BOY": self = .male
        case "F", "FEMALE", "2", "G", "GIRL": self = .female
        case "U", "0", "9", "UNKNOWN", "NOT KNOWN", "INDETERMINATE", "X": self = .unknown
        default: return nil
        }
    }

    /// The codes as exports write them (`M`, `F`, `1`, `2`), from their bytes without making a String;
    /// nil for anything else, which `init?(code:)` normalises first.
    @inlinable
    public static func usual(_ bytes: some Collection<UInt8>) -> Sex? {
        guard bytes.count == 1 else { return nil }
        return switch bytes.first! {
        case UInt8(ascii: "M"), UInt8(ascii: "1"): .male
        case UInt8(ascii: "F"), UInt8(ascii: "2"): .female
        default: nil
        }
    }

    public var label: String {
        switch self {
        case .male: "Male"
        case .female: "Female"
        case .unknown: "Unknown"
        }
    }

    public static func < (a: Sex, b: Sex) -> Bool { a.rawValue < b.rawValue }
}

/// The kind of social care episode.
public enum SocialCareCategory: UInt8, Sendable, CaseIterable, Comparable {
    case childInNeedPlan, childProtectionPlan, lookedAfter

    /// Reads `CINP`/`CPP`/`CLA` and the long labels.
    public init?(code: String) {
        let key = code.uppercased().filter { $0.isLetter }
        switch key {
        case "CINP", "CIN", "CINPLAN", "CHILDINNEED", "CHILDINNEEDPLAN": self = .childInNeedPlan
        case "CPP", "CP", "CPPLAN", "CHILDPROTECTION", "CHILDPROTECTIONPLAN": self = .childProtectionPlan
        case "CLA", "LAC", "LOOKEDAFTER", "LOOKEDAFTERCHILD", "CHILDLOOKEDAFTER", "CHILDLOOKEDAFTERBYTHELA": self = .lookedAfter
        default: return nil
        }
    }

    /// The codes as the data contract writes them (`CINP`, `CPP`, `CLA`), read without making text.
    @inlinable
    public static func usual(_ bytes: some Collection<UInt8>) -> SocialCareCategory? {
        guard bytes.count <= 4 else { return nil }
        return switch bytes.reduce(UInt32(0), { $0 << 8 | UInt32($1) }) {
        case 0x43_49_4E_50: .childInNeedPlan  // CINP
        case 0x43_50_50: .childProtectionPlan  // CPP
        case 0x43_4C_41: .lookedAfter  // CLA
        default: nil
        }
    }

    /// The output group this category puts a child in.
    public var group: SocialCareGroup {
        switch self {
        case .childInNeedPlan: .childInNeedPlan
        case .childProtectionPlan: .childProtectionPlan
        case .lookedAfter: .lookedAfter
        }
    }

    public static func < (a: SocialCareCategory, b: SocialCareCategory) -> Bool { a.rawValue < b.rawValue }
}

/// The output groups of MEASURES.md, in publication order.
public enum SocialCareGroup: UInt8, Sendable, CaseIterable, Comparable {
    case childInNeedPlan, childProtectionPlan, lookedAfter, anySocialWorker, noSocialWorker, allPupils

    public var label: String {
        switch self {
        case .childInNeedPlan: "Child in need plan"
        case .childProtectionPlan: "Child protection plan"
        case .lookedAfter: "Looked after"
        case .anySocialWorker: "Any social worker"
        case .noSocialWorker: "No social worker"
        case .allPupils: "All pupils"
        }
    }

    /// The three groups defined by an episode, which partition `Any social worker`.
    public static let socialCare: [SocialCareGroup] = [.childInNeedPlan, .childProtectionPlan, .lookedAfter]

    public var isSocialCare: Bool { rawValue <= SocialCareGroup.anySocialWorker.rawValue }

    public static func < (a: SocialCareGroup, b: SocialCareGroup) -> Bool { a.rawValue < b.rawValue }
}

/// Special educational needs provision (School Census `SENprovision`).
public enum SENProvision: UInt8, Sendable, CaseIterable {
    case ehcPlan, senSupport, none

    public init?(code: String) {
        if let usual = Self.usual(code.utf8) {
            self = usual
            return
        }
        switch code.trimmingSpaces.uppercased() {
        case "E", "S", "EHC", "EHCP": self = .ehcPlan  // S: statement, before EHC plans replaced them
        case "K", "SEN SUPPORT": self = .senSupport
        case "N", "NONE", "": self = .none
        default: return nil
        }
    }

    /// The codes as exports write them (`N`, `K`, `E`), from their bytes; nil for anything else.
    @inlinable
    public static func usual(_ bytes: some Collection<UInt8>) -> SENProvision? {
        guard bytes.count == 1 else { return nil }
        return switch bytes.first! {
        case UInt8(ascii: "N"): SENProvision.none
        case UInt8(ascii: "K"): .senSupport
        case UInt8(ascii: "E"): .ehcPlan
        default: nil
        }
    }

    public var label: String {
        switch self {
        case .ehcPlan: "EHC plan"
        case .senSupport: "SEN support"
        case .none: "No identified SEN"
        }
    }
}

/// DfE ethnicity major groups, from the 4-letter (or extended) School Census codes.
public enum EthnicityGroup: UInt8, Sendable, CaseIterable {
    case white, mixed, asian, black, chinese, other, unclassified

    public init(code: String) {
        // Codes are ASCII; other text is trimmed of Unicode spaces first (and is then unclassified
        // unless an ASCII code follows them). The first letter decides: REFU (refused), NOBT (not
        // obtained) and blanks are unclassified.
        let text = code.utf8.contains { $0 >= 0x80 } ? String(code.trimmingSpaces) : code
        let first = text.utf8.first { $0 != 0x20 && !(0x09...0x0D).contains($0) }.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        switch first {
        case UInt8(ascii: "W"): self = .white
        case UInt8(ascii: "M"): self = .mixed
        case UInt8(ascii: "A"): self = .asian
        case UInt8(ascii: "B"): self = .black
        case UInt8(ascii: "C"): self = .chinese
        case UInt8(ascii: "O"): self = .other
        default: self = .unclassified
        }
    }

    public var label: String {
        switch self {
        case .white: "White"
        case .mixed: "Mixed"
        case .asian: "Asian"
        case .black: "Black"
        case .chinese: "Chinese"
        case .other: "Any other ethnic group"
        case .unclassified: "Unclassified"
        }
    }
}

/// National Curriculum year group: reception (0), 1…14, or X (outside the NC).
public struct NCYear: Hashable, Comparable, Sendable {
    /// 0 for reception, 1…14, or -1 for X.
    public let value: Int8

    public init?(code: String) {
        if let usual = Self.usual(code.utf8) {
            self = usual
            return
        }
        let text = code.trimmingSpaces.uppercased()
        switch text {
        case "R": value = 0
        case "X": value = -1
        default:
            guard let n = Int8(text), (0...14).contains(n) else { return nil }
            value = n
        }
    }

    public init(_ value: Int8) { self.value = value }

    /// The codes as exports write them (`R`, `X`, `1` to `14`), from their bytes; nil for anything else.
    @inlinable
    public static func usual(_ bytes: some Collection<UInt8>) -> NCYear? {
        guard let first = bytes.first, bytes.count <= 2 else { return nil }
        if bytes.count == 1 && first == UInt8(ascii: "R") { return NCYear(0) }
        if bytes.count == 1 && first == UInt8(ascii: "X") { return NCYear(-1) }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value <= 14 ? NCYear(Int8(value)) : nil
    }

    public var label: String { value == 0 ? "Reception" : value < 0 ? "X" : "Year \(value)" }

    public var phase: Phase? {
        switch value {
        case 0...6: .primary
        case 7...14: .secondary
        default: nil
        }
    }

    public static func < (a: NCYear, b: NCYear) -> Bool { a.value < b.value }
}

public enum Phase: UInt8, Sendable, CaseIterable {
    case primary, secondary

    public var label: String { self == .primary ? "Primary" : "Secondary" }
}

/// School Census enrolment status.
public enum EnrolStatus: UInt8, Sendable {
    case current, mainDual, subsidiaryDual, other

    public init?(code: String) {
        if let usual = Self.usual(code.utf8) {
            self = usual
            return
        }
        switch code.trimmingSpaces.uppercased() {
        case "C", "": self = .current
        case "M": self = .mainDual
        case "S": self = .subsidiaryDual
        case "F", "O", "G": self = .other
        default: return nil
        }
    }

    /// The codes as exports write them (`C`, `M`, `S`, or nothing), from their bytes; nil for
    /// anything else.
    @inlinable
    public static func usual(_ bytes: some Collection<UInt8>) -> EnrolStatus? {
        guard bytes.count <= 1 else { return nil }
        return switch bytes.first {
        case nil, UInt8(ascii: "C"): .current
        case UInt8(ascii: "M"): .mainDual
        case UInt8(ascii: "S"): .subsidiaryDual
        default: nil
        }
    }
}

/// Reads `0/1`, `true/false`, `Y/N`, `yes/no`.
public func parseFlag(_ text: String) -> Bool? {
    if let usual = usualFlag(text.utf8) { return usual }
    return switch text.trimmingSpaces.lowercased() {
    case "1", "true", "y", "yes", "t": true
    case "0", "false", "n", "no", "f": false
    default: nil
    }
}

/// The flags as exports write them (`1`, `0`), from their bytes; nil for anything else.
@inlinable
public func usualFlag(_ bytes: some Collection<UInt8>) -> Bool? {
    guard bytes.count == 1 else { return nil }
    return switch bytes.first! {
    case UInt8(ascii: "1"): true
    case UInt8(ascii: "0"): false
    default: nil
    }
}
