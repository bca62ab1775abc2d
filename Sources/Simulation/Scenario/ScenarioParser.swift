import FixedMath
import Foundation
import TaoEconomics
import Yams

/// Reads and validates a scenario file. Every mistake is reported before a run starts, with the
/// file, the key path, the value and what was expected.
public enum ScenarioParser {
    static let topLevelKeys = ["name", "description", "rules", "seed", "network_seed", "horizon", "step", "sample_every", "start", "market",
                               "root", "subnets", "holders", "flows", "registrations", "gate", "consensus"]

    /// Values a scenario may leave out, and the limits it must keep.
    public enum Defaults {
        /// `start.issuance`: 10,950,000 TAO, the network in mid-2026 (calibration §6: ~10.9–11.0M).
        public static let startIssuanceRao: UInt64 = 10_950_000_000_000_000
        /// `start.date`: 2026-07-01, the chain's newest rules (`head-2026-06`) in force.
        public static let startDate = CalendarDate(daysSinceEpoch: 20_635)
        /// The longest horizon: 315,000,000 blocks, about 120 years at 7,200 a day. That is 30
        /// eras of 10.5M blocks: by then both schedules emit 0 TAO per block, even from issuance
        /// 0 (under the issuance trigger every era lasts 10.5M blocks too), so a longer run
        /// cannot change the TAO supply; and at today's speed a 128-subnet run that long already
        /// takes hours. Longer horizons are refused before anything runs.
        public static let maximumHorizonBlocks: UInt64 = 315_000_000
        static let horizonLimitReason = "the emission schedules end by then; see Scenarios/README.md"
        /// Dates are written with four-digit years: a run must end by 9999-12-31.
        public static let lastDate = CalendarDate(daysSinceEpoch: 2_932_896)
    }

