import Foundation
import Pipeline
import Pseudonymisation
import Testing

@Suite struct SplitWorkflowTests {
    private func pseudonymiseBoth(_ la: GeneratedLA, educationKey: ProjectKey? = nil) throws {
        _ = try Pipeline.pseudonymise(ExtractInputs(socialCare: [la.path("social_care.csv")], schools: la.path("schools.csv")), key: la.key,
                                      output: la.folder.appendingPathComponent("sc.clp"))
        _ = try Pipeline.pseudonymise(ExtractInputs(education: la.path("education.csv")), key: educationKey ?? la.key,
                                      output: la.folder.appendingPathComponent("edu.clp"))
    }

    private func analyseRequest(_ la: GeneratedLA, output: String) -> AnalyseRequest {
        AnalyseRequest(socialCare: la.path("sc.clp"), education: la.path("edu.clp"), schools: la.path("schools.csv"),
                       output: la.folder.appendingPathComponent(output))
    }

    @Test func analyseOnPseudonymisedFilesPublishesWhatRunPublishes() throws {
        let la = try GeneratedLA(seed: 51, pupils: 3_000)
        defer { la.remove() }
        try pseudonymiseBoth(la)
        _ = try Pipeline.analyse(analyseRequest(la, output: "split"))
        _ = try Pipeline.run(la.request(output: "together"))
        #expect(try la.texts(in: "split") == la.texts(in: "together"))
    }

    /// `name` of the LA fed through a new pipe, as `<(cat name)` would give it.
    private func pipe(_ name: String, of la: GeneratedLA) throws -> String {
        let fifo = la.path(name + ".pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: la.path(name)))
        Thread { FileHandle(forWritingAtPath: fifo)?.write(bytes) }.start()
        return fifo
    }

    /// A pipe has no size to read up to (`--education <(unzip -p export.zip)`): it is read to its end,
    /// and gives the file's pupils. A CIN census return through a pipe is told apart by its first
    /// bytes without losing them (opened again to be read, it lost its first 4 KB, and children with
    /// them, without a word).
    @Test(arguments: [("education.csv", "1500 pupils"), ("social_care_cin.xml", "65 children"), ("social_care.csv", "75 children")])
    func anExtractThroughAPipeIsReadToItsEnd(_ name: String, _ expected: String) throws {
        let la = try GeneratedLA(seed: 53, pupils: 1_500, years: 1)
        defer { la.remove() }
        func inputs(_ path: String) -> ExtractInputs {
            name.hasPrefix("education") ? ExtractInputs(education: path) : ExtractInputs(socialCare: [path])
        }
        let summary = try Pipeline.pseudonymise(inputs(pipe(name, of: la)), key: la.key, output: la.folder.appendingPathComponent("pipe.clp"))
        let file = try Pipeline.pseudonymise(inputs(la.path(name)), key: la.key, output: la.folder.appendingPathComponent("file.clp"))
        #expect(summary == file && summary.hasPrefix(expected), "\(summary)")
    }

    @Test func filesUnderDifferentKeysRefuseToLink() throws {
        let la = try GeneratedLA(seed: 52, pupils: 1_000, years: 1)
        defer { la.remove() }
        try pseudonymiseBoth(la, educationKey: try ProjectKey(bytes: Array(repeating: 9, count: 32)))
        do {
            _ = try Pipeline.analyse(analyseRequest(la, output: "release"))
            Issue.record("files under different keys were linked")
        } catch {
            #expect(String(describing: error).contains("different keys"))
        }
        #expect(!FileManager.default.fileExists(atPath: la.path("release")))
    }

    /// No output of `analyse` holds a token or a Bloom filter, in decimal or hexadecimal.
    @Test func noTokenOrFilterReachesTheOutputs() throws {
        let la = try GeneratedLA(seed: 53, pupils: 2_000, years: 1)
        defer { la.remove() }
        try pseudonymiseBoth(la)
        _ = try Pipeline.analyse(analyseRequest(la, output: "release"))
        let socialCare = try PseudonymisedFile.decodeSocialCare(Array(Data(contentsOf: URL(fileURLWithPath: la.path("sc.clp")))), file: "sc.clp")
        var secrets = Set<UInt64>()
        for (child, t) in zip(socialCare.children, socialCare.tokens) {
            secrets.formUnion([child.key, t.upn, t.birthDate, t.postcode, t.forenames[0], t.surnames[0]]
                + (0..<4).flatMap { [t.forenameFilter.bits[$0], t.surnameFilter.bits[$0]] })
        }
        secrets.remove(0)
        let text = try la.texts(in: "release").values.joined(separator: "\n")
        let numbers = Set(text.split { !$0.isHexDigit }.map(String.init).filter { $0.count >= 10 })
        for secret in secrets {
            #expect(!numbers.contains(String(secret)) && !numbers.contains(String(secret, radix: 16)))
        }
    }
}
