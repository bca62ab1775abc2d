import FixedMath
import Foundation
import TaoEconomics
import Yams

/// Reads a chain snapshot in any of the three `SnapshotFormat`s, detected from the content.
///
/// Numbers are read from the JSON text, never through a floating-point number: integers (rao)
/// exactly, decimal TAO amounts (exponent notation included) exactly and then floored to the
/// rao (`Snapshot.flooredAmounts` counts the amounts that lost digits), prices floored to U64F64
/// and moving prices to I96F32. A mistake is a `ScenarioError` naming the file and the field.
public enum SnapshotReader {
    /// Reads the file at `path`.
    public static func read(path: String) throws(ScenarioError) -> Snapshot {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, keyPath: ScenarioKeyPath(), line: nil, value: path, expected: "a readable snapshot file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, keyPath: ScenarioKeyPath(), line: nil, value: "binary data", expected: "a UTF-8 JSON snapshot")
        }
        return try parse(text, file: path)
    }

    /// Parses snapshot text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Snapshot {
        let top: YAMLValue
        do {
            guard let node = try Yams.compose(yaml: text) else { throw ScenarioError(file: file, keyPath: ScenarioKeyPath(), line: nil, value: "", expected: "a JSON snapshot") }
            top = YAMLValue(node: node, path: ScenarioKeyPath(), file: file)
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: file, keyPath: ScenarioKeyPath(), line: nil, value: "\(error)".split(separator: "\n").first.map(String.init) ?? "",
                                expected: "complete JSON")
        }
        var reader = Reader(file: file)
        switch top.node {
        case .mapping:
            let entries = try top.entries("a snapshot object")
            if let list = entries["dynamic_info"] { return try reader.runtime(list: list, wrapper: entries) }
            if let subnets = entries["subnets"], case .mapping = subnets.node { return try reader.btcli(subnets: subnets) }
        case let .sequence(items):
            let first = items.compactMap { item -> Node.Mapping? in if case let .mapping(mapping) = item { return mapping } else { return nil } }.first
            let keys = Set(first?.keys.compactMap(\.string) ?? [])
            if keys.contains("token_symbol") { return try reader.runtime(list: top, wrapper: [:]) }
            if keys.contains("symbol") || keys.contains("is_dynamic") { return try reader.sdk(list: top) }
        default: break
        }
        throw top.error("a snapshot: the runtime API's get_all_dynamic_info (a list, or an object with dynamic_info), the SDK's DynamicInfo list, or btcli subnets list --json-output",
                        value: "JSON in none of these shapes")
    }

    /// The reading state: the file and how many amounts were floored.
    struct Reader {
        let file: String
        var floored = 0

        /// An integer amount of rao below 2^64.
        func rao(_ value: YAMLValue) throws(ScenarioError) -> UInt64 {
            try value.unsigned("an integer amount of rao from 0 to 18446744073709551615")
        }

        /// A decimal amount of TAO or alpha, floored to the rao.
        mutating func tokens(_ value: YAMLValue) throws(ScenarioError) -> UInt64 {
            let expected = "a non-negative decimal amount below 18446744073.709551616"
            guard let (amount, exact) = try? FixedDecimal<Rao>.parse(value.text(expected)), !amount.raw.isNegative else { throw value.error(expected) }
            guard let rao = amount.raw.uint64Value else { throw value.error(expected) }
            if !exact { floored += 1 }
            return rao
        }

        /// A decimal price or moving price, floored to 18 decimals (the raw 10^18 units).
        func decimal18(_ value: YAMLValue) throws(ScenarioError) -> BigInteger {
            let expected = "a non-negative decimal number"
            guard let (number, _) = try? FixedDecimal<Decimal18>.parse(value.text(expected)), !number.raw.isNegative else { throw value.error(expected) }
            return number.raw
        }

        /// A decimal price as U64F64 raw, floored.
        func price(_ value: YAMLValue) throws(ScenarioError) -> UInt128 {
            let raw18 = try decimal18(value)
            guard let raw = (try? raw18.shiftedLeft(by: 64).divided(by: FixedDecimal<Decimal18>.scale, rounding: .floor))?.uint128Value else {
                throw value.error("a price below 2^64 TAO per alpha")
            }
            return raw
        }

        /// A decimal moving price as I96F32, floored.
        func movingPrice(_ value: YAMLValue) throws(ScenarioError) -> FixedPoint<I96F32> {
            let raw18 = try decimal18(value)
            guard let raw = try? raw18.shiftedLeft(by: 32).divided(by: FixedDecimal<Decimal18>.scale, rounding: .floor),
                  let price = try? FixedPoint<I96F32>(raw: raw) else { throw value.error("a moving price below 2^95") }
            return price
        }

        /// The entry's field `key`; required ones must be there and not null.
        func field(_ entry: [String: YAMLValue], _ key: String, in item: YAMLValue) throws(ScenarioError) -> YAMLValue {
            guard let value = entry[key], !value.isNull else { throw item.error("the field '\(key)'", value: "an entry without '\(key)'") }
            return value
        }

        func netuid(_ value: YAMLValue) throws(ScenarioError) -> UInt16 {
            let number = try value.unsigned("a netuid from 0 to 65535")
            guard number <= 65_535 else { throw value.error("a netuid from 0 to 65535") }
            return UInt16(number)
        }

        /// Text from a list of byte values (the runtime API's `subnet_name`), or "".
        func bytesText(_ value: YAMLValue?) -> String {
            guard let value, let items = try? value.sequence("bytes") else { return "" }
            let bytes = items.compactMap { try? $0.unsigned("a byte") }.filter { $0 <= 255 }.map { UInt8($0) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension SnapshotReader.Reader {
    /// `get_all_dynamic_info`, decoded: a list of (nullable) entries with integer amounts and
    /// `moving_price` as I96F32 bits (`{"bits": n}` or `n`); the wrapper may add `block`,
    /// `total_issuance`, `prices` (`[{netuid, price}]` in rao, `current_alpha_price_all`) and per
    /// entry `first_emission_block`, `subnet_emission_enabled` and `quote_weight` (parts of 10^18).
    mutating func runtime(list: YAMLValue, wrapper: [String: YAMLValue]) throws(ScenarioError) -> Snapshot {
        var prices: [UInt16: UInt128] = [:]
        if let pricesValue = wrapper["prices"], !pricesValue.isNull {
            for item in try pricesValue.sequence("a list of {netuid, price}") {
                let entry = try item.entries("{netuid, price}")
                let raoPrice = try rao(try field(entry, "price", in: item))
                // rao of TAO per alpha → U64F64, floored.
                prices[try netuid(try field(entry, "netuid", in: item))] = (UInt128(raoPrice) << 64) / UInt128(Supply.raoPerTao)
            }
        }
        var subnets: [SnapshotSubnet] = []
        var root: UInt64?
        for item in try list.sequence("a list of dynamic info entries") where !item.isNull {
            let entry = try item.entries("a dynamic info entry")
            let id = try netuid(try field(entry, "netuid", in: item))
            let tao = try rao(try field(entry, "tao_in", in: item))
            if id == 0 {
                root = tao
                continue
            }
            let moving = try field(entry, "moving_price", in: item)
            let bitsValue: YAMLValue
            if case .mapping = moving.node { bitsValue = try field(try moving.entries("{\"bits\": n}"), "bits", in: moving) } else { bitsValue = moving }
            guard let bits = try? FixedPoint<I96F32>(raw: BigInteger(parsing: bitsValue.text("I96F32 bits"))), !bits.raw.isNegative else {
                throw bitsValue.error("the moving price's I96F32 bits: a non-negative integer below 2^127")
            }
            var started: Bool?, startCall: UInt64?
            if let first = entry["first_emission_block"] {
                if first.isNull { started = false } else {
                    let block = try first.unsigned("a block number or null (start_call not called)")
                    started = true
                    startCall = block > 0 ? block - 1 : 0
                }
            }
            var weight: Perquintill?
            if let parts = entry["quote_weight"], !parts.isNull {
                guard let value = Perquintill(parts: try parts.unsigned("a quote weight in parts of 10^18")) else { throw parts.error("at most 10^18 parts") }
                weight = value
            }
            subnets.append(SnapshotSubnet(
                netuid: id, name: bytesText(entry["subnet_name"]), taoReserveRao: tao, alphaReserveRao: try rao(try field(entry, "alpha_in", in: item)),
                alphaOutstandingRao: try rao(try field(entry, "alpha_out", in: item)), emaPrice: bits, priceU64F64Raw: prices[id], quoteWeight: weight,
                tempo: try entry["tempo"].map { v throws(ScenarioError) in try v.unsigned("a tempo") },
                registeredAtBlock: try entry["network_registered_at"].map { v throws(ScenarioError) in try v.unsigned("a block number") },
                started: started, startCallBlock: startCall,
                emissionEnabled: try entry["subnet_emission_enabled"].flatMap { v throws(ScenarioError) in v.isNull ? nil : try v.bool() }))
        }
        var lacks: [String] = []
        let block = try wrapper["block"].map { v throws(ScenarioError) in try v.unsigned("a block number") }
        let issuance = try wrapper["total_issuance"].map { v throws(ScenarioError) in try rao(v) }
        if block == nil { lacks.append("block") }
        if issuance == nil { lacks.append("total issuance") }
        if root == nil { lacks.append("root stake (no netuid 0 entry)") }
        if prices.isEmpty, !subnets.contains(where: { $0.quoteWeight != nil }) { lacks.append("spot prices and quote weights") }
        if !subnets.contains(where: { $0.started != nil }) { lacks.append("start calls (first_emission_block)") }
        if !subnets.contains(where: { $0.emissionEnabled != nil }) { lacks.append("emission switches (subnet_emission_enabled)") }
        return try snapshot(.runtimeAPI, subnets: subnets, block: block, issuance: issuance, root: root, lacks: lacks)
    }

    /// The SDK's `DynamicInfo` list as JSON: decimal TAO amounts, `price` and `moving_price` as numbers.
    mutating func sdk(list: YAMLValue) throws(ScenarioError) -> Snapshot {
        var subnets: [SnapshotSubnet] = []
        var root: UInt64?
        for item in try list.sequence("a list of DynamicInfo objects") {
            let entry = try item.entries("a DynamicInfo object")
            let id = try netuid(try field(entry, "netuid", in: item))
            let tao = try tokens(try field(entry, "tao_in", in: item))
            if id == 0 {
                root = tao
                continue
            }
            subnets.append(SnapshotSubnet(
                netuid: id, name: (try? entry["subnet_name"]?.text()) ?? "", taoReserveRao: tao, alphaReserveRao: try tokens(try field(entry, "alpha_in", in: item)),
                alphaOutstandingRao: try tokens(try field(entry, "alpha_out", in: item)),
                emaPrice: try entry["moving_price"].flatMap { v throws(ScenarioError) in v.isNull ? nil : try movingPrice(v) },
                priceU64F64Raw: try entry["price"].flatMap { v throws(ScenarioError) in v.isNull ? nil : try price(v) }, quoteWeight: nil,
                tempo: try entry["tempo"].map { v throws(ScenarioError) in try v.unsigned("a tempo") },
                registeredAtBlock: try entry["network_registered_at"].map { v throws(ScenarioError) in try v.unsigned("a block number") },
                started: nil, startCallBlock: nil, emissionEnabled: nil))
        }
        var lacks = ["block", "total issuance", "start calls", "emission switches", "quote weights (derived from price)"]
        if root == nil { lacks.append("root stake (no netuid 0 entry)") }
        return try snapshot(.sdkDynamicInfo, subnets: subnets, block: nil, issuance: nil, root: root, lacks: lacks)
    }

    /// `btcli subnets list --json-output`: `subnets` keyed by netuid, floats for amounts and prices.
    mutating func btcli(subnets value: YAMLValue) throws(ScenarioError) -> Snapshot {
        var subnets: [SnapshotSubnet] = []
        for (_, item) in try value.entries("subnets keyed by netuid").sorted(by: { $0.key < $1.key }) {
            let entry = try item.entries("a subnet row")
            let id = try netuid(try field(entry, "netuid", in: item))
            guard id != 0 else { continue }
            let liquidity = try field(entry, "liquidity", in: item).entries("{tao_in, alpha_in}")
            var tempo: UInt64?
            if let tempoValue = entry["tempo"], !tempoValue.isNull, let snTempo = try tempoValue.entries("{sn_tempo, …}")["sn_tempo"], !snTempo.isNull {
                tempo = try snTempo.unsigned("a tempo")
            }
            subnets.append(SnapshotSubnet(
                netuid: id, name: (try? entry["subnet_name"]?.text()) ?? "", taoReserveRao: try tokens(try field(liquidity, "tao_in", in: item)),
                alphaReserveRao: try tokens(try field(liquidity, "alpha_in", in: item)), alphaOutstandingRao: try tokens(try field(entry, "alpha_out", in: item)),
                emaPrice: nil, priceU64F64Raw: try entry["price"].flatMap { v throws(ScenarioError) in v.isNull ? nil : try price(v) }, quoteWeight: nil,
                tempo: tempo, registeredAtBlock: nil, started: nil, startCallBlock: nil, emissionEnabled: nil))
        }
        let lacks = ["block", "total issuance", "root stake", "moving prices", "registration blocks", "start calls", "emission switches",
                     "quote weights (derived from price)"]
        return try snapshot(.btcliSubnetsList, subnets: subnets, block: nil, issuance: nil, root: nil, lacks: lacks)
    }

    func snapshot(_ format: SnapshotFormat, subnets: [SnapshotSubnet], block: UInt64?, issuance: UInt64?, root: UInt64?, lacks: [String]) throws(ScenarioError) -> Snapshot {
        let sorted = subnets.sorted { $0.netuid < $1.netuid }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.netuid == b.netuid {
            throw ScenarioError(file: file, keyPath: ScenarioKeyPath(), line: nil, value: "netuid \(a.netuid) twice", expected: "each subnet once")
        }
        guard !sorted.isEmpty else {
            throw ScenarioError(file: file, keyPath: ScenarioKeyPath(), line: nil, value: "no subnets", expected: "at least one subnet besides root")
        }
        return Snapshot(file: file, format: format, block: block, totalIssuanceRao: issuance, rootStakeRao: root, subnets: sorted,
                        flooredAmounts: floored, lacks: lacks)
    }
}
