import CohortModel
import Disclosure
import Measures
@testable import Publishing
import Testing

/// `cohort_measures.csv` and its `.meta.csv` against the Explore Education Statistics tidy-data
/// rules (the checks of DfE's screener that apply to this file), with every breakdown and
/// school-level rows switched on, two academic years, and school names that need quoting.
@Suite struct EESRulesTests {
    let header: [String]
    let rows: [[String: String]]
    let meta: [[String: String]]

    private static let indicators = Indicator.allCases.map(\.column)
    private static let mandatory = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name"]
    private static let localAuthority = ["region_code", "region_name", "old_la_code", "new_la_code", "la_name"]

    init() throws {
        let data = TidyData.csv(SyntheticRelease.tables(), area: SyntheticRelease.area, schoolNames: SyntheticRelease.schoolNames)
        (header, rows) = try csvRecords(data)
        meta = try csvRecords(TidyData.metadata()).rows
    }

    @Test func mandatoryColumnsArePresentAndFilled() {
        #expect(Array(header.prefix(Self.mandatory.count)) == Self.mandatory)
        #expect(Set(Self.localAuthority + ["school_urn", "school_name"]).isSubset(of: header))
        for row in rows {
            let level = row["geographic_level"]!
            #expect(GeographicLevel(rawValue: level) != nil, "unknown geographic_level \(level)")
            let required = Self.mandatory + Self.localAuthority + (level == "School" ? ["school_urn", "school_name"] : [])
            #expect(required.allSatisfy { !(row[$0] ?? "").isEmpty }, "\(level) row with a blank geography: \(row)")
            if level == "Local authority" { #expect(row["school_urn"] == "" && row["school_name"] == "") }
            #expect(row["country_code"] == "E92000001" && row["country_name"] == "England")
        }
    }

    @Test func timePeriodIsSixDigitsOfAnAcademicYear() {
        for row in rows {
            let period = row["time_period"]!
            #expect(period.count == 6 && period.allSatisfy(\.isASCII) && period.allSatisfy(\.isNumber), "time_period \(period)")
            #expect(Int(period.suffix(2)) == ((Int(period.prefix(4)) ?? 0) + 1) % 100, "\(period) is not two consecutive years")
            #expect(row["time_identifier"] == "Academic year")
        }
        #expect(Set(rows.map { $0["time_period"]! }) == ["202324", "202425"])
    }

    @Test func columnNamesAreSnakeCaseAndAtMostFiftyCharacters() {
        #expect(Set(header).count == header.count, "duplicate column names")
        for column in header {
            #expect(column.count <= 50, "\(column) is longer than 50 characters")
            #expect(column.first?.isLowercase == true && column.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" },
                    "\(column) is not snake_case")
        }
    }

    @Test func indicatorsHoldANumberOrASymbolNeverBlankColonOrTilde() {
        let symbols = Set(Symbol.allCases.map(\.rawValue))
        for row in rows {
            for column in Self.indicators {
                let value = row[column]!
                #expect(!["", ":", "~"].contains(value), "\(column) is '\(value)'")
                #expect(symbols.contains(value) || value.wholeMatch(of: /-?\d+(\.\d+)?/) != nil, "\(column) is '\(value)'")
            }
        }
    }

    /// The matrix is complete: for each time period, geography and group, every category of each
    /// breakdown topic published at that geographic level is there, exactly once.
    @Test func everyFilterCombinationIsPresent() {
        let places = Dictionary(grouping: rows) { [$0["time_period"]!, $0["geographic_level"]!, $0["school_urn"]!] }
        let topicsAtLevel = Dictionary(grouping: rows, by: { $0["geographic_level"]! }).mapValues { Set($0.map { $0["breakdown_topic"]! }) }
        #expect(topicsAtLevel["Local authority"] == Set(BreakdownTopic.allCases.map(\.rawValue)))
        #expect(topicsAtLevel["School"] == [BreakdownTopic.total.rawValue])
        #expect(places.keys.filter { $0[1] == "School" }.count == 2 * SyntheticRelease.schoolNames.count)
        for (place, placeRows) in places {
            let expected = SocialCareGroup.allCases.flatMap { group in
                BreakdownTopic.allCases.filter { topicsAtLevel[place[1]]!.contains($0.rawValue) }.flatMap { topic in
                    topic.categories.map { [group.label, topic.rawValue, $0] }
                }
            }
            let present = placeRows.map { [$0["social_care_group"]!, $0["breakdown_topic"]!, $0["breakdown"]!] }
            #expect(present.count == expected.count && Set(present) == Set(expected), "\(place): the matrix is incomplete or repeats a row")
        }
    }

    @Test func metadataDescribesEveryFilterAndIndicatorAndNothingElse() {
        let described = meta.map { $0["col_name"]! }
        let geography = Self.mandatory + Self.localAuthority + ["school_urn", "school_name"]
        #expect(Set(described) == Set(header).subtracting(geography) && described.count == Set(described).count)
        #expect(Set(meta.map { $0["label"]! }).count == meta.count, "labels must be unique")
        for entry in meta {
            let name = entry["col_name"]!
            #expect(!entry["label"]!.isEmpty, "\(name) has no label")
            if Self.indicators.contains(name) {
                #expect(entry["col_type"] == "Indicator")
                #expect(["", "%", "£", "£m", "pp"].contains(entry["indicator_unit"]!), "\(name): unit \(entry["indicator_unit"]!)")
                #expect(Int(entry["indicator_dp"]!) != nil, "\(name): indicator_dp must be a whole number")
            } else {
                #expect(entry["col_type"] == "Filter" && entry["indicator_unit"] == "" && entry["indicator_dp"] == "")
                let group = entry["filter_grouping_column"]!
                #expect(group.isEmpty || (described.contains(group) && group != name), "\(name): filter group \(group)")
            }
        }
    }
}
