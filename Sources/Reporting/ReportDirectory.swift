import Foundation

/// An output directory written atomically: files go into `<out>.partial-<pid>` (with an
/// `INCOMPLETE` marker), which is renamed to `<out>` only when everything is written. An
/// interrupted run leaves only the clearly named partial directory, never a report that looks
/// whole; an existing `<out>` is replaced only with `force`, and only after success.
public struct ReportDirectory {
    public let finalPath: String
    public let workingPath: String
    let force: Bool

    /// Checks the destination and creates the working directory.
    /// - Throws: `ReportError` when `out` exists and `force` is false, or it cannot be created.
    public init(out: String, force: Bool) throws(ReportError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: out, isDirectory: &isDirectory), !force {
            throw ReportError("\(out) already exists: choose another --out or pass --force to replace it")
        }
        if manager.fileExists(atPath: out), !isDirectory.boolValue {
            throw ReportError("\(out) exists and is not a directory")
        }
        finalPath = out
        workingPath = out + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        self.force = force
        do {
            if manager.fileExists(atPath: workingPath) { try manager.removeItem(atPath: workingPath) }
            try manager.createDirectory(atPath: workingPath, withIntermediateDirectories: true)
            _ = manager.createFile(atPath: (workingPath as NSString).appendingPathComponent("INCOMPLETE"),
                               contents: Data("This run did not finish; its files are incomplete.\n".utf8))
        } catch {
            throw ReportError("cannot create \(workingPath): \(error)")
        }
    }

    public func path(_ name: String) -> String { (workingPath as NSString).appendingPathComponent(name) }

    /// Moves the finished files into place.
    public func commit() throws(ReportError) {
        let manager = FileManager.default
        do {
            try manager.removeItem(atPath: path("INCOMPLETE"))
            if manager.fileExists(atPath: finalPath) {
                let old = finalPath + ".replaced-\(ProcessInfo.processInfo.processIdentifier)"
                try manager.moveItem(atPath: finalPath, toPath: old)
                try manager.moveItem(atPath: workingPath, toPath: finalPath)
                try manager.removeItem(atPath: old)
            } else {
                try manager.moveItem(atPath: workingPath, toPath: finalPath)
            }
        } catch {
            throw ReportError("cannot move the report into \(finalPath): \(error)")
        }
    }

    /// Removes the working directory after a failure.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: workingPath)
    }
}
