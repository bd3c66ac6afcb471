import CohortModel
import Pseudonymisation

/// Links children to pupils on tokens alone: first by UPN, then by deterministic passes on
/// progressively relaxed keys. One-to-one: a record, once linked, leaves the pool. Kept as the
/// baseline the probabilistic linker is measured against; its links carry no weight.
public struct DeterministicLinker: Sendable {
    public init() {}

    public func link(children: [IdentityTokens], pupils: [IdentityTokens]) -> LinkageResult {
        var state = AssignmentState(children: children.count, pupils: pupils.count)
        var rules: [RuleSummary] = []

        let upnLinks = upnCandidates(children: LinkageRecords(children), pupils: LinkageRecords(pupils))
        rules.append(state.accept(upnLinks, rule: "UPN with date of birth agreeing", method: .upn) { _, _ in .nan })

        for pass in deterministicPasses {
            let proposals = mutuallyUniqueCandidates(pass, children: children, pupils: pupils, state: state)
            rules.append(state.accept(proposals, rule: pass.name, method: .deterministic) { _, _ in .nan })
        }
        return LinkageResult(links: state.links.sorted { $0.child < $1.child }, rules: rules)
    }

    func mutuallyUniqueCandidates(_ pass: DeterministicPass, children: [IdentityTokens], pupils: [IdentityTokens],
                                  state: AssignmentState) -> [(Int32, Int32)] {
        var pupilsByKey: [UInt64: [Int32]] = [:]
        for (p, pupil) in pupils.enumerated() where !state.pupilLinked[p] {
            for key in Set(pass.pupilKeys(pupil)) { pupilsByKey[key, default: []].append(Int32(p)) }
        }
        var candidates: [(Int32, Int32)] = []
        for (c, child) in children.enumerated() where !state.childLinked[c] {
            var found = Set<Int32>()
            for key in pass.childKeys(child) { found.formUnion(pupilsByKey[key] ?? []) }
            if found.count == 1 { candidates.append((Int32(c), found.first!)) }
        }
        return mutuallyUnique(candidates)
    }
}
