import CohortModel

/// What the `Header` of a CIN census return says.
public struct CINCensusHeader: Sendable, Equatable {
    /// `Source/LEA`: the LA's old three-digit code.
    public var laCode: Int?
    /// `CollectionDetails/ReferenceDate`: the census date (31 March).
    public var referenceDate: Day?

    public init(laCode: Int? = nil, referenceDate: Day? = nil) {
        self.laCode = laCode
        self.referenceDate = referenceDate
    }
}

/// Reads a CIN census XML return child by child, in constant memory: a national file of 400,000
/// children streams through a fixed window, and each child is handed out as soon as it closes.
///
/// Tolerant: stray text, unknown elements, invalid codes and dates are noted as rejected values
/// of that child and never stop the read; a file that ends inside a child loses only that child.
public struct CINCensusReader: ~Copyable {
    public private(set) var header = CINCensusHeader()
    /// `<Child>` elements met so far.
    public private(set) var childCount = 0
    /// True when some value was not UTF-8 and was read as Windows-1252.
    public var sawWindows1252: Bool { value.sawWindows1252 }

    private var tokenizer: XMLTokenizer
    private let elements = CINElement.table
    private let fileName: String
    /// Open elements, innermost last.
    private var stack: [CINElement] = []
    /// The value element being read, and its depth in `stack`.
    private var capture: (element: CINElement, depth: Int)?
    private var value = XMLValue()
    private var child: CINChildBuilder?

    public init(source: any ByteSource, fileName: String) {
        tokenizer = XMLTokenizer(source: source, fileName: fileName)
        self.fileName = fileName
        stack.reserveCapacity(16)
    }

    /// The next child, or nil at the end of the file.
    public mutating func next() throws(ExtractError) -> CINCensusChild? {
        let elements = self.elements
        while true {
            switch try tokenizer.next() {
            case .startTag(let name, let selfClosing):
                let element = tokenizer.withBytes(name) { elements.lookup($0) }
                open(element)
                if selfClosing, let done = close(element) { return finish(done) }
            case .endTag(let name):
                if let done = close(tokenizer.withBytes(name) { elements.lookup($0) }) { return finish(done) }
            case .text(let range):
                if let capture, capture.depth == stack.count {
                    tokenizer.withBytes(range) { value.appendText($0) }
                } else if let container = stack.last, container.isContainer, let child,
                          tokenizer.withBytes(range, { $0.contains { !isXMLSpace($0) } }) {
                    child.strayText(in: container)
                }
            case .cdata(let range):
                if let capture, capture.depth == stack.count { tokenizer.withBytes(range) { value.appendLiteral($0) } }
            case .end:
                guard let open = child else { return nil }
                child = nil
                stack.removeAll()
                return open.finish(fileName: fileName, referenceDate: header.referenceDate, truncated: true)
            }
        }
    }

    private mutating func open(_ element: CINElement) {
        let parent = stack.last ?? .other
        stack.append(element)
        switch element {
        case .child where child == nil:
            childCount += 1
            child = CINChildBuilder(row: childCount)
        case .cinDetails: child?.beginDetails()
        case .cinPlanDates: child?.beginPlan(.childInNeedPlan)
        case .childProtectionPlans: child?.beginPlan(.childProtectionPlan)
        default: break
        }
        if capture == nil && element.isValue(under: parent) {
            capture = (element, stack.count)
            value.reset()
        }
    }

    /// Closes `element` and anything left open inside it; returns the child when it was a `<Child>`
    /// (the builder, not its result: this runs for every end tag, and the result is large to move).
    /// An end tag with no matching open element is ignored.
    private mutating func close(_ element: CINElement) -> CINChildBuilder? {
        guard let depth = stack.lastIndex(of: element) else { return nil }
        var finished: CINChildBuilder?
        while stack.count > depth {
            let closing = stack.removeLast()
            if let capture, capture.depth == stack.count + 1 {
                self.capture = nil
                deliver(closing)
            }
            switch closing {
            case .cinPlanDates, .childProtectionPlans: child?.endPlan()
            case .cinDetails: child?.endDetails()
            case .child:
                finished = child
                child = nil
            default: break
            }
        }
        return finished
    }

    private func finish(_ child: CINChildBuilder) -> CINCensusChild {
        child.finish(fileName: fileName, referenceDate: header.referenceDate)
    }

    private mutating func deliver(_ element: CINElement) {
        let text = value.text()
        switch element {
        case .referenceDate: header.referenceDate = Day(parsing: text)
        case .lea: header.laCode = Int(text)
        default: child?.set(element, text, overlong: value.isOverlong)
        }
    }
}

@inline(__always) func isXMLSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
