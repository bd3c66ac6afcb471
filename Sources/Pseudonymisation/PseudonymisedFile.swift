import CohortModel
import CryptoPrimitives
import Extracts
import Foundation

/// The file a custodian hands to the analyst: versioned header, key id, provenance, records as
/// fixed-width binary, and a SHA-256 checksum of everything before it. It holds tokens, Bloom
/// filters and non-identifying attributes only: no identifier, not even normalised.
///
/// Layout: magic `CLPSEUDO` · format version (UInt16) · kind (UInt8: 1 social care, 2 education) ·
/// provenance as JSON (length-prefixed) · record count and records · episodes or enrolments ·
/// 32-byte SHA-256 of all preceding bytes. Integers are little-endian.
public enum PseudonymisedFile {
    static let magic = Array("CLPSEUDO".utf8)
    public static let version: UInt16 = 2

    public enum Kind: UInt8, Sendable {
        case socialCare = 1
        case education = 2

        var name: String { self == .socialCare ? "social care" : "education" }
    }

    /// Encodes `data` in pieces of about a megabyte, handed to `sink` in order with the checksum
    /// last: a national file (3.4 GB for England's pupils) is written as it is encoded, never whole.
    public static func encode(_ data: PseudonymisedSocialCare, into sink: ([UInt8]) throws -> Void) throws {
        var w = SealedWriter(buffer: try header(.socialCare, provenance: data.provenance))
        w.buffer.write(UInt64(data.children.count))
        for (child, tokens) in zip(data.children, data.tokens) {
            w.buffer.write(child.row)
            w.buffer.write(child.key)
            write(tokens, to: &w.buffer)
            w.buffer.write(child.ethnicity.rawValue)
            w.buffer.write(child.birthYear ?? Int16.min)
            w.buffer.write(child.school ?? -1)
            try w.flushIfFull(into: sink)
        }
        w.buffer.write(UInt64(data.episodes.count))
        for episode in data.episodes {
            w.buffer.write(episode.child)
            w.buffer.write(episode.category.rawValue)
            w.buffer.write(episode.start.number)
            w.buffer.write(episode.end?.number ?? Int32.min)
            try w.flushIfFull(into: sink)
        }
        try w.seal(into: sink)
    }

    public static func encode(_ data: PseudonymisedEducation, into sink: ([UInt8]) throws -> Void) throws {
        var w = SealedWriter(buffer: try header(.education, provenance: data.provenance))
        w.buffer.write(UInt64(data.pupils.count))
        for (pupil, tokens) in zip(data.pupils, data.tokens) {
            w.buffer.write(pupil.row)
            write(tokens, to: &w.buffer)
            w.buffer.write(pupil.ethnicity.rawValue)
            try w.flushIfFull(into: sink)
        }
        w.buffer.write(UInt64(data.enrolments.count))
        for e in data.enrolments {
            w.buffer.write(e.pupil)
            w.buffer.write(e.row)
            w.buffer.write(Int16(e.year?.startYear ?? -1))
            w.buffer.write(Int64(e.urn ?? -1))
            w.buffer.write(Int64(e.laEstab ?? -1))
            w.buffer.write(e.ncYear?.value ?? Int8.min)
            w.buffer.write(e.enrolStatus.rawValue)
            w.buffer.write(flag(e.fsmEligible))
            w.buffer.write(e.sen?.rawValue ?? UInt8.max)
            for value in [e.sessionsPossible, e.sessionsAuthorised, e.sessionsUnauthorised, e.suspensions] { w.buffer.write(value ?? -1) }
            w.buffer.write(flag(e.permanentExclusion))
            w.buffer.write((e.attainment8 ?? -1).bitPattern)
            w.buffer.write(flag(e.englishMaths95))
            try w.flushIfFull(into: sink)
        }
        try w.seal(into: sink)
    }

    public static func decodeSocialCare(_ bytes: [UInt8], file: String) throws(PseudonymisedFileError) -> PseudonymisedSocialCare {
        try decodeSocialCare(size: bytes.count, file: file, next: reading(bytes))
    }

