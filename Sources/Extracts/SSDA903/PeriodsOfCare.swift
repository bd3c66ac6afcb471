import CohortModel

/// One row of the SSDA903 episodes table: a change of placement or legal status of a looked-after
/// child. `URN` there is the placement's Ofsted URN, not a school, and is not read.
public struct SSDA903Episode: Sendable, Equatable {
    /// 1-based data row in the episodes file.
    public var row: Int
    public var childID: String
    /// `DECOM`: the episode began.
    public var start: Day
    /// `DEC`: the episode ceased; nil while it is open.
    public var end: Day?
    /// `HOME_POST`: the child's home postcode when the episode began.
    public var homePostcode: String
    /// LA-local columns, as in the flat extract: the school recorded on the episode.
    public var schoolName: String
    public var schoolURN: Int?
}

/// A period of care: consecutive episodes of one child, from the first `DECOM` to the last `DEC`.
struct PeriodOfCare {
    var start: Day
    var end: Day?
    /// The episodes it was made of, in date order.
    var episodes: [SSDA903Episode]

    /// Joins a child's episodes into periods: an episode that starts on or before the day the
    /// period so far ends (a placement change starts the day the last placement ceased) continues
    /// it. Returns sometimes carry an episode twice, open in one year's file and closed in the
    /// next; the later, closed copy wins.
    static func periods(of episodes: [SSDA903Episode]) -> [PeriodOfCare] {
        // Open copies sort before closed ones of the same start, so the closing date is kept.
        let ordered = episodes.sorted { a, b in
            if a.start != b.start { return a.start < b.start }
            switch (a.end, b.end) {
            case (nil, .some): return true
            case (.some(let x), .some(let y)) where x != y: return x < y
            default: return a.row < b.row
            }
        }
        var periods: [PeriodOfCare] = []
        for episode in ordered {
            if var last = periods.last, last.end.map({ episode.start <= $0 }) ?? true {
                switch (last.end, episode.end) {
                case (nil, let next): last.end = next  // after an open episode, a later one says better when care ended
                case (.some, nil): last.end = nil
                case (.some(let a), .some(let b)): last.end = max(a, b)
                }
                last.episodes.append(episode)
                periods[periods.count - 1] = last
            } else {
                periods.append(PeriodOfCare(start: episode.start, end: episode.end, episodes: [episode]))
            }
        }
        return periods
    }
}
