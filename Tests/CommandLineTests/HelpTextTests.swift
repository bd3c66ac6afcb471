@testable import cohortlink
import ArgumentParser
import Testing

/// Every command's `--help`, as ArgumentParser lays it out for an 80-column terminal.
@Suite struct HelpTextTests {
    static let commands: [any ParsableCommand.Type] = [CohortLink.self] + CohortLink.configuration.subcommands

    /// The help before USAGE: overview and discussion, where our own prose is.
    static func prose(of command: any ParsableCommand.Type) -> [Substring] {
        let help = CohortLink.helpMessage(for: command, columns: 80)
        return help[..<(help.range(of: "USAGE:")?.lowerBound ?? help.endIndex)].split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Prose is wrapped greedily: a line ends early only where its paragraph ends, never because
    /// the source text broke it (ragged lines such as "… keyed Bloom-filter" / "encodings; …").
    /// Indented lines are commands, laid out by hand.
    @Test(arguments: commands.map { String(describing: $0) })
    func proseFillsEachLine(_ name: String) throws {
        let command = try #require(Self.commands.first { String(describing: $0) == name })
        let lines = Self.prose(of: command)
        for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !next.isEmpty && !line.hasPrefix(" ") && !next.hasPrefix(" ") {
            let nextWord = next.prefix { $0 != " " }
            // ArgumentParser fills 79 of the 80 columns.
            #expect(line.count + 1 + nextWord.count > 79, "\(name): \"\(line)\" could have taken \"\(nextWord)\"")
        }
    }
}
