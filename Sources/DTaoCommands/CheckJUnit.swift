import Reporting

/// `dtao check --format junit`: JUnit XML, the report format CI systems (GitHub Actions, GitLab,
/// Jenkins) read. One `testsuite` ("dtao check"), one `testcase` per scenario (its name, with
/// its file); a violation, drift or missing baseline is a `failure` whose type says which and
/// whose text is what `--format text` prints. No timings, so the same check writes the same
/// bytes.
enum CheckJUnit {
    static func xml(_ reports: [ScenarioCheck], invariants: [String]) -> String {
        let failures = reports.filter { !$0.ok }.count
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#,
                     #"<testsuites name="dtao check" tests="\#(reports.count)" failures="\#(failures)" errors="0">"#,
                     #"  <testsuite name="dtao check" tests="\#(reports.count)" failures="\#(failures)" errors="0">"#,
                     "    <properties>",
                     #"      <property name="invariants" value="\#(escape(invariants.joined(separator: ",")))"/>"#,
                     "    </properties>"]
        for report in reports {
            let opening = #"    <testcase classname="dtao.check" name="\#(escape(report.name))" file="\#(escape(report.file))""#
            guard !report.ok else {
                lines.append(opening + "/>")
                continue
            }
            let (type, message): (String, String)
            if let violation = report.violation {
                (type, message) = ("violation", "\(violation.invariant.name) at block \(violation.block)" + (violation.netuid.map { ", subnet \($0)" } ?? ""))
            } else if report.golden.status == .missing {
                (type, message) = ("missing", "no baseline in \(report.golden.directory ?? "")")
            } else {
                (type, message) = ("drift", "the reports differ from \(report.golden.directory ?? "")")
            }
            lines.append(opening + ">")
            lines.append(#"      <failure type="\#(type)" message="\#(escape(message))">\#(escape(report.textLines.joined(separator: "\n")))</failure>"#)
            lines.append("    </testcase>")
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text as XML character data or an attribute value: &, <, >, " and ' escaped; control
    /// characters other than tab and line ends (not allowed in XML 1.0) dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped
    }
}
