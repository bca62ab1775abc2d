import FixedMath
import TaoEconomics

/// A snapshot's subnets as a run starts with them under a rule set, and what was filled in.
public struct SnapshotImport: Sendable {
    /// The snapshot.
    public let snapshot: Snapshot
    /// The subnets kept (all, or the scenario's `netuids`), as configurations.
    public let configurations: [SubnetConfiguration]
    /// What the import filled in that the snapshot does not give, one line each.
    public let filled: [String]
}

extension Snapshot {
    /// Σ pool TAO of the subnets, rao (exact: beyond 64 bits for absurd files).
    public var pooledTaoRao: BigInteger { subnets.reduce(.zero) { $0 + BigInteger($1.taoReserveRao) } }
    /// Σ pool alpha and Σ outstanding alpha, alpha rao.
    public var alphaReserveRao: BigInteger { subnets.reduce(.zero) { $0 + BigInteger($1.alphaReserveRao) } }
    /// See `alphaReserveRao`.
    public var alphaOutstandingRao: BigInteger { subnets.reduce(.zero) { $0 + BigInteger($1.alphaOutstandingRao) } }
    /// Σ of the chain's spot prices (U64F64 raw), over the subnets that have one.
    public var priceSumU64F64Raw: BigInteger { subnets.reduce(.zero) { $0 + BigInteger($1.priceU64F64Raw ?? 0) } }

