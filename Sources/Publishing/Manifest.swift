import Disclosure
import Foundation
import Linkage
import Pseudonymisation

/// The tool's version, recorded in every manifest.
public let cohortLinkVersion = "0.1.0"

/// `manifest.json`: everything about a release except the data and the key. Aggregates only;
/// no timestamps, so the same inputs and key give the same bytes.
public struct Manifest: Codable, Sendable, Equatable {
    public struct LinkageRule: Codable, Sendable, Equatable {
        public var rule: String
        public var method: String
        public var links: Int
    }

    public struct ComparisonEstimate: Codable, Sendable, Equatable {
        public var comparison: String
        public var levels: [String]
        public var m: [Double]
        public var u: [Double]
        public var matchWeights: [Double]
    }

    public struct Model: Codable, Sendable, Equatable {
        public var prior: Double
        public var emIterations: [Int]
        public var converged: Bool
        public var comparisons: [ComparisonEstimate]
        public var expectedPrecision: Double?
        public var expectedRecall: Double?
    }

    public struct Linkage: Codable, Sendable, Equatable {
        public var socialCareChildren: Int
        public var pupils: Int
        public var links: Int
        public var rules: [LinkageRule]
        public var candidatePairsScored: Int
        public var blocking: [BlockingRuleEntry]
        public var model: Model?
    }

    public struct BlockingRuleEntry: Codable, Sendable, Equatable {
        public var rule: String
        public var pairs: Int
        /// Blocks too large to score whole, split by the rule's refinements.
        public var blocksSplit: Int
        /// Pairs of blocks too large even when split, or of records with nothing to split by.
        public var pairsSkippedInOversizedBlocks: Int
    }

    /// What disclosure control did: the rules, the suppression per table (primary, secondary, the
    /// narrowest interval the audit left an attacker, ε when noisy) and the information lost.
    public struct Disclosure: Codable, Sendable, Equatable {
        public var minCount: Int
        public var protectionLevel: Int
        public var roundCountsTo: Int?
        public var privacyBudget: Double?
        public var strategy: String
        public var loss: InformationLoss
        public var tables: [TableSummary]
        public var audit: AuditStatistics

        public init(_ result: ProtectionResult, rules: DisclosureRules) {
            minCount = rules.minCount
            protectionLevel = rules.requiredWidth
            roundCountsTo = rules.roundCountsTo
            privacyBudget = rules.privacyBudget
            strategy = result.strategy.rawValue
            loss = result.loss
            tables = result.tables
            audit = result.audit
        }
    }

    public var tool = "CohortLink"
    public var version = cohortLinkVersion
    public var keyID: String
    public var academicYears: [String]
    public var referenceDates: [String]
    public var inputs: [SourceFile]
    public var identifierQuality: [String: IdentifierQuality]
    /// Typed school names of the social care records resolved to one school, several, or none.
    public var schoolNames: SchoolNameCounts?
    public var linkage: Linkage
    public var disclosure: Disclosure
    public var outputs: [String]

    public init(keyID: String, academicYears: [String], referenceDates: [String], inputs: [SourceFile],
                identifierQuality: [String: IdentifierQuality], schoolNames: SchoolNameCounts?, linkage: LinkageResult,
                socialCareChildren: Int, pupils: Int,
                disclosure: Disclosure, outputs: [String]) {
        self.keyID = keyID
        self.academicYears = academicYears
        self.referenceDates = referenceDates
        self.inputs = inputs
        self.identifierQuality = identifierQuality
        self.schoolNames = schoolNames
        self.linkage = Linkage(
            socialCareChildren: socialCareChildren, pupils: pupils, links: linkage.links.count,
            rules: linkage.rules.map { LinkageRule(rule: $0.rule, method: $0.method.rawValue, links: $0.links) },
            candidatePairsScored: linkage.pairsScored,
            blocking: linkage.blocking.map { BlockingRuleEntry(rule: $0.rule, pairs: $0.pairs, blocksSplit: $0.blocksSplit,
                                                                     pairsSkippedInOversizedBlocks: $0.pairsSkipped) },
            model: linkage.model.map { model in
                Model(prior: model.prior, emIterations: model.emIterations, converged: model.converged,
                      comparisons: Comparison.allCases.map { c in
                          ComparisonEstimate(comparison: c.name, levels: c.levels, m: model.m[c.rawValue], u: model.u[c.rawValue],
                                             matchWeights: c.levels.indices.map { model.levelWeight(c.rawValue, $0) })
                      },
                      expectedPrecision: linkage.quality?.precision, expectedRecall: linkage.quality?.recall)
            })
        self.disclosure = disclosure
        self.outputs = outputs
    }

    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }
}
