import ArgumentParser

@main
struct CohortLink: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohortlink",
        abstract: "Link social care and education extracts and publish disclosure-controlled statistics on children with a social worker.",
        discussion: """
        Quick start on built-in synthetic data:
          cohortlink demo

        One analyst with both extracts:
          cohortlink keygen --out project.key
          cohortlink run --social-care sc.csv --education edu.csv \\
            --schools gias.csv --key project.key --out release

        Custodians and an analyst (split):
          cohortlink pseudonymise --key project.key --social-care sc.csv --out sc.clp
          cohortlink pseudonymise --key project.key --education edu.csv --out edu.clp
          cohortlink analyse --social-care sc.clp --education edu.clp \\
            --schools gias.csv --out release

        Outputs are aggregates only: EES tidy data, metadata, a manifest and a list of \
        rejected rows (by row number, never by value). `cohortlink <subcommand> --help` \
        explains each step.
        """,
        subcommands: [Demo.self, Run.self, Pseudonymise.self, Analyse.self, KeyGen.self, Generate.self, Link.self, Evaluate.self, Bench.self]
    )

}