    /// The subnets under `rules`, keeping `netuids` (all when nil):
    ///
    /// - weighted pools (HEAD): the snapshot's quote weight, else w2 = y / (p·x + y) from its
    ///   price (the chain's initialisation at a price), else ½;
    /// - constant-product pools: the price must agree with T/A to within one rao of TAO per
    ///   alpha and 10^−9 relatively (its float text), since those pools have no other price;
    /// - the moving price, tempo, registration block, start call and emission switch where the
    ///   snapshot gives them, else the rule set's defaults (a moving price from the spot price,
    ///   tempo 360, registered at block 0, started, emission on).
    /// - Throws: `ScenarioError` at `keyPath` naming the subnet: an unknown netuid, a price no
    ///   weight in [0.01, 0.99] reaches, a V2 price that disagrees with the reserves, an empty pool.
    public func imported(rules: RuleSet, netuids: [UInt16]?, keyPath: ScenarioKeyPath) throws(ScenarioError) -> SnapshotImport {
        func refuse(_ value: String, _ expected: String) -> ScenarioError {
            ScenarioError(file: file, keyPath: keyPath, line: nil, value: value, expected: expected)
        }
        var kept = subnets
        if let netuids {
            for netuid in netuids where !subnets.contains(where: { $0.netuid == netuid }) {
                throw refuse("netuid \(netuid)", "a netuid the snapshot has (\(subnets.map { String($0.netuid) }.joined(separator: ", ")))")
            }
            kept = subnets.filter { netuids.contains($0.netuid) }
        }
        let weighted = if case .weighted = rules.pool.curve { true } else { false }
        var filled: [String] = []
        var defaultWeights: [UInt16] = [], defaultEMA: [UInt16] = [], defaultRegistered: [UInt16] = []
        var configurations: [SubnetConfiguration] = []
        for subnet in kept {
            guard subnet.taoReserveRao > 0, subnet.alphaReserveRao > 0 else {
                throw refuse("subnet \(subnet.netuid) with reserves \(subnet.taoReserveRao) rao TAO, \(subnet.alphaReserveRao) rao alpha", "pools with both reserves above 0")
            }
            var weight: Perquintill?
            if weighted {
                if let given = subnet.quoteWeight {
                    guard BalancerMath.isValid(quoteWeight: given) else { throw refuse("subnet \(subnet.netuid): quote weight \(given)", "a quote weight in [0.01, 0.99]") }
                    weight = given
                } else if let price = subnet.priceU64F64Raw {
                    guard let derived = BalancerMath.initialQuoteWeight(price: price, taoReserveRao: subnet.taoReserveRao, alphaReserveRao: subnet.alphaReserveRao) else {
                        throw refuse("subnet \(subnet.netuid): price \(PriceRatio(u64f64Raw: price).decimalString(fractionDigits: 9)) with reserves \(subnet.taoReserveRao) / \(subnet.alphaReserveRao)",
                                     "a price a quote weight in [0.01, 0.99] can give these reserves (w2 = y / (p·x + y))")
                    }
                    weight = derived
                } else {
                    defaultWeights.append(subnet.netuid)
                }
            } else if let price = subnet.priceU64F64Raw, let problem = Self.v2Disagreement(subnet, priceRaw: price) {
                throw refuse("subnet \(subnet.netuid): \(problem)", "under \(rules.name) (constant product) a price equal to T/A within rounding")
            }
            if subnet.emaPrice == nil { defaultEMA.append(subnet.netuid) }
            if subnet.registeredAtBlock == nil { defaultRegistered.append(subnet.netuid) }
            let registered = subnet.registeredAtBlock ?? 0
            configurations.append(SubnetConfiguration(
                netuid: subnet.netuid, taoReserveRao: subnet.taoReserveRao, alphaReserveRao: subnet.alphaReserveRao,
                alphaOutstandingRao: subnet.alphaOutstandingRao, emaPrice: subnet.emaPrice, registeredAtBlock: registered,
                tempo: subnet.tempo, quoteWeight: weight, emissionEnabled: subnet.emissionEnabled ?? true,
                startCallBlock: subnet.startCallBlock.map { max($0, registered) }, hasStarted: subnet.started ?? true))
        }
        func list(_ netuids: [UInt16]) -> String { netuids.count == kept.count ? "every subnet" : "subnets " + netuids.map(String.init).joined(separator: ", ") }
        if !defaultWeights.isEmpty { filled.append("quote weight 0.5 (no price or weight in the snapshot) for \(list(defaultWeights))") }
        if !defaultEMA.isEmpty { filled.append("moving price from the rule set's default (\(rules.initialMovingPrice == .spot ? "the spot price" : "min(spot, 1)")) for \(list(defaultEMA))") }
        if !defaultRegistered.isEmpty { filled.append("registered at block 0 for \(list(defaultRegistered))") }
        if weighted, subnets.allSatisfy({ $0.started == nil }) { filled.append("every subnet started (the snapshot does not say)") }
        if weighted, subnets.allSatisfy({ $0.emissionEnabled == nil }) { filled.append("every subnet's emission enabled (the snapshot does not say)") }
        return SnapshotImport(snapshot: self, configurations: configurations, filled: filled)
    }

    /// Why a reported price disagrees with a constant-product pool's T/A beyond the snapshot's
    /// rounding (one rao of TAO per alpha, and 10^−9 relatively for float text), or nil.
    static func v2Disagreement(_ subnet: SnapshotSubnet, priceRaw: UInt128) -> String? {
        // With p = P/2^64: |p − T/A| ≤ 10^−9·(1 + T/A)  ⇔  |P·A − T·2^64|·10^9 ≤ A·2^64 + T·2^64, exactly.
        let p = BigInteger(priceRaw), tao = BigInteger(subnet.taoReserveRao), alpha = BigInteger(subnet.alphaReserveRao)
        let one = BigInteger.powerOfTwo(64)
        let difference = (p * alpha - tao * one).magnitude
        let allowance = alpha * one + tao * one
        guard difference * BigInteger(Supply.raoPerTao) > allowance else { return nil }
        return "price \(PriceRatio(u64f64Raw: priceRaw).decimalString(fractionDigits: 9)) but reserves give \(PriceRatio(taoRao: subnet.taoReserveRao, alphaRao: subnet.alphaReserveRao).decimalString(fractionDigits: 9))"
    }
}
