import TaoEconomics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded generator of many subnets whose spread is written in the scenario.
///
/// Prices are log-normal quantiles: p_i = median · exp(σ·Φ⁻¹((i − ½)/n)), with σ solved so that
/// Σp equals `priceSum` (or given directly). So the median and the sum are met exactly up to
/// rounding, and a few subnets are large, as on the real network (calibration §3b: Oct 2025,
/// 127 subnets, median 0.0034, Σp 1.05; Aug 2025, 118 subnets, median 0.0029, Σp 1.07).
/// Alpha reserves and outstanding alpha are log-normal quantiles too, assigned to subnets in a
/// seeded random order; T = ⌊p·A⌋.
public struct SubnetGenerator: Sendable, Equatable {
    /// Subnets generated.
    public let count: Int
    /// The first netuid; the others follow.
    public let firstNetuid: UInt16
    /// The median price, TAO per alpha.
    public let medianPrice: Double
    /// Target Σ prices; nil when `priceSigma` is given.
    public let priceSum: Double?
    /// The log-normal sigma of the prices; nil when `priceSum` is given.
    public let priceSigma: Double?
    /// The median alpha reserve, alpha rao.
    public let alphaReserveMedianRao: Double
    /// The log-normal sigma of the alpha reserves.
    public let alphaReserveSigma: Double
    /// The median outstanding alpha, alpha rao.
    public let alphaOutstandingMedianRao: Double
    /// The log-normal sigma of the outstanding alpha.
    public let alphaOutstandingSigma: Double
    /// Fixed payout weights of each subnet's miners.
    public let minerWeights: [UInt64]
    /// Fixed payout weights of each subnet's validators.
    public let validatorWeights: [UInt64]
    /// HEAD: which subnets withhold miner emission, and how much.
    public let minerBurn: MinerBurn?
    /// HEAD: how many subnets, the lowest-priced (highest netuids), have emission disabled.
    public let emissionDisabledCount: Int
    /// Weighted pools: which subnets start away from quote weight ½ (the price kept).
    public var skewedWeights: Skew?
    /// Rule sets with Null epochs: how many subnets (seeded) run the Null consensus.
    public var nullConsensusCount = 0
    /// Root baskets: which subnets have part of their validators' root stake off root.
    public var rootUnregistered: RootRegistration?

    /// `subnets` subnets chosen in a seeded random order start at a quote weight drawn uniformly
    /// from [minimum, maximum] (rounded to 10^−9), their TAO reserve set so the price stays, and
    /// (rule sets with reservoirs) with `alphaReservoirRao` parked in the alpha reservoir.
    public struct Skew: Sendable, Equatable {
        /// How many subnets.
        public let subnets: Int
        /// The smallest quote weight.
        public let minimum: Perquintill
        /// The largest quote weight.
        public let maximum: Perquintill
        /// Alpha parked in each one's reservoir at the start, alpha rao.
        public let alphaReservoirRao: UInt64
    }

    /// `subnets` subnets chosen in a seeded random order have `fraction` of their validators'
    /// root stake registered on root.
    public struct RootRegistration: Sendable, Equatable {
        /// How many subnets.
        public let subnets: Int
        /// Their root-registered share.
        public let fraction: Perquintill
    }

    /// `subnets` subnets chosen in a seeded random order each burn a fraction of their miners'
    /// alpha drawn uniformly from [minimum, maximum], rounded to 10^−9.
    public struct MinerBurn: Sendable, Equatable {
        /// How many subnets withhold miner emission.
        public let subnets: Int
        /// The smallest fraction burned.
        public let minimum: Perquintill
        /// The largest fraction burned.
        public let maximum: Perquintill