    /// Parses the file at `path`, with `overrides` applied in order before validation.
    public static func load(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, keyPath: ScenarioKeyPath(), line: nil, value: path, expected: "a readable scenario file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, keyPath: ScenarioKeyPath(), line: nil, value: "binary data", expected: "a UTF-8 text file")
        }
        return try parse(text, file: path, directory: (path as NSString).deletingLastPathComponent, overrides: overrides)
    }

    /// Parses scenario text; `directory` resolves relative paths (a market CSV). `overrides` are
    /// applied in order, then the result is validated as a whole; a mistake at or under an
    /// overridden key path names the override.
    public static func parse(_ text: String, file: String, directory: String = ".", overrides: [ScenarioOverride] = []) throws(ScenarioError) -> Scenario {
        var root = try compose(text, file: file)
        for override in overrides { root = try override.applied(to: root, file: file) }
        do {
            var scenario = try scenario(from: root, file: file, directory: directory)
            scenario.overrides = overrides
            return scenario
        } catch {
            guard let override = overrides.last(where: { error.keyPath.starts(with: $0.keyPath) }) else { throw error }
            throw ScenarioError(file: "\(file) with --set \(override)", keyPath: error.keyPath, line: nil, value: error.value, expected: error.expected)
        }
    }

    /// The YAML (or JSON) tree of scenario text.
    static func compose(_ text: String, file: String) throws(ScenarioError) -> Node {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(file: file, keyPath: ScenarioKeyPath(), line: nil, value: "", expected: "a YAML mapping with the scenario's keys")
            }
            root = node
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: file, keyPath: ScenarioKeyPath(), line: nil, value: "\(error)".split(separator: "\n").first.map(String.init) ?? "",
                                expected: "valid YAML (or JSON)")
        }
        return root
    }

    /// The scenario a tree describes, validated.
    static func scenario(from root: Node, file: String, directory: String) throws(ScenarioError) -> Scenario {
        let top = try YAMLValue(node: root, path: "", file: file).mapping(
            allowed: topLevelKeys, required: ["name", "horizon", "market", "subnets"])

        let name = try top["name"]!.text("a scenario name")
        let rules = try parseRules(top["rules"], gate: top["gate"])
        let seed = try top["seed"]?.unsigned("a non-negative integer seed") ?? 0
        let networkSeed = try top["network_seed"]?.unsigned("a non-negative integer seed") ?? seed

        // A snapshot may supply the start block, the issuance and the root stake.
        let snapshot = try snapshotSource(top["subnets"]!, directory: directory)
        var filled: [String] = []
        let start = try top["start"]?.mapping(allowed: ["block", "issuance", "date", "blocks_per_day", "last_lock_tao", "last_lock_block"]) ?? [:]
        let startBlock = try start["block"]?.unsigned("a block number") ?? snapshot?.block ?? 0
        let issuanceRao = try start["issuance"]?.amountRao("TAO") ?? snapshot?.totalIssuanceRao ?? Defaults.startIssuanceRao
        if let snapshot {
            if start["block"] == nil { filled.append(snapshot.block.map { "start.block \($0) from the snapshot" } ?? "start.block 0 (the default; the snapshot has no block)") }
            if start["issuance"] == nil {
                filled.append(snapshot.totalIssuanceRao.map { "start.issuance \(FixedDecimal<Rao>(raw: BigInteger($0))) TAO from the snapshot" }
                              ?? "start.issuance \(FixedDecimal<Rao>(raw: BigInteger(Defaults.startIssuanceRao))) TAO (the default; the snapshot has no issuance)")
            }
        }
        guard issuanceRao <= Supply.capRao else { throw start["issuance"]!.error("at most 21000000 TAO") }
        let startDate = try start["date"]?.date() ?? Defaults.startDate
        let blocksPerDay = try start["blocks_per_day"]?.positive("a positive whole number of blocks per day") ?? Supply.nominalBlocksPerDay
        let lastLockRao = try start["last_lock_tao"]?.amountRao("TAO")
        let lastLockBlock = try start["last_lock_block"]?.unsigned("a block number (0: no registration yet)")
        if let lastLockBlock, lastLockBlock > startBlock {
            throw start["last_lock_block"]!.error("a block at or before the start block \(startBlock)")
        }

        let horizonValue = top["horizon"]!
        let horizon = try horizonValue.mapping(allowed: ["days", "blocks"])
        let horizonBlocks: UInt64
        switch (horizon["days"], horizon["blocks"]) {
        case let (days?, nil):
            let count = try days.positive("a positive whole number of days")
            let (blocks, overflow) = count.multipliedReportingOverflow(by: blocksPerDay)
            guard !overflow, blocks <= Defaults.maximumHorizonBlocks else {
                throw days.error("at most \(Defaults.maximumHorizonBlocks / blocksPerDay) days (\(Defaults.maximumHorizonBlocks) blocks, \(Defaults.horizonLimitReason))")
            }
            horizonBlocks = blocks
        case let (nil, blocks?):
            horizonBlocks = try blocks.positive("a positive whole number of blocks")
            guard horizonBlocks <= Defaults.maximumHorizonBlocks else {
                throw blocks.error("at most \(Defaults.maximumHorizonBlocks) blocks (\(Defaults.horizonLimitReason))")
            }
        default: throw horizonValue.error("exactly one of {days: N} or {blocks: N}, with N > 0")
        }
        let (endBlock, endOverflow) = startBlock.addingReportingOverflow(horizonBlocks)
        guard !endOverflow else { throw horizonValue.error("a horizon that ends before block 18446744073709551615") }
        let lastDate = BlockClock(originBlock: startBlock, originDate: startDate, blocksPerDay: blocksPerDay).date(ofBlock: endBlock)
        guard lastDate <= Defaults.lastDate else {
            throw horizonValue.error("a run that ends by \(Defaults.lastDate) (this one would end on day \(lastDate.daysSinceEpoch - startDate.daysSinceEpoch) after \(startDate))",
                                     value: "\(horizonBlocks) blocks from \(startDate)")
        }

        var step = StepSize.block
        if let value = top["step"] {
            guard let parsed = StepSize(rawValue: try value.text()) else { throw value.error("block, tempo or day") }
            step = parsed
        }
        let sampleEvery = try top["sample_every"]?.positive("a positive number of blocks between rows") ?? blocksPerDay
        let clock = BlockClock(originBlock: startBlock, originDate: startDate, blocksPerDay: blocksPerDay)
        let context = Context(file: file, directory: directory, startBlock: startBlock, endBlock: endBlock, startDate: startDate, clock: clock,
                              rules: rules)

        let market = try parseMarket(top["market"]!, context: context)
        var rootRao: UInt64 = snapshot?.rootStakeRao ?? 0
        var rootClaim = RootClaim.swap
        var rootClaimSlice = Perquintill.one
        var rootGiven = false
        if let value = top["root"] {
            let root = try value.mapping(allowed: ["tao", "claim", "claim_slice"], required: snapshot == nil ? ["tao"] : [])
            if let tao = root["tao"] {
                rootRao = try tao.amountRao("TAO")
                rootGiven = true
            }
            if let claim = root["claim"] {
                try context.require(claim, .rootClaims)
                guard let parsed = RootClaim(rawValue: try claim.text()) else { throw claim.error("swap or keep") }
                rootClaim = parsed
            }
            if let slice = root["claim_slice"] {
                try context.require(slice, .rootBaskets)
                let share = try fraction(slice, "the share of a basket claimed at each epoch, above 0 and at most 1")
                guard share > .zero else { throw slice.error("the share of a basket claimed at each epoch, above 0 and at most 1") }
                rootClaimSlice = share
            }
        }
        if let snapshot, !rootGiven {
            filled.append(snapshot.rootStakeRao.map { "root.tao \(FixedDecimal<Rao>(raw: BigInteger($0))) TAO from the snapshot" }
                          ?? "root.tao 0 (the default; the snapshot has no root stake)")
        }
        let (subnets, minerModels) = try parseSubnets(top["subnets"]!, context: context, snapshot: snapshot)
        let knownNetuids: Set<UInt16>
        switch subnets {
        case let .explicit(list): knownNetuids = Set(list.map(\.netuid))
        case let .generated(generator): knownNetuids = Set((0..<generator.count).map { generator.firstNetuid + UInt16($0) })
        case let .snapshot(snapshot, netuids, _): knownNetuids = Set(netuids ?? snapshot.subnets.map(\.netuid))
        }
        let holders = try parseHolders(top["holders"], known: knownNetuids)
        let holderNames = Set(holders.map { "\($0.netuid)/\($0.name)" })
        let (flows, spreads, stochastic) = try parseFlows(top["flows"], context: context, known: knownNetuids, holders: holderNames)
        var registrations: [UInt64] = []
        for item in try top["registrations"]?.sequence("a list of {block: N} or {date: YYYY-MM-DD}") ?? [] {
            let entry = try item.mapping(allowed: ["block", "date"])
            registrations.append(try context.block(entry, at: item))
        }

        var scenario = Scenario(
            name: name, file: file, rules: rules, seed: seed, networkSeed: networkSeed, horizonBlocks: horizonBlocks, step: step, sampleEveryBlocks: sampleEvery,
            startBlock: startBlock, startIssuanceRao: issuanceRao, startDate: startDate, blocksPerDay: blocksPerDay, market: market,
            rootTaoRao: rootRao, rootClaim: rootClaim, rootClaimSlice: rootClaimSlice, lastLockRao: lastLockRao, lastLockBlock: lastLockBlock,
            startFilledFromSnapshot: filled, subnets: subnets, holders: holders, flows: flows, spreads: spreads, stochasticFlows: stochastic,
            registrations: registrations.sorted(), minerModels: minerModels, inputFiles: context.filesRead)
        scenario.consensus = ScenarioConsensus(all: try top["consensus"].map { value throws(ScenarioError) in try parseConsensus(value) },
                                               bySubnet: context.subnetConsensus)
        scenario.partKeys = context.partKeys
        return scenario
    }

    /// What the sub-parsers need to know about the run, and the files they read.
    final class Context {
        let file: String
        let directory: String
        let startBlock: UInt64
        let endBlock: UInt64
        let startDate: CalendarDate
        let clock: BlockClock
        /// The scenario's rule set (HEAD-only keys are refused under the others).
        let rules: RuleSet
        /// Every file read besides the scenario itself, in the order read, without repeats.
        private(set) var filesRead: [String] = []
        /// Every key read that needs a rule-set part, with the part (`require`).
        private(set) var partKeys: [(path: String, part: ScenarioPart)] = []
        /// Per-subnet `consensus:` settings, by netuid.
        var subnetConsensus: [UInt16: ScenarioConsensus.Entry] = [:]

        init(file: String, directory: String, startBlock: UInt64, endBlock: UInt64, startDate: CalendarDate, clock: BlockClock, rules: RuleSet) {
            self.file = file
            self.rules = rules
            self.directory = directory
            self.startBlock = startBlock
            self.endBlock = endBlock
            self.startDate = startDate
            self.clock = clock
        }

        /// Refuses a key the scenario's rule set has no part for (there it would have no effect),
        /// naming the rule sets that have it. `dtao run --rules` may still switch a scenario to a
        /// rule set without the part, whose rules then ignore the key.
        func require(_ value: YAMLValue, _ part: ScenarioPart) throws(ScenarioError) {
            guard !part.isIn(rules) else {
                partKeys.append((value.path.description, part))
                return
            }
            let holders = RuleSet.all.filter(part.isIn).map(\.name).joined(separator: ", ")
            throw value.error("a key of rule sets with \(part.rawValue) (rules: \(holders)); under \(rules.name) it would have no effect")
        }

        /// Notes that `path` was read.
        func read(_ path: String) {
            if !filesRead.contains(path) { filesRead.append(path) }
        }

        /// The first block of the day `days` after the start date (before it when negative),
        /// saturating at 0 and at UInt64.max rather than overflowing.
        func blockOfDay(_ days: Int64) -> UInt64 {
            let (offset, overflow) = days.magnitude.multipliedReportingOverflow(by: clock.blocksPerDay)
            if days < 0 { return overflow ? 0 : startBlock - min(startBlock, offset) }
            let (block, sumOverflow) = startBlock.addingReportingOverflow(offset)
            return overflow || sumOverflow ? .max : block
        }

        /// The block of a `{block: N}` or `{date: D}` entry (a date means its first block), which
        /// must fall within the run.
        func block(_ entry: [String: YAMLValue], at value: YAMLValue, blockKey: String = "block", dateKey: String = "date") throws(ScenarioError) -> UInt64 {
            let result: UInt64
            switch (entry[blockKey], entry[dateKey]) {
            case let (block?, nil): result = try block.unsigned("a block number")
            case let (nil, date?):
                let day = try date.date()
                let days = day.daysSinceEpoch - startDate.daysSinceEpoch
                guard days >= 0 else { throw date.error("a date on or after the start date \(startDate)") }
                result = blockOfDay(days)
            default: throw value.error("exactly one of '\(blockKey)' or '\(dateKey)'")
            }
            guard result >= startBlock, result < endBlock else {
                throw value.error("a block within the run (\(startBlock) to \(endBlock - 1))", value: String(result))
            }
            return result
        }
    }
}
