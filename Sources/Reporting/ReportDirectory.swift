import Foundation
import Simulation

/// Why a report directory cannot be used.
public enum ReportDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--out` is empty.
    case emptyPath
    /// The destination exists and `force` was not given.
    case exists(String)
    /// The destination exists and is a file.
    case notADirectory(String)
    /// The machine failed to create or move it.
    case output(OutputFailure)

    /// True when the machine failed, not the input.
    public var isMachineFailure: Bool {
        if case .output = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .emptyPath: return "the output directory is empty: give --out a path"
        case let .exists(path): return "\(path) already exists: choose another --out or pass --force to replace it"
        case let .notADirectory(path): return "\(path) exists and is not a directory"
        case let .output(failure): return failure.description
        }
    }
}

/// An output directory written atomically: files go into `<out>.partial-<pid>` (with an
/// `INCOMPLETE` marker), which is renamed to `<out>` only when everything is written. An
/// interrupted run leaves only the clearly named partial directory, never a report that looks
/// whole; a failed one leaves nothing. An existing `<out>` is replaced only with `force`, and
/// only after success.
///
/// Partial directories of the same `<out>` left by processes that are gone are listed in
/// `stalePartials` (a warning for the user); `force` removes them. Those of a process still
/// running are left alone.
public struct ReportDirectory {
    /// Where the report lands once complete (`--out`).
    public let finalPath: String
    /// Where it is written meanwhile: `<out>.partial-<pid>`.
    public let workingPath: String
    /// `<out>.partial-<pid>` folders whose process is gone (removed when `force` is given).
    public let stalePartials: [String]
    /// Whether `stalePartials` were removed.
    public let removedStalePartials: Bool

    /// Checks the destination and creates the working directory.
    /// - Throws: `ReportDirectoryError`.
    public init(out: String, force: Bool) throws(ReportDirectoryError) {
        guard !out.isEmpty else { throw .emptyPath }
        let manager = FileManager.default
        let trimmed = out.count > 1 && out.hasSuffix("/") ? String(out.dropLast()) : out
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: trimmed, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(trimmed) }
            guard force else { throw .exists(trimmed) }
        }
        finalPath = trimmed
        workingPath = trimmed + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        let stale = Self.partials(of: trimmed).filter { !Self.processIsRunning($0.pid) }.map(\.path)
        stalePartials = stale
        removedStalePartials = force && !stale.isEmpty
        do {
            if force { for path in stale { try manager.removeItem(atPath: path) } }
            if manager.fileExists(atPath: workingPath) { try manager.removeItem(atPath: workingPath) }
        } catch {
            throw .output(OutputFailure(path: workingPath, reason: SystemError.message(error)))
        }
        do { try SystemError.makeDirectory(workingPath) } catch { throw .output(error) }
        do {
            try StreamingFile.write("This run did not finish; its files are incomplete.\n", to: path("INCOMPLETE"))
        } catch {
            try? manager.removeItem(atPath: workingPath)
            throw .output(error)
        }
    }

    /// The path of `name` inside the working directory.
    public func path(_ name: String) -> String { (workingPath as NSString).appendingPathComponent(name) }

    /// Moves the finished files into place: the working folder is synced, renamed to `finalPath`
    /// (an old folder there is moved aside first and removed after), and the parent folder is
    /// synced so the rename is on the disk. - Throws: `OutputFailure`; the working directory is
    /// then removed.
    public func commit() throws(OutputFailure) {
        let manager = FileManager.default
        let old = finalPath + ".replaced-\(ProcessInfo.processInfo.processIdentifier)"
        var movedAside = false
        do throws(OutputFailure) {
            do { try manager.removeItem(atPath: path("INCOMPLETE")) } catch {
                throw OutputFailure(path: path("INCOMPLETE"), reason: SystemError.message(error))
            }
            try SystemError.synchronize(workingPath)
            if manager.fileExists(atPath: finalPath) {
                try SystemError.rename(finalPath, to: old)
                movedAside = true
            }
            try SystemError.rename(workingPath, to: finalPath)
            if movedAside {
                movedAside = false
                try? manager.removeItem(atPath: old)
            }
            try SystemError.synchronize(Self.parent(of: finalPath))
        } catch {
            // The old folder goes back where it was; the new one is dropped.
            if movedAside { try? SystemError.rename(old, to: finalPath) }
            abandon()
            throw error
        }
    }

    /// The folder that holds `path`: "." for a bare name, "/" for a top-level one. (Foundation's
    /// `deletingLastPathComponent` traps on a one-letter relative name on Linux.)
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Removes the working directory after a failure.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: workingPath)
    }

    /// The `<out>.partial-<pid>` folders beside `out`.
    static func partials(of out: String) -> [(path: String, pid: Int32)] {
        // Split at the last "/" by hand: Foundation's path helpers trap on some one-component
        // paths on Linux.
        let slash = out.lastIndex(of: "/")
        let parent = slash.map { String(out[..<$0]) } ?? ""
        let base = (slash.map { String(out[out.index(after: $0)...]) } ?? out) + ".partial-"
        let directory = parent.isEmpty ? (slash == nil ? "." : "/") : parent
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.sorted().compactMap { entry in
            guard entry.hasPrefix(base), let pid = Int32(entry.dropFirst(base.count)), pid > 0 else { return nil }
            return (slash == nil ? entry : (directory == "/" ? "/" : directory + "/") + entry, pid)
        }
    }

    /// Whether a process with `pid` exists (signal 0 probes without sending anything).
    static func processIsRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
