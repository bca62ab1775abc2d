#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How validators in a simulated subnet set weights (a seeded behaviour model, not chain code).
///
/// Each miner has a latent quality q = e^(σ·z) (log-normal, median 1), drawn from its id when it
/// registers; with `drift`, log q takes a step drift·z'' at every epoch (a random walk), so the
/// best miners change over time. An honest validator observes q·e^(noise·z') with a fresh draw z' per validator, miner and
/// epoch, and weights each miner ∝ observation^exponent; when the subnet's owner burns miner
/// alpha (`miner_burned`), that share of every honest row goes to the owner's UID. A copier
/// copies the last epoch's consensus (before the first consensus it sets no weights). A
/// colluder puts equal weight on the `favouredMiners` miners of lowest quality. Rows are
/// max-upscaled to u16 as `set_weights` stores them. Draws are counter-based (a hash of seed,
/// subnet, epoch, validator and miner), so they do not depend on evaluation order; they use
/// the platform's `exp`, `log` and `cos` (last-bit differences between CPUs are possible).
public struct WeightBehaviour: Sendable, Equatable, Codable {
    /// Log-normal σ of miners' latent quality.
    public var qualitySigma: Double
    /// σ of the per-epoch random walk of each miner's log-quality (0: quality never changes).
    public var drift: Double
    /// σ of each validator's log-normal observation noise.
    public var noise: Double
    /// Weights ∝ observed quality^exponent.
    public var exponent: Double
    /// Share of validator stake (configured) that copies the last consensus.
    public var copierStakeShare: Double
    /// Share of validator stake (configured) that colludes on favoured miners.
    public var colluderStakeShare: Double
    /// How many miners the colluders favour.
    public var favouredMiners: Int

    /// A behaviour; by default honest validators with some noise.
    public init(qualitySigma: Double = 0.5, drift: Double = 0, noise: Double = 0.2, exponent: Double = 1, copierStakeShare: Double = 0,
                colluderStakeShare: Double = 0, favouredMiners: Int = 0) {
        self.qualitySigma = qualitySigma
        self.drift = drift
        self.noise = noise
        self.exponent = exponent
        self.copierStakeShare = copierStakeShare
        self.colluderStakeShare = colluderStakeShare
        self.favouredMiners = favouredMiners
    }
}

/// A validator's behaviour in the model.
public enum ValidatorRole: String, Sendable, Codable, CaseIterable {
    /// Observes miners' quality with noise.
    case honest
    /// Copies the last epoch's consensus.
    case copier
    /// Weights favoured miners only.
    case colluder

    /// Roles by stake: copiers first, then colluders, each taken from the largest configured
    /// stake down and added while their group's total stays within its share; the rest honest.
    public static func assign(stakes: [UInt64], copierShare: Double, colluderShare: Double) -> [ValidatorRole] {
        let total = stakes.reduce(0.0) { $0 + Double($1) }
        var roles = [ValidatorRole](repeating: .honest, count: stakes.count)
        let order = stakes.indices.sorted { stakes[$0] != stakes[$1] ? stakes[$0] > stakes[$1] : $0 < $1 }
        for (role, share) in [(ValidatorRole.copier, copierShare), (.colluder, colluderShare)] where share > 0 {
            var taken = 0.0
            for i in order where roles[i] == .honest && taken + Double(stakes[i]) <= share * total {
                roles[i] = role
                taken += Double(stakes[i])
            }
        }
        return roles
    }
}

/// Counter-based random numbers: a SplitMix64 finaliser over the mixed inputs.
public enum CounterRandom {
    /// A 64-bit hash of the inputs.
    public static func hash(_ values: UInt64...) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for value in values {
            h = mix(h ^ mix(value &+ 0x9E37_79B9_7F4A_7C15))
        }
        return h
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in (0, 1) from 53 bits of the hash.
    public static func unit(_ values: UInt64...) -> Double {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for value in values { h = mix(h ^ mix(value &+ 0x9E37_79B9_7F4A_7C15)) }
        return (Double(h >> 11) + 0.5) / 9_007_199_254_740_992
    }

    /// A standard normal draw (Box–Muller on two units).
    public static func normal(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> Double {
        let u1 = unit(a, b, c, d, 1), u2 = unit(a, b, c, d, 2)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
