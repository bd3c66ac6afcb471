/// Who is linked so far.
struct AssignmentState {
    var childLinked: [Bool]
    var pupilLinked: [Bool]
    var links: [Link] = []

    init(children: Int, pupils: Int) {
        childLinked = Array(repeating: false, count: children)
        pupilLinked = Array(repeating: false, count: pupils)
    }

    mutating func accept(_ pairs: [(Int32, Int32)], rule: String, method: LinkMethod, oneToOne: Bool = true,
                         weight: (Int32, Int32) -> Double) -> RuleSummary {
        var accepted = 0
        for (c, p) in pairs where !oneToOne || (!childLinked[Int(c)] && !pupilLinked[Int(p)]) {
            childLinked[Int(c)] = true
            pupilLinked[Int(p)] = true
            links.append(Link(child: c, pupil: p, weight: weight(c, p), method: method, rule: rule))
            accepted += 1
        }
        return RuleSummary(rule: rule, method: method, links: accepted)
    }
}

/// Drops every proposal whose pupil is proposed for more than one child.
func mutuallyUnique(_ candidates: [(Int32, Int32)]) -> [(Int32, Int32)] {
    var perPupil: [Int32: Int] = [:]
    for (_, p) in candidates { perPupil[p, default: 0] += 1 }
    return candidates.filter { perPupil[$0.1] == 1 }
}
