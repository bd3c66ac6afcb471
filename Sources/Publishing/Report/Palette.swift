import CohortModel

/// How each group is drawn. Colours are Okabe and Ito's palette, which stays distinguishable
/// with every common colour-vision deficiency; every line also has its own marker and dash, and
/// every bar its own label, so no chart depends on colour alone.
extension SocialCareGroup {
    var colour: String {
        switch self {
        case .childInNeedPlan: "#E69F00"
        case .childProtectionPlan: "#56B4E9"
        case .lookedAfter: "#009E73"
        case .anySocialWorker: "#D55E00"
        case .noSocialWorker: "#0072B2"
        case .allPupils: "#000000"
        }
    }

    /// `stroke-dasharray` of the group's trend line: the comparison groups are dashed.
    var dash: String? {
        switch self {
        case .noSocialWorker: "6 3"
        case .allPupils: "2 3"
        default: nil
        }
    }

    /// The group's marker centred on (x, y): circle, square, triangle, diamond, cross, plus.
    func marker(x: Double, y: Double) -> HTML {
        let r = 4.0
        let fill: HTML = "fill=\"\(colour)\" stroke=\"#1a1a1a\" stroke-width=\"0.75\""
        let open: HTML = "fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\""
        switch self {
        case .childInNeedPlan:
            return "<circle cx=\"\(coordinate: x)\" cy=\"\(coordinate: y)\" r=\"\(coordinate: r)\" \(fill)/>"
        case .childProtectionPlan:
            return "<rect x=\"\(coordinate: x - r)\" y=\"\(coordinate: y - r)\" width=\"\(coordinate: 2 * r)\" height=\"\(coordinate: 2 * r)\" \(fill)/>"
        case .lookedAfter:
            return polygon([(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)], fill)
        case .anySocialWorker:
            return polygon([(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)], fill)
        case .noSocialWorker:
            return """
                <path d="M\(coordinate: x - r),\(coordinate: y - r)L\(coordinate: x + r),\(coordinate: y + r)\
                M\(coordinate: x + r),\(coordinate: y - r)L\(coordinate: x - r),\(coordinate: y + r)" \(open)/>
                """
        case .allPupils:
            return """
                <path d="M\(coordinate: x - r - 1),\(coordinate: y)H\(coordinate: x + r + 1)\
                M\(coordinate: x),\(coordinate: y - r - 1)V\(coordinate: y + r + 1)" \(open)/>
                """
        }
    }

    private func polygon(_ points: [(x: Double, y: Double)], _ style: HTML) -> HTML {
        "<polygon points=\"\(points.map { "\(coordinate: $0.x),\(coordinate: $0.y) " as HTML })\" \(style)/>"
    }
}

/// The key to the groups' colours and markers, shown once above the charts.
func groupLegend() -> HTML {
    let items: [HTML] = SocialCareGroup.allCases.map { group in
        """
        <li><svg class="swatch" width="34" height="14" viewBox="0 0 34 14" aria-hidden="true" focusable="false">\
        <line x1="1" y1="7" x2="33" y2="7" stroke="\(group.colour)" stroke-width="2.5"\(dashAttribute(group))/>\
        \(group.marker(x: 17, y: 7))</svg>\(group.label)</li>
        """
    }
    return "<ul class=\"legend\" aria-label=\"Key to the groups\">\(items)</ul>"
}

/// ` stroke-dasharray="…"` for a group drawn dashed, or nothing.
func dashAttribute(_ group: SocialCareGroup) -> HTML {
    group.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
}
