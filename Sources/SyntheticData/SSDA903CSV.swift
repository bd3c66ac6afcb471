import CohortModel
import Extracts

/// Writes the SSDA903 header and episodes tables for the children who were ever looked after.
///
/// A period of care is written as the return records it: one episode per placement, a new
/// episode starting the day the last placement ceased (`RNE` P, `REC` X1), so reading it back
/// must join them again. `URN` is the placement's Ofsted URN (`XXXXXXX` for foster care), not a
/// school; `SchoolName`/`SchoolURN` are LA-local columns carrying the school typed on the episode.
enum SSDA903CSV {
    static let headerColumns = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
    static let episodeColumns = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN", "SchoolName", "SchoolURN"]

    static func write(_ children: [StatutorySocialCare.Child], seed: UInt64) -> (header: [UInt8], episodes: [UInt8]) {
        var header = ByteWriter(capacity: children.count * 48 + 64)
        var episodes = ByteWriter(capacity: children.count * 160 + 128)
        header.append(CSV.header(headerColumns, lineEnd: [13, 10]))
        episodes.append(CSV.header(episodeColumns, lineEnd: [13, 10]))
        for (i, child) in children.enumerated() {
            let care = child.episodes.filter { $0.category == .lookedAfter }
            guard !care.isEmpty else { continue }
            let ids = child.identifiers
            header.field(ids.childID); header.comma()
            if ids.sex != .unknown { header.append(ids.sex == .male ? "1" : "2") }
            header.comma()
            if let birth = ids.birthDate { header.ukDate(birth, separator: UInt8(ascii: "/")) }
            header.comma()
            header.field(ids.ethnicity); header.comma()
            header.field(ids.upn); header.append(",,\r\n")
            var random = Random(seed: seed, stream: .episodes, UInt64(i), 904)
            for period in care { write(period, ids, &episodes, &random) }
        }
        return (header.bytes, episodes.bytes)
    }

    /// One period of care as one to three placement episodes.
    private static func write(_ period: SocialCareRecord, _ ids: ChildIdentifiers, _ w: inout ByteWriter, _ random: inout Random) {
        var starts = [period.start]
        let length = period.end.map { Int($0.number - period.start.number) } ?? 400
        if length > 120 {
            for _ in 0..<random.below(3) { starts.append(period.start.adding(days: random.between(30, length - 30))) }
        }
        starts = Array(Set(starts)).sorted()
        let legalStatus = random.pick(["C2", "C2", "V2", "E1", "J2"])
        for (k, start) in starts.enumerated() {
            let last = k == starts.count - 1
            let end = last ? period.end : starts[k + 1]
            let place = random.pick(["U1", "U3", "U4", "U6", "K2", "P1", "R1"])
            w.field(ids.childID); w.comma()
            w.ukDate(start, separator: UInt8(ascii: "/")); w.comma()
            w.append(k == 0 ? "S," : "P,")
            w.append(legalStatus); w.comma()
            w.append("N1,"); w.append(place); w.comma()
            w.append(place == "K2" ? "PR4," : "PR1,")
            if let end { w.ukDate(end, separator: UInt8(ascii: "/")) }
            w.comma()
            if !last { w.append("X1,CARPL,") } else if end != nil { w.append("\(random.pick(["E11", "E12", "E13", "E4A", "E8"])),,") } else { w.append(",,") }
            w.field(ids.postcode); w.append(",,")
            w.append(place == "K2" ? "SC\(100_000 + random.below(900_000))" : "XXXXXXX"); w.comma()
            w.field(period.schoolName); w.comma()
            if let urn = period.schoolURN { w.int(urn) }
            w.append("\r\n")
        }
    }
}
