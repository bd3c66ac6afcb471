import CohortModel
import Extracts

/// Writes a CIN census return in the shape of the DfE schema: header, then per child its
/// identifiers, characteristics and one `CINdetails` holding its CIN and protection plans, with
/// the referral, assessment and section 47 elements a real return carries around them.
enum CINCensusXML {
    /// `laCode` nil: England's children in one return, whose header names no LA (its LAchildIDs
    /// are unique across England, not one LA's).
    static func write(_ children: [StatutorySocialCare.Child], laCode: Int?, referenceDate: Day, seed: UInt64) -> [UInt8] {
        var w = ByteWriter(capacity: 4_096)
        w.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n")
        w.append("      <Collection>CIN</Collection>\n      <Year>\(referenceDate.year)</Year>\n")
        element(&w, 6, "ReferenceDate", date: referenceDate)
        w.append("    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n")
        if let laCode { w.append("      <LEA>\(laCode)</LEA>\n") }
        w.append("      <SoftwareCode>CohortLink synthetic</SoftwareCode>\n      <Release>1</Release>\n      <SerialNo>001</SerialNo>\n")
        w.append("      <DateTime>\(referenceDate.adding(days: 40))T09:00:00</DateTime>\n    </Source>\n  </Header>\n  <Children>\n")
        // Each child's elements come from its own random stream, so England's 1.6 million are
        // written in parallel chunks and joined in order: the same bytes whatever the threads.
        var parts = parallelChunks(children.count, chunks: max(1, min(64, children.count / 5_000))) { range in
            var part = ByteWriter(capacity: range.count * 1_600)
            for i in range {
                var random = Random(seed: seed, stream: .episodes, UInt64(i), 903)
                write(children[i], &part, &random)
            }
            return part.bytes
        }
        parts.insert(w.bytes, at: 0)
        parts.append(Array("  </Children>\n</Message>\n".utf8))
        return concatenated(&parts)
    }

    private static func write(_ child: StatutorySocialCare.Child, _ w: inout ByteWriter, _ random: inout Random) {
        let ids = child.identifiers
        w.append("    <Child>\n      <ChildIdentifiers>\n")
        element(&w, 8, "LAchildID", ids.childID)
        if UPN.isPlaceholder(ids.upn) {
            if !ids.upn.isEmpty { element(&w, 8, "UPNunknown", ids.upn) }
        } else {
            element(&w, 8, "UPN", ids.upn)
        }
        element(&w, 8, "FormerUPN", ids.formerUPN)
        if let birth = ids.birthDate { element(&w, 8, "PersonBirthDate", date: birth) }
        element(&w, 8, "Sex", ids.sex == .male ? "M" : ids.sex == .female ? "F" : "U")
        element(&w, 8, "Forename", ids.forename)
        element(&w, 8, "Surname", ids.surname)
        element(&w, 8, "Postcode", ids.postcode)
        w.append("      </ChildIdentifiers>\n      <ChildCharacteristics>\n")
        element(&w, 8, "Ethnicity", ids.ethnicity)
        w.append("        <Disabilities>\n")
        element(&w, 10, "Disability", random.chance(0.85) ? "NONE" : random.pick(["LD", "COMM", "BEH", "AUT", "MOB"]))
        w.append("        </Disabilities>\n      </ChildCharacteristics>\n")

        // One episode of need spanning every episode of the child; closed when they all are.
        let referral = child.episodes.map(\.start).min()!
        let closure = child.episodes.allSatisfy { $0.end != nil } ? child.episodes.compactMap(\.end).max() : nil
        let plans = child.episodes.filter { $0.category != .lookedAfter }
        let protection = plans.filter { $0.category == .childProtectionPlan }
        w.append("      <CINdetails>\n")
        element(&w, 8, "CINreferralDate", date: referral)
        element(&w, 8, "ReferralSource", random.pick(["1A", "1B", "2A", "2B", "3A", "5A", "6", "8"]))
        element(&w, 8, "PrimaryNeedCode", protection.isEmpty ? random.pick(["N1", "N2", "N3", "N4", "N5", "N6", "N8"]) : "N1")
        if let closure {
            element(&w, 8, "CINclosureDate", date: closure)
            element(&w, 8, "ReasonForClosure", random.pick(["RC1", "RC2", "RC7", "RC8"]))
        }
        if let first = protection.first { element(&w, 8, "DateOfInitialCPC", date: first.start) }
        w.append("        <Assessments>\n")
        element(&w, 10, "AssessmentActualStartDate", date: referral)
        element(&w, 10, "AssessmentAuthorisationDate", date: referral.adding(days: random.between(5, 40)))
        w.append("          <FactorsIdentifiedAtAssessment>\n")
        element(&w, 12, "AssessmentFactors", random.pick(["1C", "2A", "3A", "4B", "6A", "21"]))
        w.append("          </FactorsIdentifiedAtAssessment>\n        </Assessments>\n")
        for plan in plans where plan.category == .childInNeedPlan {
            w.append("        <CINPlanDates>\n")
            element(&w, 10, "CINPlanStartDate", date: plan.start)
            if let end = plan.end { element(&w, 10, "CINPlanEndDate", date: end) }
            school(plan, &w)
            w.append("        </CINPlanDates>\n")
        }
        for plan in protection {
            w.append("        <Section47>\n")
            element(&w, 10, "S47ActualStartDate", date: plan.start.adding(days: -random.between(10, 30)))
            element(&w, 10, "DateOfInitialCPC", date: plan.start)
            element(&w, 10, "ICPCnotRequired", "false")
            w.append("        </Section47>\n")
        }
        element(&w, 8, "ReferralNFA", "false")
        for (n, plan) in protection.enumerated() {
            w.append("        <ChildProtectionPlans>\n")
            element(&w, 10, "CPPstartDate", date: plan.start)
            if let end = plan.end { element(&w, 10, "CPPendDate", date: end) }
            let abuse = random.pick(["NEG", "NEG", "EMO", "EMO", "PHY", "SAB", "MUL"])
            element(&w, 10, "InitialCategoryOfAbuse", abuse)
            element(&w, 10, "LatestCategoryOfAbuse", abuse)
            element(&w, 10, "NumberOfPreviousCPP", "\(n)")
            school(plan, &w)
            w.append("        </ChildProtectionPlans>\n")
        }
        w.append("      </CINdetails>\n    </Child>\n")
    }

    /// The LA-local school elements of a plan.
    private static func school(_ plan: SocialCareRecord, _ w: inout ByteWriter) {
        element(&w, 10, "SchoolName", plan.schoolName)
        if let urn = plan.schoolURN { element(&w, 10, "SchoolURN", "\(urn)") }
    }

    /// `<name>value</name>` on its own line, indented; nothing for an empty value.
    private static func element(_ w: inout ByteWriter, _ indent: Int, _ name: String, _ value: String) {
        guard !value.isEmpty else { return }
        for _ in 0..<indent { w.byte(0x20) }
        w.append("<\(name)>")
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): w.append("&amp;")
            case UInt8(ascii: "<"): w.append("&lt;")
            case UInt8(ascii: ">"): w.append("&gt;")
            default: w.byte(byte)
            }
        }
        w.append("</\(name)>\n")
    }

    private static func element(_ w: inout ByteWriter, _ indent: Int, _ name: String, date: Day) {
        var text = ByteWriter(capacity: 10)
        text.isoDate(date)
        element(&w, indent, name, String(decoding: text.bytes, as: UTF8.self))
    }
}
