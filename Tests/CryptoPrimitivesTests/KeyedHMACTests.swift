import CryptoPrimitives
import Dispatch
import Testing

/// RFC 4231 test vectors for HMAC-SHA-256.
private struct Vector: Sendable, CustomTestStringConvertible {
    let name: String
    let key: [UInt8]
    let data: [UInt8]
    let expected: String
    var testDescription: String { name }
}

private let rfc4231: [Vector] = [
    Vector(name: "case 1", key: Array(repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
           expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    Vector(name: "case 2", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
           expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    Vector(name: "case 3", key: Array(repeating: 0xaa, count: 20), data: Array(repeating: 0xdd, count: 50),
           expected: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    Vector(name: "case 4", key: Array(1...25), data: Array(repeating: 0xcd, count: 50),
           expected: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    Vector(name: "case 6", key: Array(repeating: 0xaa, count: 131),
           data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
           expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    Vector(name: "case 7", key: Array(repeating: 0xaa, count: 131),
           data: Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                        + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
           expected: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]

private func hex(_ bytes: [UInt8]) -> String { bytes.map { hexByte($0) }.joined() }

@Suite struct KeyedHMACTests {
    @Test(arguments: rfc4231)
    fileprivate func knownAnswer(_ vector: Vector) {
        #expect(hex(KeyedHMAC(key: vector.key).mac(vector.data)) == vector.expected)
        #expect(hex(OneShotHMAC.mac(key: vector.key, message: vector.data)) == vector.expected)
    }

    @Test func truncatedCase5() {
        let mac = KeyedHMAC(key: Array(repeating: 0x0c, count: 20)).mac(Array("Test With Truncation".utf8))
        #expect(hex(Array(mac.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    /// One keyed state, many messages in a row: the pad states must not be disturbed by use.
    @Test func oneContextManyMessages() {
        let hmac = KeyedHMAC(key: Array(repeating: 0x0b, count: 20))
        for round in 0..<3 {
            for vector in rfc4231 where vector.key == Array(repeating: 0x0b, count: 20) {
                #expect(hex(hmac.mac(vector.data)) == vector.expected, "round \(round)")
            }
            for length in [0, 1, 31, 54, 55, 56, 63, 64, 65, 119, 120, 200] {
                let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ round) }
                #expect(hmac.mac(message) == OneShotHMAC.mac(key: Array(repeating: 0x0b, count: 20), message: message),
                        "length \(length)")
            }
        }
    }

    @Test func tokenIsTheMACPrefix() {
        let hmac = KeyedHMAC(key: Array("Jefe".utf8))
        let mac = hmac.mac(Array("what do ya want for nothing?".utf8))
        let token = hmac.token(Array("what do ya want for nothing?".utf8))
        #expect(token == mac.prefix(8).reduce(0) { $0 << 8 | UInt64($1) })
    }

    @Test func parallelHashingMatchesSerial() {
        let hmac = KeyedHMAC(key: (0..<32).map { UInt8($0) })
        let messages = (0..<20_000).map { Array("child-\($0)".utf8) }
        let serial = messages.map { hmac.token($0) }
        let chunks = 8
        let parallel = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: messages.count)
        defer { parallel.deallocate() }
        let slots = SendableBuffer(parallel)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let worker = hmac
            for i in stride(from: chunk, to: messages.count, by: chunks) { slots.buffer[i] = worker.token(messages[i]) }
        }
        #expect(Array(parallel) == serial)
        #expect(Set(serial).count == serial.count)
    }
}

/// Each concurrentPerform iteration writes disjoint slots only.
private struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<UInt64>
    init(_ buffer: UnsafeMutableBufferPointer<UInt64>) { self.buffer = buffer }
}
