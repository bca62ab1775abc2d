import Foundation
import Simulation

/// A text file written as the run goes, through a 64 KiB buffer, so memory stays flat however
/// long the run is. Every failure is the machine's (`OutputFailure`).
public final class StreamingFile {
    let handle: FileHandle
    var buffer: [UInt8] = []
    /// The file being written.
    public let path: String

    /// Creates (or truncates) the file. - Throws: `OutputFailure` when it cannot be created.
    public init(path: String) throws(OutputFailure) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw OutputFailure(path: path, reason: SystemError.lastMessage())
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends `text`, writing the buffer out when it is full.
    public func write(_ text: String) throws(OutputFailure) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes the buffer out.
    public func flush() throws(OutputFailure) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw OutputFailure(path: path, reason: SystemError.message(error)) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the buffer out and closes the file.
    public func close() throws(OutputFailure) {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch { throw OutputFailure(path: path, reason: SystemError.message(error)) }
    }

    /// Writes a whole small file (a summary, a manifest) at once.
    public static func write(_ text: String, to path: String) throws(OutputFailure) {
        let file = try StreamingFile(path: path)
        try file.write(text)
        try file.close()
    }
}

/// The system's own words for an I/O failure, without Foundation's domain codes.
enum SystemError {
    /// Creates `path` and any missing parents (mkdir -p) with POSIX calls, so a failure carries
    /// errno's message ("Not a directory", "Read-only file system", …).
    static func makeDirectory(_ path: String) throws(OutputFailure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                var status = stat()
                guard code == EEXIST, stat(prefix, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
                    throw OutputFailure(path: prefix, reason: String(cString: strerror(code == EEXIST ? ENOTDIR : code)))
                }
            }
            prefix += "/"
        }
    }

    /// fsync(2) on a file or folder, so its bytes (a folder: its entries, after a rename) are on
    /// the disk before the caller goes on. - Throws: `OutputFailure` with errno's message.
    static func synchronize(_ path: String) throws(OutputFailure) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw OutputFailure(path: path, reason: lastMessage()) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw OutputFailure(path: path, reason: lastMessage()) }
    }

    /// rename(2): `source` takes the name `destination` in one step. - Throws: `OutputFailure`
    /// with errno's message.
    static func rename(_ source: String, to destination: String) throws(OutputFailure) {
        guard Foundation.rename(source, destination) == 0 else { throw OutputFailure(path: destination, reason: lastMessage()) }
    }

    /// errno's message (strerror).
    static func lastMessage() -> String { String(cString: strerror(errno)) }

    /// An error thrown by Foundation, as the system's message where it carries an errno.
    static func message(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}
