/// Code lists of the statutory social care returns (CIN census and SSDA903), for telling a valid
/// code from a mistyped one.
enum StatutoryCodes {
    /// The DfE main ethnicity codes, as the CIN census schema and SSDA903 list them.
    static let ethnicity: Set<String> = [
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
        "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    ]

    /// Why a child has no UPN (`UPNunknown` in the CIN census, the UPN column in SSDA903).
    static let upnUnknown: Set<String> = ["UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7"]
}
