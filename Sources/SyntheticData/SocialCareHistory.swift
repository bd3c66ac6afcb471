import CohortModel
import Foundation

/// One child in the social care extract.
struct SocialCareChild: Sendable {
    /// Where the child is, which decides whether the education extract can hold them.
    enum Kind: UInt8, Sendable {
        /// On roll in the LA's schools in at least one year of the window.
        case pupil
        /// Of school age but at school in another LA, so absent from the education extract.
        case outOfArea
        /// Aged 0–4: not yet at school and without a UPN.
        case underFive
        /// Aged 16–17: past year 11 (on roll in an earlier year of the window when it reaches back).
        case postSixteen
    }

    var person: Int32
    var kind: Kind
    var laChildID: Int
    /// Range into `SocialCareHistory.episodes`, sorted by start date.
    var episodes: Range<Int>
    var everLookedAfter: Bool
}

struct EpisodeRecord: Sendable {
    var category: SocialCareCategory
    var start: Day
    var end: Day?
    /// The LA that recorded the episode, as an index into `Geography.authorities`: 0, the child's
    /// LA, except for episodes from before the child moved in.
    var recordedBy: UInt8 = 0

    func isOpen(on day: Day) -> Bool { start <= day && (end.map { $0 > day } ?? true) }
}

/// Who has a social worker, and their episodes over the window.
///
/// Children are chosen among the pupils with a probability rising steeply with their latent
/// disadvantage (and with the ethnic over-representation seen in the children in need census),
/// then given a history of child in need plans, protection plans and care anchored on the latest
/// reference date: roughly 45% on a CIN plan, 20% on a protection plan and 20% looked after on
/// 31 March, the rest with episodes closed before it or opened after it.
struct SocialCareHistory: Sendable {
    var children: [SocialCareChild] = []
    var episodes: [EpisodeRecord] = []
    /// The group of each child at each year's reference date: `children.count × years` values,
    /// 0 for none, otherwise `SocialCareCategory.rawValue + 1` (the highest open episode).
    var groups: [UInt8] = []
    let yearCount: Int

    func group(child: Int, year: Int) -> UInt8 { groups[child * yearCount + year] }

    /// What differs between a stand-alone LA's social care and one LA's part of England's.
    struct Scope: Sendable {
        /// Target shares of the four kinds of children (`SocialCareChild.Kind` order).
        var kindShares: [Double]
        /// The seed LAchildIDs are numbered from, and how many children earlier LAs of the same
        /// generation numbered, so that LAchildIDs never repeat across England.
        var idSeed: UInt64
        var firstChild = 0
        /// Share of the children with closed earlier episodes who moved in: those episodes were
        /// recorded by a neighbouring LA.
        var movedInShare = 0.0

        /// A stand-alone LA: some children go to school in other LAs, out of its education extract.
        static func localAuthority(seed: UInt64) -> Scope { Scope(kindShares: [0.70, 0.08, 0.12, 0.10], idSeed: seed) }

        /// One of England's LAs: a child at school in a neighbouring LA is on that LA's roll, so
        /// still a pupil of the national education extract; one in five children with closed
        /// earlier episodes had them in another LA.
        static func england(seed: UInt64, firstChild: Int) -> Scope {
            Scope(kindShares: [0.78, 0, 0.12, 0.10], idSeed: seed, firstChild: firstChild, movedInShare: 0.2)
        }
    }

