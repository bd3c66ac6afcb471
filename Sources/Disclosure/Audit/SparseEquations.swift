/// Linear equations `Σ a·y = 0` over a program's columns, stored flat: equation `i` is
/// `terms[starts[i] ..< starts[i + 1]]`. A block's few dozen equations are two arrays, where an array
/// each, grown term by term, was most of the time the audit spent making its programs.
struct SparseEquations: RandomAccessCollection, ExpressibleByArrayLiteral {
    typealias Term = (column: Int, coefficient: Double)

    private var terms: [Term] = []
    private var starts = [0]

    init(reservingTerms capacity: Int = 0) { terms.reserveCapacity(capacity) }

    init(arrayLiteral equations: [Term]...) {
        for equation in equations { append(equation) }
    }

    init(_ equations: some Sequence<[Term]>) {
        for equation in equations { append(equation) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { starts.count - 1 }

    subscript(equation: Int) -> ArraySlice<Term> { terms[starts[equation] ..< starts[equation + 1]] }

    mutating func append(_ equation: some Sequence<Term>) {
        terms.append(contentsOf: equation)
        starts.append(terms.count)
    }

    /// Adds a term to a new equation, or to the last one.
    mutating func append(_ term: Term, startingEquation: Bool) {
        precondition(startingEquation || !isEmpty, "a term needs an equation")
        if startingEquation { starts.append(terms.count) }
        terms.append(term)
        starts[starts.count - 1] = terms.count
    }
}
