import Publishing
import ReferenceData

extension Area {
    /// The EES geography of a local authority, from DfE's list; the register's name where the
    /// code is not on the list (a new or renamed authority).
    init(oldLACode code: Int, fallbackName: String) {
        let la = LocalAuthorities.withOldCode(code)
        self.init(oldLACode: String(code), newLACode: la?.newCode ?? "", laName: la?.name ?? fallbackName,
                  regionCode: la?.regionCode ?? "", regionName: la?.regionName ?? "")
    }
}
