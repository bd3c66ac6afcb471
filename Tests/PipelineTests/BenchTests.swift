import Pipeline
import SyntheticData
import Testing

/// `cohortlink bench` on a small generated England: each last stage runs what it names and no
/// more, and one thread gives what two give.
@Suite struct BenchTests {
    @Test(arguments: [BenchRun.LastStage.linkage, .measures, .release])
    func stopsWhereAskedAndOneThreadAgrees(_ last: BenchRun.LastStage) throws {
        var request = BenchRun.Request(pupils: 3_000, socialCareChildren: 400, seed: 3, threads: 2)
        request.coverage = .england
        request.lastStage = last
        let report = try BenchRun.run(request)
        let stages = report.stages.map(\.name)
        #expect(stages.contains("scoring"))
        #expect(stages.contains { $0.hasPrefix("measures ") } == (last != .linkage))
        #expect(stages.contains("disclosure control and audit") == (last == .release))
        // England's release (England's rows and each LA's), protected: small counts hidden, and cells
        // around them.
        #expect((report.release != nil) == (last == .release))
        if let release = report.release {
            #expect(release.tables.reduce(0) { $0 + $1.primary } > 0 && release.tables.reduce(0) { $0 + $1.secondary } > 0)
        }
        #expect(report.sameResultOnOneThread == true)
        #expect(report.evaluation.f1 > 0.95)
    }
}