        /// A miner-burn spread with these values.
        public init(subnets: Int, minimum: Perquintill, maximum: Perquintill) {
            self.subnets = subnets
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    /// A generator with these parameters (see the properties).
    public init(count: Int, firstNetuid: UInt16 = 1, medianPrice: Double, priceSum: Double?, priceSigma: Double?,
                alphaReserveMedianRao: Double, alphaReserveSigma: Double, alphaOutstandingMedianRao: Double,
                alphaOutstandingSigma: Double, minerWeights: [UInt64] = [1], validatorWeights: [UInt64] = [1],
                minerBurn: MinerBurn? = nil, emissionDisabledCount: Int = 0) {
        self.count = count
        self.firstNetuid = firstNetuid
        self.medianPrice = medianPrice
        self.priceSum = priceSum
        self.priceSigma = priceSigma
        self.alphaReserveMedianRao = alphaReserveMedianRao
        self.alphaReserveSigma = alphaReserveSigma
        self.alphaOutstandingMedianRao = alphaOutstandingMedianRao
        self.alphaOutstandingSigma = alphaOutstandingSigma
        self.minerWeights = minerWeights
        self.validatorWeights = validatorWeights
        self.minerBurn = minerBurn
        self.emissionDisabledCount = emissionDisabledCount
    }

    /// Standard normal quantiles at (i − ½)/n, ascending.
    var quantiles: [Double] { (0..<count).map { SubnetGenerator.inverseNormal((Double($0) + 0.5) / Double(count)) } }

    /// σ for the prices: given, or solved by bisection so that Σ median·exp(σ·z_i) = priceSum.
    public var solvedPriceSigma: Double {
        if let priceSigma { return priceSigma }
        let target = priceSum ?? medianPrice * Double(count)
        let z = quantiles
        func sum(_ sigma: Double) -> Double { z.reduce(0) { $0 + medianPrice * exp(sigma * $1) } }
        var low = 0.0, high = 6.0
        if sum(low) >= target { return 0 }
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if sum(middle) < target { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// The subnets, deterministic for a seed. Larger prices get lower netuids (the real network's
    /// big subnets are old and low-numbered), reserves are shuffled; the HEAD settings (miner
    /// burn, disabled emission) are drawn after the reserves, so adding them leaves the pools as
    /// they were.
    public func subnets(seed: UInt64) -> [SubnetConfiguration] {
        var random = RandomStream(seed: seed, purpose: "subnet-generator")
        let z = quantiles
        let sigma = solvedPriceSigma
        let prices = z.map { medianPrice * exp(sigma * $0) }.reversed().map { $0 }
        var reserveOrder = Array(0..<count)
        var outstandingOrder = Array(0..<count)
        reserveOrder.shuffle(using: &random)
        outstandingOrder.shuffle(using: &random)
        var configurations = (0..<count).map { index in
            let alpha = alphaReserveMedianRao * exp(alphaReserveSigma * z[reserveOrder[index]])
            let outstanding = alphaOutstandingMedianRao * exp(alphaOutstandingSigma * z[outstandingOrder[index]])
            let alphaRao = UInt64(max(1_000_000_000, min(alpha.rounded(), 15_000_000_000_000_000)))
            let outstandingRao = UInt64(max(0, min(outstanding.rounded(), Double(Supply.capRao - alphaRao))))
            let taoRao = UInt64(max(1_000_000_000, (prices[index] * Double(alphaRao)).rounded(.down)))
            return SubnetConfiguration(netuid: firstNetuid + UInt16(index), taoReserveRao: taoRao, alphaReserveRao: alphaRao,
                                       alphaOutstandingRao: outstandingRao, minerWeights: minerWeights, validatorWeights: validatorWeights)
        }
        if let minerBurn, minerBurn.subnets > 0 {
            var burnRandom = RandomStream(seed: seed, purpose: "subnet-generator-miner-burn")
            var order = Array(0..<count)
            order.shuffle(using: &burnRandom)
            let low = minerBurn.minimum.parts / 1_000_000_000, high = minerBurn.maximum.parts / 1_000_000_000
            for index in order.prefix(minerBurn.subnets) {
                let nano = low + UInt64((Double(high - low) * burnRandom.nextUnit()).rounded(.down))
                configurations[index].minerBurnFraction = Perquintill(parts: min(nano, high) * 1_000_000_000) ?? .one
            }
        }
        for index in (count - emissionDisabledCount)..<count { configurations[index].emissionEnabled = false }
        if let skew = skewedWeights, skew.subnets > 0 {
            var skewRandom = RandomStream(seed: seed, purpose: "subnet-generator-quote-weight")
            var order = Array(0..<count)
            order.shuffle(using: &skewRandom)
            let low = skew.minimum.parts / 1_000_000_000, high = skew.maximum.parts / 1_000_000_000
            for index in order.prefix(skew.subnets) {
                let nano = min(low + UInt64((Double(high - low) * skewRandom.nextUnit()).rounded(.down)), high)
                let weight = Perquintill(parts: nano * 1_000_000_000) ?? .half
                configurations[index].quoteWeight = weight
                configurations[index].alphaReservoirRao = skew.alphaReservoirRao
                // Price p = (w1/w2)·y/x: the TAO reserve that keeps the drawn price, ⌊p·x·w2/w1⌋.
                let price = prices[index]
                let w2 = Double(weight.parts) / Double(Perquintill.accuracy)
                configurations[index].taoReserveRao = UInt64(max(1_000_000_000, (price * Double(configurations[index].alphaReserveRao) * w2 / (1 - w2)).rounded(.down)))
            }
        }
        if nullConsensusCount > 0 {
            var nullRandom = RandomStream(seed: seed, purpose: "subnet-generator-null-consensus")
            var order = Array(0..<count)
            order.shuffle(using: &nullRandom)
            for index in order.prefix(nullConsensusCount) { configurations[index].epochConsensus = .none }
        }
        if let root = rootUnregistered, root.subnets > 0 {
            var rootRandom = RandomStream(seed: seed, purpose: "subnet-generator-root-registration")
            var order = Array(0..<count)
            order.shuffle(using: &rootRandom)
            for index in order.prefix(root.subnets) { configurations[index].rootRegisteredFraction = root.fraction }
        }
        return configurations
    }

    /// Φ⁻¹(p) by Acklam's rational approximation (relative error < 1.2e-9), refined with one
    /// Halley step; deterministic.
    static func inverseNormal(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425, high = 1 - low
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= high {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        return x - u / (1 + x * u / 2)
    }
}
