import Foundation

/// A text file written as the run goes, through a 64 KiB buffer, so memory stays flat however
/// long the run is.
public final class StreamingFile {
    let handle: FileHandle
    var buffer: [UInt8] = []
    public let path: String

    /// Creates (or truncates) the file. - Throws: `ReportError` when it cannot be created.
    public init(path: String) throws(ReportError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ReportError("cannot create \(path)")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    public func write(_ text: String) throws(ReportError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func flush() throws(ReportError) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw ReportError("cannot write \(path): \(error)") }
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws(ReportError) {
        try flush()
        do { try handle.close() } catch { throw ReportError("cannot close \(path): \(error)") }
    }
}

/// A report could not be written.
public struct ReportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
