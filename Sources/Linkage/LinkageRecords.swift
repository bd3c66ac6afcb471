import CPrefetch
import Pseudonymisation

/// One side of a linkage, by column: each record's identity tokens and, for data that has them
/// (`cohortlink link`), its further tokens. The social care and education extracts have none.
public struct LinkageRecords: Sendable {
    public let identities: [IdentityTokens]
    /// Empty, or one per record.
    public let further: [FurtherTokens]

    public init(_ identities: [IdentityTokens], further: [FurtherTokens] = []) {
        precondition(further.isEmpty || further.count == identities.count, "further tokens for every record or for none")
        self.identities = identities
        self.further = further
    }

    public var count: Int { identities.count }

    /// The records at `indices`, in that order.
    func sample(_ indices: some Sequence<Int>) -> LinkageRecords {
        let indices = Array(indices)
        return LinkageRecords(indices.map { identities[$0] }, further: further.isEmpty ? [] : indices.map { further[$0] })
    }

    /// Calls `body` with the records where they are.
    @inline(__always) func withRecordsInPlace<R>(_ body: (RecordsInPlace) -> R) -> R {
        identities.withUnsafeBufferPointer { identities in
            further.withUnsafeBufferPointer { further in
                body(RecordsInPlace(identities: identities, further: further.isEmpty ? nil : further.baseAddress))
            }
        }
    }

    /// Calls `body` with each record of `range` in place.
    @inline(__always) func forEachInPlace(_ range: some Sequence<Int>, _ body: (Int, RecordInPlace) -> Void) {
        withRecordsInPlace { records in
            for r in range { body(r, records[r]) }
        }
    }

    /// Calls `body` with the records at `indices` in place, scattered ones (a block's), each fetched a
    /// few records ahead.
    @inline(__always) func forEachInPlace<Indices: RandomAccessCollection<Int>>(scattered indices: Indices,
                                                                              _ body: (Int, RecordInPlace) -> Void) {
        withRecordsInPlace { records in
            var ahead = indices.index(indices.startIndex, offsetBy: RecordsInPlace.prefetchDistance, limitedBy: indices.endIndex)
                ?? indices.endIndex
            for r in indices {
                if ahead != indices.endIndex {
                    records[indices[ahead]].prefetch()
                    indices.formIndex(after: &ahead)
                }
                body(r, records[r])
            }
        }
    }
}

/// Records read where they are, valid inside `LinkageRecords.withRecordsInPlace`.
struct RecordsInPlace {
    let identities: UnsafeBufferPointer<IdentityTokens>
    let further: UnsafePointer<FurtherTokens>?

    /// How many records ahead a loop over records at random fetches them: far enough for memory to
    /// answer in time.
    static let prefetchDistance = 8

    @inline(__always) subscript(_ r: Int) -> RecordInPlace {
        RecordInPlace(identity: identities.baseAddress! + r, further: further.map { $0 + r })
    }
}

/// One record read where it is: passed by value, each ~300-byte record was copied for every call
/// of a key maker, the largest single cost perf showed in splitting large blocks.
@dynamicMemberLookup
struct RecordInPlace {
    let identity: UnsafePointer<IdentityTokens>
    let further: UnsafePointer<FurtherTokens>?

    @inline(__always) subscript<Value>(dynamicMember field: KeyPath<IdentityTokens, Value>) -> Value {
        identity.pointee[keyPath: field]
    }

    /// Starts bringing the record's identity tokens into the processor's cache: a loop over records
    /// at random fetches those a few steps ahead while it reads this one.
    @inline(__always) func prefetch() {
        let bytes = UnsafeRawPointer(identity)
        for offset in stride(from: 0, to: MemoryLayout<IdentityTokens>.size, by: 64) { cohortlink_prefetch(bytes + offset) }
    }

    /// The generic identifier's token, 0 (missing) for records without further tokens.
    @inline(__always) var identifier: UInt64 { further?.pointee.identifier ?? 0 }
}
