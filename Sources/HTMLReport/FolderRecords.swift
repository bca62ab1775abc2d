import Foundation

/// The fields of a run's `manifest.json` the pages show, read with `Decodable` (the file's
/// snake_case keys); every field a page can do without is optional.
struct ManifestHeader: Decodable {
    struct Named: Decodable {
        let name: String?
        let file: String?
    }

    let scenario: Named?
    let rules: Named?
    let seed: UInt64?
    let startBlock: UInt64?
    let endBlock: UInt64?
    let engineVersion: String?
    let market: String?
    let overrides: [String]?
    let keysWithoutEffect: [String]?

    /// The manifest in `folder`, or nil when there is none or it is not one.
    static func read(folder: String) -> ManifestHeader? { FolderRecords.decode(folder + "/manifest.json") }
}

/// The fields of a sweep's `sweep.json` its page shows.
struct SweepHeader: Decodable {
    struct File: Decodable {
        let file: String
    }

    let name: String?
    let sweep: File?
    let scenario: File?
    let seeds: [UInt64]?
    let points: [Point]?
    let finished: Int?
    let engineVersion: String?

    /// A grid point: only its presence is counted.
    struct Point: Decodable {}

    /// The record in `folder`, or nil.
    static func read(folder: String) -> SweepHeader? { FolderRecords.decode(folder + "/sweep.json") }
}

enum FolderRecords {
    /// `path` decoded as `T` with snake_case keys; nil when missing or not of that shape.
    static func decode<T: Decodable>(_ path: String) -> T? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(T.self, from: data)
    }
}
