import ArgumentParser
import Foundation
import CohortModel
import Pipeline

extension CohortLink {
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link any two CSV files with CohortLink's engine, for benchmarking on public data sets.",
            discussion: """
            A JSON configuration maps columns to roles (forename, surname, birth_date, sex, postcode, identifier, \
            address; a role may list several columns) and sets the threshold. Identifiers are tokenised in memory \
            under an ephemeral key, then linked exactly as social care and education extracts are. The links file \
            is left_row,right_row,match_weight (1-based data rows). Example: datasets/febrl4.link.json.
            """)

        @Option(help: "The left CSV file.")
        var left: String

        @Option(help: "The right CSV file.")
        var right: String

        @Option(help: "Link configuration (JSON).")
        var config: String

        @Option(help: "Where to write the links.")
        var links: String

        @Option(help: "Worker threads (default: all cores).")
        var threads: Int?

        func run() throws {
            try reportingErrors {
                let configuration = try LinkConfiguration.load(config)
                let report = try GenericLink.run(left: left, right: right, configuration: configuration,
                                                 links: URL(fileURLWithPath: links), threads: threads ?? defaultThreadCount)
                print("Linked \(report.links) pairs between \(report.leftRecords) and \(report.rightRecords) records; wrote \(links).")
                if let model = report.model { print("Model fitted without labels:\n\(model.summary)") }
            }
        }
    }
}