    init(population: inout Population, count: Int, laCode: Int, names: NamePools, seed: UInt64, scope: Scope) {
        yearCount = population.years.count
        var random = Random(seed: seed, stream: .socialCareSelection)
        let quotas = apportion(max(0, count), scope.kindShares)
        let latestStart = population.years[population.latest].startYear
        let latest = population.latest

        // Pupils, weighted by disadvantage, ethnicity and age (teenagers more often).
        var candidates: [Int] = [], weights: [Double] = []
        var graduates: [Int] = [], graduateWeights: [Double] = []
        for (p, person) in population.people.enumerated() where person.isOnRoll {
            let nc = person.ncYear(in: latestStart)
            let w = exp(1.25 * min(3, Double(person.disadvantage))) * Ethnicity.all[Int(person.ethnicity)].socialCareRisk
            if nc <= 11 {
                candidates.append(p)
                weights.append(w * (nc >= 7 ? 1.3 : nc <= 1 ? 0.85 : 1.0))
            } else {
                graduates.append(p)
                graduateWeights.append(w)
            }
        }
        var chosen = systematicSample(candidates, weights, count: min(quotas[0], candidates.count), &random)
        // Twins usually come to social care together.
        var isChosen = Set(chosen)
        var twinsAdded: [Int] = []
        for p in chosen {
            let t = Int(population.people[p].twin)
            if t >= 0 && !isChosen.contains(t) && random.chance(0.6) {
                twinsAdded.append(t)
                isChosen.insert(t)
            }
        }
        if !twinsAdded.isEmpty {
            var removable = chosen.filter { population.people[$0].twin < 0 }
            var drop = Set<Int>()
            while drop.count < twinsAdded.count && !removable.isEmpty {
                drop.insert(removable.remove(at: random.below(removable.count)))
            }
            chosen = (chosen.filter { !drop.contains($0) } + twinsAdded).sorted()
        }

        // 16–17-year-olds: those whose year 11 falls in the window are former pupils.
        let reachBack = min(0.85, 0.42 * Double(latest))
        let fromGraduates = min(graduates.count / 3, Int((Double(quotas[3]) * reachBack).rounded()))
        let olderPupils = systematicSample(graduates, graduateWeights, count: fromGraduates, &random)

        var kinds: [(Int, SocialCareChild.Kind)] = chosen.map { ($0, .pupil) } + olderPupils.map { ($0, .postSixteen) }
        var extraRandom = Random(seed: seed, stream: .population, 1)
        for _ in 0..<quotas[1] {
            let nc = random.chance(0.55) ? random.between(7, 11) : random.between(0, 6)
            let p = population.addPerson(cohort: latestStart - 5 - nc, names: names, &extraRandom)
            population.allocateUPN(p, laCode: laCode, fromElsewhere: true, &extraRandom)
            kinds.append((p, .outOfArea))
        }
        let reference = population.years[latest].referenceDate
        for _ in 0..<quotas[2] {
            let nc = -random.between(1, 5)
            let p = population.addPerson(cohort: latestStart - 5 - nc, names: names, &extraRandom)
            // The youngest cohort is partly unborn on 31 March; keep them born a little before.
            if population.people[p].dob > reference.adding(days: -14) {
                let start = Day(year: latestStart, month: 9, day: 1)!
                population.people[p].dob = start.adding(days: random.below(Int(reference.number - start.number) - 14))
            }
            kinds.append((p, .underFive))
        }
        for _ in 0..<(quotas[3] - olderPupils.count) {
            let nc = random.chance(0.5) ? 12 : 13
            let p = population.addPerson(cohort: latestStart - 5 - nc, names: names, &extraRandom)
            population.allocateUPN(p, laCode: laCode, &extraRandom)
            kinds.append((p, .postSixteen))
        }

        // Episodes, then the group at every reference date.
        let builder = EpisodeBuilder(years: population.years)
        // A bijection of the child's number mod 9,000,000: distinct, scattered seven-digit IDs.
        let idMultiplier = 7_368_787, idOffset = Int(SplitMix64.mix(scope.idSeed) % 9_000_000)
        let neighbours = population.geography.authorities.count - 1
        for (i, (p, kind)) in kinds.enumerated() {
            var episodeRandom = Random(seed: seed, stream: .episodes, UInt64(i))
            var made = builder.episodes(kind: kind, dob: population.people[p].dob, &episodeRandom)
            if scope.movedInShare > 0 && neighbours > 0 {
                var moveRandom = Random(seed: seed, stream: .episodes, UInt64(i), 906)
                EpisodeBuilder.recordBeforeMoveIn(&made, neighbours: neighbours, share: scope.movedInShare, &moveRandom)
            }
            let range = episodes.count..<(episodes.count + made.count)
            episodes += made
            children.append(SocialCareChild(
                person: Int32(p), kind: kind, laChildID: 1_000_000 + ((scope.firstChild + i) * idMultiplier + idOffset) % 9_000_000,
                episodes: range, everLookedAfter: made.contains { $0.category == .lookedAfter }))
            population.people[p].socialCare = Int32(i)
            for year in population.years {
                let ref = year.referenceDate
                var best: UInt8 = 0
                for e in made where e.isOpen(on: ref) { best = max(best, e.category.rawValue + 1) }
                groups.append(best)
            }
        }
    }
}

