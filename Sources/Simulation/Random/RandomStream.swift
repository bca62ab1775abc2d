/// A seeded stream of random numbers (xoshiro256**, seeded through SplitMix64).
///
/// Each purpose (market, flows, agents, generator) gets its own stream derived from the run's
/// seed and the purpose's name, so changing one part of a scenario does not shift the random
/// numbers another part sees (common random numbers across scenarios with the same seed).
public struct RandomStream: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// The stream for `purpose` under `seed`.
    public init(seed: UInt64, purpose: String) {
        // FNV-1a of the purpose name, mixed with the seed.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in purpose.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var mixer = seed ^ hash
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 { (value << count) | (value >> (64 - count)) }

    /// The generator's four words, for a checkpoint (`Codable`).
    var words: [UInt64] {
        get { [state.0, state.1, state.2, state.3] }
        set { state = (newValue[0], newValue[1], newValue[2], newValue[3]) }
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal sample (Box–Muller; one of the pair is used so the stream advances by
    /// a fixed two draws per sample).
    public mutating func nextNormal() -> Double {
        let u1 = max(nextUnit(), 0x1p-53)
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

extension RandomStream: Codable {
    /// Decodes the stream's position: its four state words (not all zero, which xoshiro cannot leave).
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let words = try container.decode([UInt64].self)
        guard words.count == 4, words.contains(where: { $0 != 0 }) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a random stream is four state words, not all zero")
        }
        self.init(seed: 0, purpose: "")
        self.words = words
    }

    /// Encodes the stream's position: its four state words.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(words)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
