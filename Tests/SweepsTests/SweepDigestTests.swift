import FixedMath
import Foundation
@testable import Sweeps
import Testing

/// Digests round-trip through a shard's JSON exactly, values beyond 64 bits included.
@Suite struct SweepDigestTests {
    @Test func wideValuesRoundTripAsDecimalStrings() throws {
        let wide = BigInteger(UInt128(1) << 100)
        var digest = SweepRunDigest(run: 3, point: 1, seed: 9)
        digest.samples = [SweepSample(block: 7, date: "2025-03-01", issuanceRao: 5, emissionRaoPerBlock: 1_000_000_000, taoUsdMicro: 250_000_000,
                                      subnets: [SweepSubnetValues(netuid: 2, priceTaoAtto: wide, priceUsdMicro: BigInteger(UInt64(42)), marketCapUsdMicro: .zero)])]
        let text = SweepShard.encode(digest)
        #expect(text.contains("\"priceTaoAtto\":\"1267650600228229401496703205376\""))
        let decoded = try JSONDecoder().decode(SweepRunDigest.self, from: Data(text.utf8))
        #expect(decoded == digest)
        // Beyond 128 bits a value is held at the bound; a malformed value is refused.
        #expect(SweepSubnetValues(netuid: 1, priceTaoAtto: BigInteger.powerOfTwo(130), priceUsdMicro: .zero, marketCapUsdMicro: .zero).priceTaoAtto == .max)
        let broken = text.replacingOccurrences(of: "\"priceUsdMicro\":\"42\"", with: "\"priceUsdMicro\":\"-4\"")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SweepRunDigest.self, from: Data(broken.utf8)) }
    }
}