/// Draws one child's episodes around the latest reference date.
struct EpisodeBuilder: Sendable {
    let windowStart: Day
    let reference: Day
    /// The day the extract was taken: four months after the latest reference date.
    let extractDate: Day

    init(years: [AcademicYear]) {
        windowStart = years[0].firstDay
        reference = years[years.count - 1].referenceDate
        extractDate = reference.adding(days: 122)
    }

    /// Mean length of a whole episode, and mean time an open episode has already run at the
    /// reference date (longer: long episodes are more likely to be open on any given day).
    private static let meanLength: [Double] = [300, 260, 700]
    private static let meanElapsed: [Double] = [330, 220, 800]
    private static let closesBeforeExtract: [Double] = [0.3, 0.35, 0.1]

    func status(kind: SocialCareChild.Kind) -> WeightedChoice<SocialCareCategory?> {
        switch kind {
        case .pupil: WeightedChoice([(.childInNeedPlan, 0.499), (.childProtectionPlan, 0.2), (.lookedAfter, 0.164), (nil, 0.137)])
        case .outOfArea: WeightedChoice([(.childInNeedPlan, 0.30), (.childProtectionPlan, 0.10), (.lookedAfter, 0.45), (nil, 0.15)])
        case .underFive: WeightedChoice([(.childInNeedPlan, 0.35), (.childProtectionPlan, 0.35), (.lookedAfter, 0.12), (nil, 0.18)])
        case .postSixteen: WeightedChoice([(.childInNeedPlan, 0.35), (.childProtectionPlan, 0.10), (.lookedAfter, 0.35), (nil, 0.20)])
        }
    }

