import CohortModel
import Extracts
import Testing
@testable import SchoolResolution

@Suite struct SchoolNameTests {
    @Test(arguments: ["St Mary's C of E Primary School", "Saint Marys CofE Prim", "ST. MARY'S CHURCH OF ENGLAND PS",
                      "st mary’s ce primary", "St Mary C.E. Primary Sch", "St Mary's Church of England Primary Schoool"])
    func spellingsOfOneSchoolMeet(_ typed: String) {
        let official = SchoolName("St Mary's Church of England Primary School")
        let read = SchoolName(typed, isNearKnownWord: { $0 == "mary" })
        #expect(read.core == official.core && read.core == ["st", "mary"])
        #expect(read.kinds.isSuperset(of: [.churchOfEngland, .primary]))
    }

    @Test func placesAfterACommaAndAccentsAreSeparated() {
        let name = SchoolName("École Belle Rive, SE1", isNearKnownWord: { _ in true })
        #expect(name.core == ["ecole", "belle", "rive"] && name.location == "se1")
        #expect(SchoolName("St Anne’s R.C. Infants").kinds == [.catholic, .infant])
    }

    @Test func slipsAreOneEditOnly() {
        #expect(isOneSlip("oakfeild", "oakfield") && isOneSlip("oakfied", "oakfield") && isOneSlip("oakkfield", "oakfield"))
        #expect(isOneSlip("fo", "of") && !isOneSlip("oakfield", "oakfield") && !isOneSlip("okfeild", "oakfield"))
    }
}

@Suite struct SchoolResolverTests {
    private static let register: [School] = [
        School(urn: 100_001, name: "Oakfield Primary School", laCode: 210, laName: "Southwark", phase: "Primary", postcode: "SE15 4AB"),
        School(urn: 100_002, name: "Oakfield Academy", laCode: 210, laName: "Southwark", phase: "Secondary", postcode: "SE15 5CD"),
        School(urn: 100_003, name: "St Mary's Catholic Primary School", laCode: 210, laName: "Southwark", phase: "Primary", postcode: "SE5 1AA"),
        School(urn: 100_004, name: "St Mary's Church of England Primary School", laCode: 210, laName: "Southwark", phase: "Primary",
               postcode: "SE22 1AA"),
        School(urn: 100_005, name: "St Mary’s Catholic College", laCode: 208, laName: "Lambeth", phase: "Secondary", postcode: "SW9 1AA"),
        School(urn: 100_006, name: "Bellfield Primary School", laCode: 210, laName: "Southwark", status: "Closed", phase: "Primary",
               postcode: "SE1 2BB", closeDate: Day(year: 2019, month: 8, day: 31)),
        School(urn: 140_006, name: "Bellfield Primary Academy", laCode: 210, laName: "Southwark", phase: "Primary",
               postcode: "SE1 2BB", openDate: Day(year: 2019, month: 9, day: 1)),
        School(urn: 100_007, name: "Ashby Primary Academy Larkhall", laCode: 210, laName: "Southwark", phase: "Primary", postcode: "SE17 1AA"),
        School(urn: 100_008, name: "Larkhall Park Primary School", laCode: 209, laName: "Lewisham", phase: "Primary", postcode: "SE13 1AA"),
        School(urn: 100_009, name: "Rye Hill Primary School", laCode: 210, laName: "Southwark", phase: "Primary", postcode: "SE15 1ZZ"),
        School(urn: 100_010, name: "Rye Hill Primary School", laCode: 209, laName: "Lewisham", phase: "Primary", postcode: "SE13 2ZZ"),
    ]
    private let resolver = SchoolResolver(schools: register)

