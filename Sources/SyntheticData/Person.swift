import CohortModel

/// One child's true identity and latent traits: the ground truth both extracts are drawn from.
///
/// Names are indices into `NamePools`, the postcode is packed and the UPN lives in a flat byte
/// array beside the people, which keeps a national population (ten million children) in memory
/// comfortably.
struct Person: Sendable {
    var dob: Day
    /// The start year of the academic year the child was born in: NC year = year − cohort − 5.
    var cohort: Int16
    var isMale: Bool
    var ethnicity: UInt8
    var forename: Int32
    /// A second forename (`Mary Jane`, `Abdul-Rahman`), or -1.
    var forename2: Int32 = -1
    var surname: Int32
    /// The second part of a double or hyphenated surname, or -1.
    var surname2: Int32 = -1
    var hyphenatedForenames = false
    var hyphenatedSurname = false
    var postcode: Postcode
    /// Window indices (0 = first academic year of the extract) of the first and last year on roll
    /// in the LA's schools; -1 when never on roll.
    var firstYear: Int8 = -1
    var lastYear: Int8 = -1
    /// Arrived in the LA's schools during the window (other than starting reception).
    var joinedMidway = false
    /// Left the LA's schools during the window (other than finishing year 11).
    var leftMidway = false
    var hasUPN = false
    var hasFormerUPN = false
    /// The other twin, or -1.
    var twin: Int32 = -1
    /// An older child of the same household (same surname and postcode), or -1.
    var sibling: Int32 = -1
    /// Latent disadvantage (standard normal): drives social care involvement, FSM, SEN,
    /// absence, behaviour and attainment together, which is what produces the gaps.
    var disadvantage: Float
    var absenceTrait: Float
    var senTrait: Float
    var behaviourTrait: Float
    var abilityTrait: Float
    /// A fixed uniform draw compared with each year's FSM probability, so eligibility is stable.
    var fsmDraw: Float
    /// Index into the social care children, or -1.
    var socialCare: Int32 = -1
    var primarySchool: Int32 = -1
    var secondarySchool: Int32 = -1
    /// A mid-window change of school: from `moveYear` on, the child attends `movedTo` instead of the
    /// school of the same phase.
    var movedTo: Int32 = -1
    var moveYear: Int8 = -1

    var isOnRoll: Bool { firstYear >= 0 }

    func ncYear(in academicYear: Int) -> Int { academicYear - Int(cohort) - 5 }
}