    func episodes(kind: SocialCareChild.Kind, dob: Day, _ random: inout Random) -> [EpisodeRecord] {
        var made: [EpisodeRecord] = []
        let days = { (d: Double) in max(1, Int(d.rounded())) }
        let current = status(kind: kind).sample(&random)
        if let category = current {
            var start = reference.adding(days: -days(random.exponential(mean: EpisodeBuilder.meanElapsed[Int(category.rawValue)])))
            if start < dob { start = dob.adding(days: random.below(max(1, Int(reference.number - dob.number)))) }
            var end: Day? = nil
            if random.chance(EpisodeBuilder.closesBeforeExtract[Int(category.rawValue)]) {
                end = reference.adding(days: 1 + random.below(Int(extractDate.number - reference.number) - 1))
            }
            made.append(EpisodeRecord(category: category, start: start, end: end))
            // A CIN plan left open when the child moved up to protection or care: the hierarchy
            // decides the group.
            if category != .childInNeedPlan && random.chance(0.12) {
                let cinStart = max(dob, start.adding(days: -days(random.exponential(mean: 150))))
                made.append(EpisodeRecord(category: .childInNeedPlan, start: cinStart, end: nil))
            }
            // A new plan after the current one closed, before the extract was taken.
            if let closed = end, random.chance(0.25) {
                let next = closed.adding(days: random.below(20))
                if next < extractDate {
                    let after: SocialCareCategory = category == .lookedAfter ? .childInNeedPlan
                        : random.chance(0.6) ? .childInNeedPlan : .childProtectionPlan
                    made.append(EpisodeRecord(category: after, start: next, end: nil))
                }
            }
        } else if random.chance(0.3) {
            // Referred after the reference date.
            let start = reference.adding(days: 1 + random.below(Int(extractDate.number - reference.number) - 1))
            let category: SocialCareCategory = random.chance(0.6) ? .childInNeedPlan : random.chance(0.75) ? .childProtectionPlan : .lookedAfter
            made.append(EpisodeRecord(category: category, start: max(start, dob), end: nil))
        } else {
            // Closed before the reference date (but within the window).
            let span = max(2, Int(reference.number - max(windowStart, dob).number))
            let end = reference.adding(days: -1 - random.below(min(span - 1, 420)))
            let category: SocialCareCategory = random.chance(0.6) ? .childInNeedPlan : random.chance(0.7) ? .childProtectionPlan : .lookedAfter
            let start = max(dob, end.adding(days: -days(random.exponential(mean: EpisodeBuilder.meanLength[Int(category.rawValue)]) + 14)))
            if start < end { made.append(EpisodeRecord(category: category, start: start, end: end)) }
            else { made.append(EpisodeRecord(category: category, start: end.adding(days: -1), end: end)) }
        }

        // Earlier episodes, walking back from the first one while they still reach the window.
        let priors = WeightedChoice<Int>([(0, 0.42), (1, 0.3), (2, 0.18), (3, 0.1)]).sample(&random)
        var next = made.map(\.start).min()!
        var nextCategory = made.first!.category
        for _ in 0..<priors where made.count < 4 {
            let gap = random.chance(0.35) ? 0 : days(random.exponential(mean: 70))
            let end = next.adding(days: -gap)
            let category: SocialCareCategory
            switch nextCategory {
            case .lookedAfter: category = random.chance(0.5) ? .childProtectionPlan : .childInNeedPlan
            case .childProtectionPlan: category = random.chance(0.7) ? .childInNeedPlan : .childProtectionPlan
            case .childInNeedPlan: category = random.chance(0.5) ? .childProtectionPlan : .childInNeedPlan
            }
            let start = max(dob, end.adding(days: -(days(random.exponential(mean: EpisodeBuilder.meanLength[Int(category.rawValue)])) + 14)))
            guard end >= windowStart, start < end else { break }
            made.append(EpisodeRecord(category: category, start: start, end: end))
            next = start
            nextCategory = category
        }
        made.sort { ($0.start, $0.category.rawValue) < ($1.start, $1.category.rawValue) }
        return made
    }
}

extension EpisodeBuilder {
    /// With probability `share`, when the child has episodes that closed before their latest one
    /// started, marks those as recorded by a neighbouring LA (1...`neighbours`): the child moved in.
    static func recordBeforeMoveIn(_ episodes: inout [EpisodeRecord], neighbours: Int, share: Double, _ random: inout Random) {
        guard let latestStart = episodes.map(\.start).max() else { return }
        let earlier = episodes.indices.filter { episodes[$0].end.map { $0 < latestStart } ?? false }
        guard !earlier.isEmpty, random.chance(share) else { return }
        let from = UInt8(random.between(1, neighbours))
        for e in earlier { episodes[e].recordedBy = from }
    }
}

/// Probability-proportional-to-size systematic sampling: exactly `count` distinct items (when
/// there are enough), in one pass, in input order. Units too heavy to be drawn only once are
/// taken once and the shortfall is made up from the rest at random.
func systematicSample(_ items: [Int], _ weights: [Double], count: Int, _ random: inout Random) -> [Int] {
    guard count > 0, !items.isEmpty else { return [] }
    if count >= items.count { return items }
    let total = weights.reduce(0, +)
    let step = total / Double(count)
    var point = random.unit() * step
    var cumulative = 0.0
    var picked: [Int] = []
    var taken = [Bool](repeating: false, count: items.count)
    for (i, w) in weights.enumerated() {
        cumulative += w
        var hit = false
        while point < cumulative {
            hit = true
            point += step
        }
        if hit {
            picked.append(i)
            taken[i] = true
        }
        if picked.count == count { break }
    }
    while picked.count < count {
        let i = random.below(items.count)
        if !taken[i] {
            taken[i] = true
            picked.append(i)
        }
    }
    return picked.sorted().map { items[$0] }
}
