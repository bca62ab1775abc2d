import Crypto
import Foundation

/// SHA-256 digests (swift-crypto) of the files a report depends on, as lowercase hex.
public enum FileDigest {
    /// The digest of `data`: 64 lowercase hex digits.
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// The digest of the file at `path`, or nil when it cannot be read.
    public static func sha256Hex(ofFile path: String) -> String? {
        FileManager.default.contents(atPath: path).map(sha256Hex)
    }
}
