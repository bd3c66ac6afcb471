import CohortModel
import Pseudonymisation

/// What one linkage rule contributed.
public struct RuleSummary: Sendable, Equatable {
    public var rule: String
    public var method: LinkMethod
    public var links: Int
}

public struct LinkageResult: Sendable {
    public var links: [Link]
    public var rules: [RuleSummary]
}

/// Links children to pupils on tokens alone: first by UPN, then by deterministic passes on
/// progressively relaxed keys. One-to-one: a record, once linked, leaves the pool.
public struct DeterministicLinker: Sendable {
    public init() {}

    public func link(children: [PseudonymisedChild], pupils: [PseudonymisedPupil]) -> LinkageResult {
        var state = AssignmentState(children: children.count, pupils: pupils.count)
        var rules: [RuleSummary] = []

        let upnLinks = upnCandidates(children: children, pupils: pupils)
        rules.append(state.accept(upnLinks, rule: "UPN with date of birth agreeing", method: .upn))

        for pass in deterministicPasses {
            let proposals = mutuallyUniqueCandidates(pass, children: children, pupils: pupils, state: state)
            rules.append(state.accept(proposals, rule: pass.name, method: .deterministic))
        }
        return LinkageResult(links: state.links.sorted { $0.child < $1.child }, rules: rules)
    }

    /// Children whose valid UPN (or former UPN) is a pupil's, with dates of birth agreeing (exactly,
    /// swapped, a day out or in year and month) as a guard against another child's UPN typed in.
    func upnCandidates(children: [PseudonymisedChild], pupils: [PseudonymisedPupil]) -> [(Int32, Int32)] {
        var byUPN: [UInt64: [Int32]] = [:]
        for (p, pupil) in pupils.enumerated() {
            for token in [pupil.tokens.upn, pupil.tokens.formerUPN] where token != 0 { byUPN[token, default: []].append(Int32(p)) }
        }
        var candidates: [(Int32, Int32)] = []
        for (c, child) in children.enumerated() {
            var found: [Int32] = []
            for token in [child.tokens.upn, child.tokens.formerUPN] where token != 0 {
                for p in byUPN[token] ?? [] where !found.contains(p) && child.tokens.birthDatesAgreeLoosely(with: pupils[Int(p)].tokens) {
                    found.append(p)
                }
            }
            if found.count == 1 { candidates.append((Int32(c), found[0])) }
        }
        return mutuallyUnique(candidates)
    }

    func mutuallyUniqueCandidates(_ pass: DeterministicPass, children: [PseudonymisedChild], pupils: [PseudonymisedPupil],
                                  state: AssignmentState) -> [(Int32, Int32)] {
        var pupilsByKey: [UInt64: [Int32]] = [:]
        for (p, pupil) in pupils.enumerated() where !state.pupilLinked[p] {
            for key in Set(pass.pupilKeys(pupil.tokens, pupil.sex)) { pupilsByKey[key, default: []].append(Int32(p)) }
        }
        var candidates: [(Int32, Int32)] = []
        for (c, child) in children.enumerated() where !state.childLinked[c] {
            var found = Set<Int32>()
            for key in pass.childKeys(child.tokens, child.sex) { found.formUnion(pupilsByKey[key] ?? []) }
            if found.count == 1 { candidates.append((Int32(c), found.first!)) }
        }
        return mutuallyUnique(candidates)
    }

    /// Drops every proposal whose pupil is proposed for more than one child.
    func mutuallyUnique(_ candidates: [(Int32, Int32)]) -> [(Int32, Int32)] {
        var perPupil: [Int32: Int] = [:]
        for (_, p) in candidates { perPupil[p, default: 0] += 1 }
        return candidates.filter { perPupil[$0.1] == 1 }
    }
}

/// Who is linked so far.
struct AssignmentState {
    var childLinked: [Bool]
    var pupilLinked: [Bool]
    var links: [Link] = []

    init(children: Int, pupils: Int) {
        childLinked = Array(repeating: false, count: children)
        pupilLinked = Array(repeating: false, count: pupils)
    }

    mutating func accept(_ pairs: [(Int32, Int32)], rule: String, method: LinkMethod, weight: Double = .infinity) -> RuleSummary {
        var accepted = 0
        for (c, p) in pairs where !childLinked[Int(c)] && !pupilLinked[Int(p)] {
            childLinked[Int(c)] = true
            pupilLinked[Int(p)] = true
            links.append(Link(child: c, pupil: p, weight: weight, method: method, rule: rule))
            accepted += 1
        }
        return RuleSummary(rule: rule, method: method, links: accepted)
    }
}
