/// Builds RFC 4180 CSV text: fields with commas, quotes or line breaks are quoted.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []

    public init(header: [String]) { row(header) }

    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                bytes.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: field.utf8)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }
}