    /// A name is matched once however many children's records typed it; each child's home and phase
    /// still decide between the schools it fits.
    @Test func oneMatchOfANameServesEveryChildWhoTypedIt() {
        let ryeHill = resolver.match(name: "Rye Hill Primary School")
        #expect(resolver.resolve(ryeHill, postcode: "se15 3xy") == .resolved(urn: 100_009))
        #expect(resolver.resolve(ryeHill, postcode: "SE13 4AA") == .resolved(urn: 100_010))
        #expect(resolver.resolve(ryeHill) == .ambiguous(urns: [100_009, 100_010]))
        // The district typed with the name outranks the child's home.
        #expect(resolver.resolve(resolver.match(name: "Rye Hill Primary, SE13"), postcode: "SE15 3XY") == .resolved(urn: 100_010))
        let oakfield = resolver.match(name: "Oakfield")
        #expect(resolver.resolve(oakfield, phaseHint: .primary) == .resolved(urn: 100_001))
        #expect(resolver.resolve(oakfield, phaseHint: .secondary) == .resolved(urn: 100_002))
        #expect(resolver.resolve(resolver.match(name: "Busy Bees Nursery"), postcode: "SE15 1AA", phaseHint: .primary) == .unresolved)
    }

    @Test(arguments: [("Oakfield Prim", 100_001), ("OAKFIELD PRIMARY SCHOOL ", 100_001), ("Oakfeild Primary", 100_001),
                      ("Oakfield Acad", 100_002), ("St Mary's RC Prim Sch", 100_003), ("Saint Marys C of E PS", 100_004),
                      ("St. Mary's Catholic College", 100_005), ("Ashby Prim Acad Larkhall", 100_007)])
    func resolvesAbbreviationsAndSlips(_ typed: String, _ urn: Int) {
        #expect(resolver.resolve(name: typed) == .resolved(urn: urn))
    }

    @Test func aPrimaryNameNeverResolvesToASecondarySchool() {
        #expect(resolver.resolve(name: "Oakfield Primary Academy") == .resolved(urn: 100_001))
        #expect(resolver.resolve(name: "Oakfield Secondary") == .resolved(urn: 100_002))
        // The name alone cannot tell a primary from a secondary: the child's phase can.
        #expect(resolver.resolve(name: "Oakfield") == .ambiguous(urns: [100_001, 100_002]))
        #expect(resolver.resolve(name: "Oakfield", phaseHint: .secondary) == .resolved(urn: 100_002))
    }

    @Test func whatNothingSeparatesIsAmbiguousNotGuessed() {
        #expect(resolver.resolve(name: "St Mary's Primary") == .ambiguous(urns: [100_003, 100_004]))
        // The typed words are part of two schools' names.
        #expect(resolver.resolve(name: "Larkhall") == .ambiguous(urns: [100_007, 100_008]))
    }

    @Test func theChildsLABreaksATieBetweenSchoolsOfTheSameName() {
        #expect(resolver.resolve(name: "Rye Hill Primary School") == .ambiguous(urns: [100_009, 100_010]))
        #expect(resolver.resolve(name: "Rye Hill Primary School", postcode: "se15 3xy") == .resolved(urn: 100_009))
        #expect(resolver.resolve(name: "Rye Hill Primary, SE13") == .resolved(urn: 100_010))
    }

    @Test func aConvertedSchoolResolvesToTheSchoolItBecame() {
        #expect(resolver.resolve(name: "Bellfield Primary School") == .resolved(urn: 140_006))
        #expect(resolver.school(urn: 140_006)?.laCode == 210)
    }

    @Test(arguments: ["Little Acorns Nursery", "Southwark College", "Oakfield Nursery", "Children's Centre", "Primary School", ""])
    func namesOfPlacesThatAreNotRegisterSchoolsStayUnresolved(_ typed: String) {
        #expect(resolver.resolve(name: typed) == .unresolved)
    }

    @Test func theSummaryCountsEachOutcome() {
        let results = ["Oakfield Prim", "St Mary's Primary", "Busy Bees"].map { resolver.resolve(name: $0) }
        let summary = SchoolResolutionSummary(results)
        #expect(summary == { var s = SchoolResolutionSummary(); s.resolved = 1; s.ambiguous = 1; s.unresolved = 1; return s }())
        #expect(summary.description == "1 resolved, 1 ambiguous, 1 unresolved")
    }
}
