/// Little-endian fixed-width encoding for the pseudonymised file format.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ data: [UInt8]) {
        write(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    mutating func writeRaw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    /// Empties the buffer, keeping its memory for what comes next.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}

/// Reads what `BinaryWriter` wrote, refusing to read past the end.
struct BinaryReader {
    let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int

    init(_ bytes: [UInt8], from offset: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    struct Truncated: Error {}

    var isAtEnd: Bool { offset == end }

    mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(Truncated) -> T {
        let size = MemoryLayout<T>.size
        guard end - offset >= size else { throw Truncated() }
        // One unaligned load of the field.
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += size
        return T(littleEndian: value)
    }

    /// A record count, checked against the bytes left so that a corrupt count cannot ask for
    /// more records than the file could hold.
    mutating func readCount(recordSize: Int) throws(Truncated) -> Int {
        let count = try read(UInt64.self)
        guard count <= UInt64((end - offset) / recordSize) else { throw Truncated() }
        return Int(count)
    }

    mutating func readData() throws(Truncated) -> [UInt8] {
        let count = try read(UInt64.self)
        guard count <= UInt64(end - offset) else { throw Truncated() }
        defer { offset += Int(count) }
        return Array(bytes[offset..<offset + Int(count)])
    }

    mutating func readRaw(_ count: Int) throws(Truncated) -> [UInt8] {
        guard end - offset >= count else { throw Truncated() }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }
}
