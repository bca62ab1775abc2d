import Foundation
import Reporting
import Testing

/// The recorded mainnet fixtures are the bytes their source published: each file's SHA-256
/// equals the one `Tests/Fixtures/chain/manifest.json` lists (copied from the source's manifest),
/// and each file's blocks and hashes are the ones listed.
@Suite struct ChainFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/chain")

    struct Manifest: Decodable {
        struct Snapshot: Decodable, Equatable {
            let block: Int
            let block_hash: String
            let spec_version: Int
        }
        struct Fixture: Decodable {
            let file: String
            let snapshots: [Snapshot]
            let sha256: String
        }
        let fixtures: [Fixture]
    }

    struct FixtureFile: Decodable {
        let snapshots: [Manifest.Snapshot]
    }

    @Test func everyFixtureIsTheBytesItsSourcePublished() throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: Self.folder.appendingPathComponent("manifest.json")))
        #expect(manifest.fixtures.count == 24)
        for fixture in manifest.fixtures {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(fixture.file))
            #expect(FileDigest.sha256Hex(data) == fixture.sha256, "\(fixture.file)")
            if fixture.file.hasPrefix("metadata_") { continue }
            let file = try JSONDecoder().decode(FixtureFile.self, from: data)
            #expect(file.snapshots == fixture.snapshots, "\(fixture.file)")
        }
        let listed = Set(manifest.fixtures.map(\.file))
        let present = try FileManager.default.subpathsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".json") && $0 != "manifest.json" }
        #expect(Set(present) == listed, "every fixture file is listed, and only those")
    }
}
