import CryptoPrimitives
import Testing

@Suite struct SHA256DigestTests {
    @Test func knownAnswers() {
        #expect(SHA256Digest.of([UInt8]()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.of(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func incrementalEqualsOneShot() {
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        var hasher = SHA256Digest.Hasher()
        hasher.update(data[..<3_000])
        hasher.update(data[3_000...])
        #expect(hasher.finalize() == SHA256Digest.of(data))
    }

    @Test func secureRandomBytesDiffer() throws {
        let a = try SecureRandom.bytes(32), b = try SecureRandom.bytes(32)
        #expect(a.count == 32 && a != b)
    }
}
