import CohortModel
import Foundation

/// What the school census, attendance, exclusions and KS4 records say about one pupil in one
/// academic year.
struct PupilYearOutcome: Sendable {
    var possible: Int32 = 0
    var authorised: Int32 = 0
    var unauthorised: Int32 = 0
    var suspensions: Int32 = 0
    var permanentExclusion = false
    var fsm = false
    var sen: SENProvision = .none
    /// Attainment 8 in half points (0…180), or -1 when there is no KS4 result.
    var attainment8Halves: Int16 = -1
    var englishMaths95 = false
    /// The subsidiary (dual) registration's own sessions and suspensions, when there is one.
    var dualPossible: Int32 = 0
    var dualAuthorised: Int32 = 0
    var dualUnauthorised: Int32 = 0
    var dualSuspensions: Int32 = 0

    var totalPossible: Int32 { possible + dualPossible }
    var totalAbsent: Int32 { authorised + unauthorised + dualAuthorised + dualUnauthorised }
    var totalSuspensions: Int32 { suspensions + dualSuspensions }
}

/// Draws a pupil-year's outcomes from the pupil's latent traits, their school, and their social
/// care status that year.
///
/// Each pupil-year has its own random stream keyed by (person, year), so outcomes can be drawn in
/// any order, twice, or on any thread, and come out the same. The coefficients are calibrated to
/// DfE national statistics on outcomes for children in need: persistent absence about three times
/// that of other pupils (CLA in between), Attainment 8 around 21 against about 49, FSM, SEN and
/// suspensions several times higher.
enum OutcomeModel {
    /// Social care status in a year: 0 never in social care, 1 in the social care extract but not
    /// in a group at this reference date, 2 CIN plan, 3 protection plan, 4 looked after.
    typealias Status = Int

    static let absenceShift: [Double] = [0, 0.6, 1.35, 1.2, 0.45]
    static let unauthorisedShift: [Double] = [0, 0.3, 0.6, 0.5, 0.0]
    static let fsmShift: [Double] = [0, 0.3, 0.55, 0.55, 0.35]
    static let senShift: [Double] = [0, 0.05, 0.1, 0.05, 0.5]
    static let behaviourShift: [Double] = [0, 0.5, 0.95, 0.85, 0.65]
    static let attainmentShift: [Double] = [0, 7, 12, 11, 10]

    /// `dualSessions` is the possible sessions of the subsidiary registration's school, or 0 when
    /// the pupil is registered at one school only.
    static func draw(person: Person, personIndex: Int, year: Int, nc: Int, status: Status, schoolSessions: Int,
                     schoolEffect: Double, isJoinYear: Bool, isLeaveYear: Bool, dualSessions: Int,
                     seed: UInt64) -> PupilYearOutcome {
        var random = Random(seed: seed, stream: .outcomes, UInt64(personIndex), UInt64(year))
        var out = PupilYearOutcome()
        let z = Double(person.disadvantage)
        let secondary = nc >= 7

        // Sessions: a full year, less for pupils who arrived or left part way through it.
        var possible = schoolSessions
        if isJoinYear && random.chance(0.5) { possible = random.between(60, possible - 20) }
        if isLeaveYear && random.chance(0.5) { possible = random.between(40, possible - 40) }
        if random.chance(0.001) { possible = 0 }  // on roll but never expected to attend this year

        // Absence: a logit-normal rate, so most pupils miss a little and a long tail misses a lot.
        let absenceLogit = -3.95 + 0.35 * z + 1.6 * Double(person.absenceTrait) + schoolEffect
            + (secondary ? 0.35 : 0) + absenceShift[status] + 0.5 * random.normal()
        let rate = logistic(absenceLogit)
        let unauthorisedShare = logistic(-0.9 + 0.45 * z + unauthorisedShift[status] + 0.4 * random.normal())
        func split(_ sessions: Int, rate: Double) -> (Int32, Int32) {
            let absent = min(sessions, Int((Double(sessions) * rate + random.unit()).rounded(.down)))
            let unauthorised = Int((Double(absent) * unauthorisedShare).rounded())
            return (Int32(absent - unauthorised), Int32(unauthorised))
        }
        out.possible = Int32(possible)
        (out.authorised, out.unauthorised) = split(possible, rate: rate)

        out.fsm = Double(person.fsmDraw) < logistic(-0.85 + 1.3 * z + fsmShift[status])

        let senScore = 0.55 * z + 0.85 * Double(person.senTrait) + senShift[status] + 0.15 * random.normal()
            + (nc <= 1 ? -0.25 : 0)  // needs are identified as children get older
        out.sen = senScore > 1.75 ? .ehcPlan : senScore > 0.92 ? .senSupport : .none

        let behaviour = 0.5 * z + 0.8 * Double(person.behaviourTrait) + behaviourShift[status]
        let lambda = (secondary ? 0.16 : 0.012) * exp(behaviour - 0.45)
        out.suspensions = Int32(random.poisson(lambda))
        let exclusionRisk = (secondary ? 0.012 : 0.003) * lambda * (status == 4 ? 0.5 : 1)
        out.permanentExclusion = random.chance(min(0.5, exclusionRisk))

        if nc == 11 && !(isJoinYear && random.chance(0.3)) && !random.chance(0.01) {
            var score = 53.0 - 6.5 * z + 9 * Double(person.abilityTrait) - 6 * schoolEffect
                - attainmentShift[status] + 4 * random.normal()
            if out.sen == .senSupport { score -= 12 }
            if out.sen == .ehcPlan { score -= 22 }
            let notEntered = status == 0 ? 0.03 : 0.12
            if random.chance(notEntered) { score = random.chance(0.6) ? 0 : Double(random.between(0, 10)) }
            let halves = Int16(max(0, min(180, (score * 2).rounded())))
            out.attainment8Halves = halves
            out.englishMaths95 = Double(halves) / 2 + 7 * random.normal() >= 51
        }

        if dualSessions > 0 {
            out.dualPossible = Int32(random.between(20, min(160, dualSessions)))
            (out.dualAuthorised, out.dualUnauthorised) = split(Int(out.dualPossible), rate: min(0.95, rate * 1.4))
            out.dualSuspensions = Int32(random.poisson(lambda * 0.3))
        }
        return out
    }
}
