import Publishing

/// England's local authorities and their codes, for the geography columns of EES files.
enum LocalAuthorities {
    static func area(oldCode: Int, fallbackName: String) -> Area {
        Area(oldLACode: String(oldCode), newLACode: "", laName: fallbackName, regionCode: "", regionName: "")
    }
}
