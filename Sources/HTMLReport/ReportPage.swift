import Charts
import Foundation
import Plot

/// What every report page shares: the document, its CSS, tables.
enum ReportPage {
    /// The page CSS: readable on a laptop and a phone, and in print.
    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;margin:0 auto;padding:1rem;max-width:960px;color:#222;line-height:1.4}
        h1{font-size:1.5rem;margin:.2rem 0}
        h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid #ddd}
        p.meta{color:#555;font-size:.9rem;margin:.2rem 0}
        table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0;display:block;overflow-x:auto}
        th,td{border-bottom:1px solid #e4e4e4;padding:.25rem .6rem;text-align:right;white-space:nowrap}
        th:first-child,td:first-child{text-align:left}
        th{background:#f5f5f5}
        @media print{body{max-width:none}h2{break-after:avoid}table{display:table}}
        @media (max-width:600px){body{padding:.5rem}h1{font-size:1.2rem}}
        """ + "\n" + ChartSVG.css

    /// A whole page: title, generator line and sections.
    static func document(title: String, meta: [String], sections: [Node<HTML.BodyContext>]) -> String {
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title(title),
                .style(css)
            ),
            .body(
                .h1(.text(title)),
                .group(meta.map { .p(.class("meta"), .text($0)) }),
                .group(sections)
            )
        )
        return html.render(indentedBy: nil) + "\n"
    }

    /// A table with a header row.
    static func table(_ header: [String], _ rows: [[String]]) -> Node<HTML.BodyContext> {
        .table(
            .tr(.forEach(header) { .th(.text($0)) }),
            .forEach(rows) { row in .tr(.forEach(row) { .td(.text($0)) }) }
        )
    }

    /// A time axis's tick label: the date of the last sample at or before the tick's block
    /// (`samples` ascending by block).
    static func dateLabel(_ samples: [(block: Double, date: String)]) -> @Sendable (Double) -> String {
        { block in samples.last { $0.block <= block + 0.5 }?.date ?? samples.first?.date ?? "" }
    }

    /// A section: a heading and its content.
    static func section(_ title: String, _ content: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .element(named: "section", nodes: [.h2(.text(title))] + content)
    }
}
