import Foundation

/// `report.html` of a run or sweep folder: which page a folder gets, and the one way it is written
/// (by `dtao run`, `dtao sweep`, `dtao sweep merge` and `dtao report` alike).
public enum ReportFile {
    /// The report's file name.
    public static let name = "report.html"

    /// A problem reading a folder (exit 2: not a report folder, or a damaged one).
    public struct FolderError: Error, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// The page of `folder`: a sweep's (it has bands.csv) or a run's, with the top `top` subnets
    /// or, given `netuids`, those subnets only.
    public static func html(folder: String, top: Int = 10, netuids: [Int] = []) throws(FolderError) -> String {
        FileManager.default.fileExists(atPath: folder + "/bands.csv") ? try SweepReport.html(folder: folder, top: top, netuids: netuids)
            : try RunReport.html(folder: folder, top: top, netuids: netuids)
    }

    /// Writes `text` as `folder`'s report (through a temporary file, then a rename); returns its path.
    @discardableResult
    public static func write(_ text: String, folder: String) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// Builds and writes `folder`'s report.
    public static func write(folder: String, top: Int = 10) throws {
        try write(try html(folder: folder, top: top), folder: folder)
    }
}