    /// Decodes a file of `size` bytes as `next` reads it, a megabyte at a time.
    public static func decodeSocialCare(size: Int, file: String, next: @escaping (UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int)
        throws(PseudonymisedFileError) -> PseudonymisedSocialCare {
        try decoding(size: size, file: file, next: next, expecting: .socialCare) { r, provenance in
            let count = try r.readCount(recordSize: childSize)
            var tokens: [IdentityTokens] = []
            tokens.reserveCapacity(count)
            let children = try (0..<count).map { _ in
                let row: Int32 = try r.read(), key: UInt64 = try r.read()
                tokens.append(try readTokens(&r))
                return PseudonymisedChild(
                    row: row, key: key, ethnicity: try decodeEnum(EthnicityGroup.self, r.read()),
                    birthYear: { (v: Int16) in v == Int16.min ? nil : v }(try r.read()),
                    school: { (v: Int32) in v < 0 ? nil : v }(try r.read()))
            }
            let episodes = try (0..<r.readCount(recordSize: episodeSize)).map { _ in
                let child: Int32 = try r.read()
                let category = try decodeEnum(SocialCareCategory.self, r.read())
                let start = Day(number: try r.read())
                let end: Int32 = try r.read()
                return Episode(child: child, category: category, start: start, end: end == Int32.min ? nil : Day(number: end))
            }
            try checkReferences(episodes.map(\.child), count: children.count, file: file)
            return PseudonymisedSocialCare(provenance: provenance, children: children, tokens: tokens, episodes: episodes)
        }
    }

    public static func decodeEducation(_ bytes: [UInt8], file: String) throws(PseudonymisedFileError) -> PseudonymisedEducation {
        try decodeEducation(size: bytes.count, file: file, next: reading(bytes))
    }

    /// Decodes a file of `size` bytes as `next` reads it, a megabyte at a time.
    public static func decodeEducation(size: Int, file: String, next: @escaping (UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int)
        throws(PseudonymisedFileError) -> PseudonymisedEducation {
        try decoding(size: size, file: file, next: next, expecting: .education) { r, provenance in
            let count = try r.readCount(recordSize: pupilSize)
            var tokens: [IdentityTokens] = []
            tokens.reserveCapacity(count)
            let pupils = try (0..<count).map { _ in
                let row: Int32 = try r.read()
                tokens.append(try readTokens(&r))
                return PseudonymisedPupil(row: row, ethnicity: try decodeEnum(EthnicityGroup.self, r.read()))
            }
            let enrolments = try (0..<r.readCount(recordSize: enrolmentSize)).map { _ -> Enrolment in
                var e = Enrolment(pupil: try r.read(), row: try r.read())
                let year: Int16 = try r.read()
                e.year = year < 0 ? nil : AcademicYear(startYear: Int(year))
                let urn: Int64 = try r.read(), laEstab: Int64 = try r.read()
                e.urn = urn < 0 ? nil : Int(urn)
                e.laEstab = laEstab < 0 ? nil : Int(laEstab)
                let ncYear: Int8 = try r.read()
                e.ncYear = ncYear == Int8.min ? nil : NCYear(ncYear)
                e.enrolStatus = try decodeEnum(EnrolStatus.self, r.read())
                e.fsmEligible = unflag(try r.read())
                let sen: UInt8 = try r.read()
                e.sen = sen == UInt8.max ? nil : try decodeEnum(SENProvision.self, sen)
                let counts = try (0..<4).map { _ in { (v: Int32) in v < 0 ? nil : v }(try r.read()) }
                (e.sessionsPossible, e.sessionsAuthorised, e.sessionsUnauthorised, e.suspensions) = (counts[0], counts[1], counts[2], counts[3])
                e.permanentExclusion = unflag(try r.read())
                let attainment = Double(bitPattern: try r.read())
                e.attainment8 = attainment < 0 ? nil : attainment
                e.englishMaths95 = unflag(try r.read())
                return e
            }
            try checkReferences(enrolments.map(\.pupil), count: pupils.count, file: file)
            return PseudonymisedEducation(provenance: provenance, pupils: pupils, tokens: tokens, enrolments: enrolments)
        }
    }

    /// The kind of a pseudonymised file, from its header, or nil when it is not one.
    public static func kind(of bytes: [UInt8]) -> Kind? {
        guard bytes.count > magic.count + 3, Array(bytes.prefix(magic.count)) == magic else { return nil }
        return Kind(rawValue: bytes[magic.count + 2])
    }

    // MARK: - Framing

    private static func header(_ kind: Kind, provenance: Provenance) throws -> BinaryWriter {
        var w = BinaryWriter()
        w.writeRaw(magic)
        w.write(version)
        w.write(kind.rawValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        w.write(Array(try encoder.encode(provenance)))
        return w
    }

    /// Records gathered in a buffer and handed on a megabyte at a time, checksummed on the way.
    private struct SealedWriter {
        var buffer: BinaryWriter
        private var hasher = SHA256Digest.Hasher()

        init(buffer: BinaryWriter) { self.buffer = buffer }

        mutating func flushIfFull(into sink: ([UInt8]) throws -> Void) throws {
            if buffer.bytes.count >= 1 << 20 { try flush(into: sink) }
        }

        private mutating func flush(into sink: ([UInt8]) throws -> Void) throws {
            hasher.update(buffer.bytes)
            try sink(buffer.bytes)
            buffer.removeAll()
        }

        /// The rest of the records, then the checksum of everything.
        mutating func seal(into sink: ([UInt8]) throws -> Void) throws {
            try flush(into: sink)
            try sink(hasher.finalize().bytes)
        }
    }

    /// The header checked, the records decoded by `body` as they are read, then the checksum: a
    /// damaged file is refused whichever part the damage hit.
    private static func decoding<T>(size: Int, file: String, next: @escaping BinaryReader.Source, expecting kind: Kind,
                                    _ body: (inout BinaryReader, Provenance) throws -> T) throws(PseudonymisedFileError) -> T {
        let notOurs = PseudonymisedFileError(file: file, "this is not a CohortLink pseudonymised file. Make one with `cohortlink pseudonymise`.")
        guard size >= magic.count + 3 + sealSize else { throw notOurs }
        var r = BinaryReader(size: size, sealSize: sealSize, next: next)
        let provenance: Provenance
        do {
            for byte in magic where try r.read(UInt8.self) != byte { throw notOurs }
            let fileVersion: UInt16 = try r.read()
            guard fileVersion == version else {
                throw PseudonymisedFileError(file: file, "format version \(fileVersion) is not supported (this CohortLink reads version \(version)). Pseudonymise again with the same CohortLink version.")
            }
            let fileKind: UInt8 = try r.read()
            guard fileKind == kind.rawValue else {
                let actual = Kind(rawValue: fileKind)?.name ?? "unknown"
                throw PseudonymisedFileError(file: file, "this is a pseudonymised \(actual) file, but a \(kind.name) file was expected here.")
            }
            provenance = try JSONDecoder().decode(Provenance.self, from: Data(try r.readData()))
        } catch let error as PseudonymisedFileError {
            throw error
        } catch {
            throw readFailure(r, file: file) ?? PseudonymisedFileError(file: file, "the file header is corrupt. Copy it again from the custodian.")
        }
        do {
            let value = try body(&r, provenance)
            guard try r.seal(size: sealSize) else {
                throw PseudonymisedFileError(file: file, "the checksum does not match: the file was changed or damaged in transit. Copy it again from the custodian.")
            }
            return value
        } catch let error as PseudonymisedFileError {
            throw error
        } catch {
            throw readFailure(r, file: file) ?? PseudonymisedFileError(file: file, "the file is truncated or corrupt. Copy it again from the custodian.")
        }
    }

    /// Bytes in memory as the decoders read files.
    package static func reading(_ bytes: [UInt8]) -> (UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        var source = MemoryByteSource(bytes)
        return { buffer throws(ExtractError) in try source.read(into: buffer) }
    }

    /// The file could not be read at all (not its content): said as such.
    private static func readFailure(_ r: BinaryReader, file: String) -> PseudonymisedFileError? {
        r.failure.map { PseudonymisedFileError(file: file, "cannot be read (\($0)). Check the file and try again.") }
    }

    private static func checkReferences(_ indices: [Int32], count: Int, file: String) throws(PseudonymisedFileError) {
        guard indices.allSatisfy({ $0 >= 0 && Int($0) < count }) else {
            throw PseudonymisedFileError(file: file, "the file refers to records it does not hold: it is corrupt. Copy it again from the custodian.")
        }
    }

    // MARK: - Fields

    /// One encoded `IdentityTokens`: scalar tokens, four-lane vectors of UInt64, the sex byte and the school.
    static let scalarCount = 15, vectorCount = 6
    static let tokensSize = (scalarCount + vectorCount * 4) * 8 + 1 + 4
    /// Bytes of each record as written, so that a file's counts are checked against its length.
    static let childSize = 4 + 8 + tokensSize + 7, episodeSize = 13, pupilSize = 4 + tokensSize + 1, enrolmentSize = 56
    static let sealSize = 32

    private static func write(_ t: IdentityTokens, to w: inout BinaryWriter) {
        for value in scalars(t) { w.write(value) }
        for vector in vectors(t) {
            for i in 0..<4 { w.write(vector[i]) }
        }
        w.write(t.sex.rawValue)
        w.write(t.school)
    }

    private static func scalars(_ t: IdentityTokens) -> [UInt64] {
        [t.upn, t.formerUPN, t.birthDate, t.birthDateSwapped, t.birthDateBefore, t.birthDateAfter, t.birthYearMonth, t.birthYear,
         t.postcode, t.postcodeSector, t.postcodeDistrict, t.forenamePhonetic, t.forenameInitial,
         t.birthYearBefore, t.birthYearAfter]
    }

    private static func vectors(_ t: IdentityTokens) -> [SIMD4<UInt64>] {
        [t.forenames, t.forenameFormal, t.surnames, t.surnamePhonetics, t.forenameFilter.bits, t.surnameFilter.bits]
    }

    /// Read in the order `scalars` and `vectors` give (elements of a tuple are read left to right),
    /// straight into place: arrays of them were two allocations per record, nine million times.
    private static func readTokens(_ r: inout BinaryReader) throws(BinaryReader.Truncated) -> IdentityTokens {
        func vector(_ r: inout BinaryReader) throws(BinaryReader.Truncated) -> SIMD4<UInt64> {
            SIMD4(try r.read(), try r.read(), try r.read(), try r.read())
        }
        var t = IdentityTokens()
        (t.upn, t.formerUPN, t.birthDate, t.birthDateSwapped, t.birthDateBefore, t.birthDateAfter, t.birthYearMonth) =
            (try r.read(), try r.read(), try r.read(), try r.read(), try r.read(), try r.read(), try r.read())
        (t.birthYear, t.postcode, t.postcodeSector, t.postcodeDistrict, t.forenamePhonetic, t.forenameInitial) =
            (try r.read(), try r.read(), try r.read(), try r.read(), try r.read(), try r.read())
        (t.birthYearBefore, t.birthYearAfter) = (try r.read(), try r.read())
        (t.forenames, t.forenameFormal, t.surnames, t.surnamePhonetics) = (try vector(&r), try vector(&r), try vector(&r), try vector(&r))
        (t.forenameFilter, t.surnameFilter) = (NameFilter(bits: try vector(&r)), NameFilter(bits: try vector(&r)))
        guard let sex = Sex(rawValue: try r.read()) else { throw BinaryReader.Truncated() }
        t.sex = sex
        t.school = try r.read()
        return t
    }

    private static func flag(_ value: Bool?) -> UInt8 { value.map { $0 ? 1 : 0 } ?? 2 }
    private static func unflag(_ byte: UInt8) -> Bool? { byte == 2 ? nil : byte == 1 }

    struct BadCode: Error {}

    private static func decodeEnum<T: RawRepresentable>(_: T.Type, _ raw: UInt8) throws -> T where T.RawValue == UInt8 {
        guard let value = T(rawValue: raw) else { throw BadCode() }
        return value
    }
}

public struct PseudonymisedFileError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let message: String

    init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
