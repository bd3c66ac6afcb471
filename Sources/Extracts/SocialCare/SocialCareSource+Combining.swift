import CohortModel

extension SocialCareSource {
    /// The episodes of several sources as one extract: children de-duplicated by `LAchildID`
    /// (`CHILD` in SSDA903), each identifier taken from the first source that has it, records
    /// grouped by child in order of first appearance (then source order), and an episode repeated
    /// exactly by a later source dropped.
    ///
    /// `LAchildID` is unique only within one LA, so sources that declare different LAs are refused.
    public static func combine(_ sources: [SocialCareSource]) throws(ExtractError) -> [SocialCareRecord] {
        let declared = sources.compactMap { source in source.laCode.map { (source.result.fileName, $0) } }
        if let first = declared.first, let other = declared.first(where: { $0.1 != first.1 }) {
            throw ExtractError(.inconsistentInputs, file: other.0,
                               "this return is for LA \(other.1) but \(first.0) is for LA \(first.1); child identifiers are only unique within one LA. Analyse each LA separately.")
        }
        var index: [String: Int] = [:]
        var merged: [ChildIdentifiers] = []
        index.reserveCapacity(sources.reduce(0) { $0 + $1.children.count })
        for source in sources {
            for child in source.children {
                if let i = index[child.childID] {
                    merged[i].fillMissing(from: child)
                } else {
                    index[child.childID] = merged.count
                    merged.append(child)
                }
            }
        }
        var byChild = [[SocialCareRecord]](repeating: [], count: merged.count)
        var earlier = Set<EpisodeKey>()
        for (s, source) in sources.enumerated() {
            // Episodes are remembered only while a later source may repeat them.
            let laterSources = s < sources.count - 1
            var seen = Set<EpisodeKey>()
            for var record in source.result.records {
                if !earlier.isEmpty || laterSources {
                    let key = EpisodeKey(record)
                    guard !earlier.contains(key) else { continue }
                    if laterSources { seen.insert(key) }
                }
                // A record whose child the source did not list (only possible for a malformed
                // source) still counts, as a child of its own.
                let child = index[record.childID] ?? {
                    index[record.childID] = merged.count
                    merged.append(record.identifiers)
                    byChild.append([])
                    return merged.count - 1
                }()
                record.identifiers = merged[child]
                byChild[child].append(record)
            }
            earlier.formUnion(seen)
        }
        return byChild.flatMap { $0 }
    }
}

/// What makes two records the same episode.
private struct EpisodeKey: Hashable {
    let childID: String
    let category: SocialCareCategory
    let start: Day
    let end: Day?

    init(_ record: SocialCareRecord) {
        childID = record.childID
        category = record.category
        start = record.start
        end = record.end
    }
}
