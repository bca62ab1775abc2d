import FixedMath
import Reporting
import Simulation
import TaoEconomics

/// What a sweep keeps of one run: per sample, the banded metrics; at the end, its network and
/// subnet figures. Every value is an exact integer in its metric's unit (`SweepMetric`), so
/// digests written by shards and read back by `dtao sweep merge` give the same bytes.
public struct SweepRunDigest: Codable, Sendable, Equatable {
    /// The run's index in the sweep.
    public let run: Int
    /// Its grid point.
    public let point: Int
    /// Its run seed.
    public let seed: UInt64
    /// Every sample, in order.
    public var samples: [SweepSample] = []
    /// Halvings crossed.
    public var halvings = 0
    /// Refused operations (events of kind `refused`).
    public var refusals = 0
    /// Per subnet with miners: the run's miner totals.
    public var miners: [SweepMinerTotal] = []
}

/// One sample of a run: the network metrics and each subnet's.
public struct SweepSample: Codable, Sendable, Equatable {
    /// The sample's block.
    public let block: UInt64
    /// Its day (YYYY-MM-DD).
    public let date: String
    /// total_issuance_rao.
    public let issuanceRao: UInt64
    /// emission_rao_per_block.
    public let emissionRaoPerBlock: UInt64
    /// tao_usd, micro-dollars.
    public let taoUsdMicro: UInt64
    /// Every subnet, ascending netuid.
    public let subnets: [SweepSubnetValues]
    /// Subnets with miners: the period ending at this sample.
    public var miners: [SweepMinerValues] = []
}

/// A subnet at a sample. The values are held in 128 bits (no heap object: a sweep keeps many
/// of them) and written to digests as decimal strings; a value beyond 2^128 − 1 is held at that
/// bound (a price above 3.4·10^20 TAO per alpha).
public struct SweepSubnetValues: Codable, Sendable, Equatable {
    /// The subnet.
    public let netuid: UInt16
    /// price_tao in 10^−18 TAO, floored.
    public let priceTaoAtto: UInt128
    /// price_usd in micro-dollars, floored.
    public let priceUsdMicro: UInt128
    /// market_cap_usd in micro-dollars, floored.
    public let marketCapUsdMicro: UInt128

    /// The values of a subnet (non-negative `BigInteger`s, held at 2^128 − 1).
    init(netuid: UInt16, priceTaoAtto: BigInteger, priceUsdMicro: BigInteger, marketCapUsdMicro: BigInteger) {
        self.netuid = netuid
        self.priceTaoAtto = priceTaoAtto.uint128Value ?? .max
        self.priceUsdMicro = priceUsdMicro.uint128Value ?? .max
        self.marketCapUsdMicro = marketCapUsdMicro.uint128Value ?? .max
    }

    enum CodingKeys: String, CodingKey { case netuid, priceTaoAtto, priceUsdMicro, marketCapUsdMicro }

    /// Reads the values from decimal strings.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        netuid = try container.decode(UInt16.self, forKey: .netuid)
        func value(_ key: CodingKeys) throws -> UInt128 {
            let text = try container.decode(String.self, forKey: key)
            guard let value = UInt128(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(text)' is not a whole number below 2^128")
            }
            return value
        }
        priceTaoAtto = try value(.priceTaoAtto)
        priceUsdMicro = try value(.priceUsdMicro)
        marketCapUsdMicro = try value(.marketCapUsdMicro)
    }

    /// Writes the values as decimal strings.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(netuid, forKey: .netuid)
        try container.encode(String(priceTaoAtto), forKey: .priceTaoAtto)
        try container.encode(String(priceUsdMicro), forKey: .priceUsdMicro)
        try container.encode(String(marketCapUsdMicro), forKey: .marketCapUsdMicro)
    }
}

/// A subnet's miners over the period ending at a sample (miners.csv's figures).
public struct SweepMinerValues: Codable, Sendable, Equatable {
    /// The subnet.
    public let netuid: UInt16
    /// profit_usd, micro-dollars.
    public let profitUsdMicro: BigInteger
    /// breakeven_tao_usd, micro-dollars (rounded up); nil when the period earned no TAO.
    public let breakevenTaoUsdMicro: BigInteger?
}

/// A subnet's miners over the whole run.
public struct SweepMinerTotal: Codable, Sendable, Equatable {
    /// The subnet.
    public let netuid: UInt16
    /// Revenue in TAO, rao.
    public var revenueTaoRao: BigInteger = .zero
    /// Cost, micro-dollars.
    public var costUsdMicro: BigInteger = .zero
    /// Profit (revenue − cost in USD), micro-dollars.
    public var profitUsdMicro: BigInteger = .zero

    /// Cost ÷ revenue in TAO, micro-dollars per TAO rounded up; nil without TAO revenue.
    public var breakevenTaoUsdMicro: BigInteger? {
        revenueTaoRao.isZero ? nil : try? (costUsdMicro * .power(10, 9)).divided(by: revenueTaoRao, rounding: .ceiling)
    }
}

/// Builds a run's digest as the run goes.
struct SweepDigestSink: RunSink {
    var digest: SweepRunDigest

    mutating func sample(_ sample: NetworkSample) throws(OutputFailure) {
        let subnets = sample.subnets.map { subnet in
            SweepSubnetValues(netuid: subnet.netuid,
                              priceTaoAtto: (try? subnet.price.taoRao.multipliedDivided(by: .power(10, 18), dividedBy: subnet.price.alphaRao, rounding: .floor)) ?? .zero,
                              priceUsdMicro: MicroUSD.price(ofAlphaAt: subnet.price, taoUsdMicro: sample.taoUsdMicro),
                              marketCapUsdMicro: MicroUSD.value(ofAlphaRao: subnet.alphaReserveRao &+ subnet.alphaOutstandingRao, at: subnet.price,
                                                                taoUsdMicro: sample.taoUsdMicro))
        }
        digest.samples.append(SweepSample(block: sample.block, date: sample.date.description, issuanceRao: sample.totalIssuanceRao,
                                          emissionRaoPerBlock: sample.emissionRaoPerBlock, taoUsdMicro: sample.taoUsdMicro, subnets: subnets))
    }

    mutating func event(_ event: RunEvent) throws(OutputFailure) {
        if event.kind == .refused { digest.refusals += 1 }
    }

    mutating func miners(_ rows: [MinerSample], at sample: NetworkSample) throws(OutputFailure) {
        let values = rows.map { SweepMinerValues(netuid: $0.netuid, profitUsdMicro: $0.profitUsdMicro, breakevenTaoUsdMicro: MinerColumns.breakevenTaoUsdMicro($0)) }
        if let last = digest.samples.indices.last, digest.samples[last].block == sample.block {
            digest.samples[last].miners = values
        }
        for row in rows {
            if let index = digest.miners.firstIndex(where: { $0.netuid == row.netuid }) {
                digest.miners[index].add(row)
            } else {
                var total = SweepMinerTotal(netuid: row.netuid)
                total.add(row)
                digest.miners.append(total)
            }
        }
    }
}

extension SweepMinerTotal {
    mutating func add(_ row: MinerSample) {
        revenueTaoRao += row.revenueTaoRao
        costUsdMicro += row.costUsdMicro
        profitUsdMicro += row.profitUsdMicro
    }
}
