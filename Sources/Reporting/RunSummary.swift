import FixedMath
import Simulation
import TaoEconomics

/// The human summary of a run (`summary.md`): final prices, largest movers, halvings crossed.
public enum RunSummaryText {
    /// The summary of a finished run of `scenario`, as Markdown.
    public static func markdown(scenario: Scenario, outcome: RunOutcome, resumedFrom: ResumeRecord? = nil) -> String {
        let first = outcome.first, last = outcome.last
        func tao(_ rao: UInt64) -> String { FixedDecimal<Rao>(raw: BigInteger(rao)).description }
        var lines: [String] = []
        lines.append("# \(scenario.name)")
        lines.append("")
        lines.append("Rules `\(scenario.rules.label)`, seed \(scenario.seed), step `\(scenario.step.rawValue)`; blocks \(scenario.startBlock) to \(scenario.endBlock) (\(first.date) to \(last.date), \(scenario.horizonBlocks) blocks at \(scenario.blocksPerDay) a day). TAO/USD: \(scenario.market.summary).")
        if !scenario.overrides.isEmpty {
            lines.append("")
            lines.append("Overrides: " + scenario.overrides.map { "`--set \($0)`" }.joined(separator: ", ") + ".")
        }
        if !scenario.keysWithoutEffect.isEmpty {
            lines.append("")
            lines.append("No effect under `\(scenario.rules.name)` (its rules have no part for them): " + scenario.keysWithoutEffect.map { "`\($0)`" }.joined(separator: ", ") + ".")
        }
        if let imported = outcome.snapshot {
            let snapshot = imported.snapshot
            lines.append("")
            lines.append("Started from the snapshot `\(DisplayPath.of(snapshot.file))` (\(snapshot.format.title)\(snapshot.block.map { ", block \($0)" } ?? "")): \(imported.configurations.count) of its \(snapshot.subnets.count) subnets\(snapshot.flooredAmounts > 0 ? ", \(snapshot.flooredAmounts) amounts floored to the rao" : "").")
            for line in scenario.startFilledFromSnapshot + imported.filled { lines.append("- \(line)") }
        }
        if let resumedFrom {
            lines.append("")
            lines.append("Resumed at block \(resumedFrom.block) from `\(resumedFrom.file)`: the report files hold the rows from that block on; this summary covers the whole run.")
        }
        lines.append("")
        lines.append("## Network")
        lines.append("")
        lines.append("- TAO issuance: \(tao(first.totalIssuanceRao)) → \(tao(last.totalIssuanceRao)) TAO (+\(tao(last.totalIssuanceRao - min(first.totalIssuanceRao, last.totalIssuanceRao))) TAO).")
        lines.append("- Emission per block: \(tao(first.emissionRaoPerBlock)) → \(tao(last.emissionRaoPerBlock)) TAO.")
        lines.append("- TAO/USD: $\(RunFormatting.usd(micro: BigInteger(first.taoUsdMicro))) → $\(RunFormatting.usd(micro: BigInteger(last.taoUsdMicro))).")
        if outcome.halvings.isEmpty {
            lines.append("- Halvings crossed: none.")
        } else {
            for halving in outcome.halvings {
                lines.append("- Halving crossed at block \(halving.block) (\(halving.date)): era \(halving.era), \(tao(halving.emissionRaoPerBlock)) TAO per block from then on.")
            }
        }
        let counts = outcome.eventCounts
        lines.append("- Subnets: \(first.subnets.count) at the start, \(last.subnets.count) at the end; registrations \(counts[.registration] ?? 0); stakes \(counts[.stake] ?? 0), unstakes \(counts[.unstake] ?? 0), refused \(counts[.refused] ?? 0) (details in events.csv).")
        for refusal in outcome.firstRefusals.prefix(3) {
            lines.append("  - refused at block \(refusal.block): \(refusal.detail)")
        }
        if outcome.ledgerViolations.isEmpty {
            lines.append("- Ledger: every rao of TAO and of each alpha accounted for at the end.")
        } else {
            for violation in outcome.ledgerViolations { lines.append("- **Ledger violation**: \(violation)") }
        }
        lines.append("")
        lines += emissionSection(outcome, scenario: scenario)

        if !outcome.consensus.isEmpty { lines += consensusSection(outcome.consensus) }
        if !outcome.miners.isEmpty { lines += minerSection(outcome.miners, totals: outcome.minerTotals, halvings: outcome.halvings, blocksPerDay: scenario.blocksPerDay) }

        let startPrices = Dictionary(first.subnets.map { ($0.netuid, $0.price) }, uniquingKeysWith: { a, _ in a })
        lines.append("## Final prices (top 10 by price)")
        lines.append("")
        lines.append("| netuid | price (TAO) | price (USD) | change since start |")
        lines.append("|---:|---:|---:|---:|")
        for subnet in last.subnets.sorted(by: { $0.price > $1.price || ($0.price == $1.price && $0.netuid < $1.netuid) }).prefix(10) {
            let change = startPrices[subnet.netuid].map { RunFormatting.percentChange(from: $0, to: subnet.price) + "%" } ?? "new"
            lines.append("| \(subnet.netuid) | \(subnet.price.decimalString(fractionDigits: 9)) | \(SubnetColumns.priceUsd.cell(SubnetRow(sample: last, subnet: subnet))) | \(change) |")
        }
        lines.append("")

        // Movers by exact relative change: compare b/a across subnets by cross-multiplication.
        let movers = last.subnets.compactMap { subnet -> (netuid: UInt16, from: PriceRatio, to: PriceRatio)? in
            guard let start = startPrices[subnet.netuid], !start.taoRao.isZero else { return nil }
            return (subnet.netuid, start, subnet.price)
        }
        func ratioLess(_ x: (netuid: UInt16, from: PriceRatio, to: PriceRatio), _ y: (netuid: UInt16, from: PriceRatio, to: PriceRatio)) -> Bool {
            // x.to/x.from < y.to/y.from
            let left = x.to.taoRao * x.from.alphaRao * y.from.taoRao * y.to.alphaRao
            let right = y.to.taoRao * y.from.alphaRao * x.from.taoRao * x.to.alphaRao
            return left != right ? left < right : x.netuid < y.netuid
        }
        let ordered = movers.sorted(by: ratioLess)
        lines.append("## Largest movers")
        lines.append("")
        lines.append("| direction | netuid | price at start (TAO) | price at end (TAO) | change |")
        lines.append("|---|---:|---:|---:|---:|")
        func rises(_ mover: (netuid: UInt16, from: PriceRatio, to: PriceRatio)) -> Bool { mover.to > mover.from }
        func falls(_ mover: (netuid: UInt16, from: PriceRatio, to: PriceRatio)) -> Bool { mover.to < mover.from }
        if !ordered.contains(where: rises), !ordered.contains(where: falls) { lines.append("| — | | | | no price changed |") }
        for mover in ordered.reversed().filter(rises).prefix(5) {
            lines.append("| up | \(mover.netuid) | \(mover.from.decimalString(fractionDigits: 9)) | \(mover.to.decimalString(fractionDigits: 9)) | \(RunFormatting.percentChange(from: mover.from, to: mover.to))% |")
        }
        for mover in ordered.filter(falls).prefix(5) {
            lines.append("| down | \(mover.netuid) | \(mover.from.decimalString(fractionDigits: 9)) | \(mover.to.decimalString(fractionDigits: 9)) | \(RunFormatting.percentChange(from: mover.from, to: mover.to))% |")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}

extension RunSummaryText {
    /// Where the block emission went, and under HEAD the subnets that emit, root claims and the
    /// emission gate.
    static func emissionSection(_ outcome: RunOutcome, scenario: Scenario) -> [String] {
        func tao(_ rao: UInt64) -> String { FixedDecimal<Rao>(raw: BigInteger(rao)).description }
        let totals = outcome.emissionTotals
        func share(_ rao: UInt64) -> String {
            guard totals.emittedRao > 0 else { return "0.00" }
            let scaled = (try? BigInteger(rao).multipliedDivided(by: BigInteger(10_000 as Int64), dividedBy: BigInteger(totals.emittedRao), rounding: .towardZero)) ?? .zero
            return DecimalText.format(scaled: scaled, fractionDigits: 2)
        }
        // rao · blocks per day / blocks run, truncated.
        func perDay(_ rao: UInt64) -> String {
            let value = (try? BigInteger(rao).multipliedDivided(by: BigInteger(scenario.blocksPerDay), dividedBy: BigInteger(max(1, scenario.horizonBlocks)),
                                                                rounding: .towardZero)) ?? .zero
            return FixedDecimal<Rao>(raw: value).description
        }
        var lines = ["## Where the emission went", ""]
        lines.append("- Block emission over the run: \(tao(totals.emittedRao)) TAO (\(perDay(totals.emittedRao)) a day).")
        lines.append("- Injected into pools\(scenario.rules.reservoirs == .park ? " (or parked in their TAO reservoirs)" : ""): \(tao(totals.injectedRao)) TAO (\(share(totals.injectedRao))%).")
        if let head = outcome.head {
            lines.append("- Chain buys with the excess: \(tao(totals.chainBuyRao)) TAO (\(share(totals.chainBuyRao))%); recycled unspent: \(tao(totals.recycledRao)) TAO (\(share(totals.recycledRao))%).")
            lines.append("- Subnets at the end: \(head.emittingSubnets) emitting, \(head.enabledSubnets) of them with a TAO share; \(head.minerBurningSubnets) burn part of their miners' alpha.")
            let claim = head.rootClaim == .swap ? "sold and staked on root" : "kept as alpha"
            lines.append("- Root dividends claimed: \(tao(head.rootClaimedAlphaRao)) alpha in all (\(claim)); root stake \(tao(outcome.first.rootTaoRao)) → \(tao(outcome.last.rootTaoRao)) TAO.")
            if let theta = head.gateThetaRaw, let below = head.subnetsBelowBar {
                lines.append("- Emission gate: bar θ = \(RunFormatting.u64f64(theta)) at the end, \(below) of the \(head.emittingSubnets) emitting subnets below it; the gate moved \(perDay(head.gateMovedTaoRao)) TAO a day to the subnets above the bar (\(tao(head.gateMovedTaoRao)) TAO over the run).")
            }
        } else if totals.unissuedRao > 0 {
            lines.append("- Never issued (no subnet to receive it, or the launch rules' floors): \(tao(totals.unissuedRao)) TAO (\(share(totals.unissuedRao))%).")
        }
        lines.append("")
        return lines
    }

    /// Which subnets' miners covered their USD costs at the start and at the end, when each
    /// turned unprofitable, how many left, and the break-even TAO price.
    static func minerSection(_ miners: [MinerOutcome], totals: [MinerPeriodTotal], halvings: [HalvingCrossing], blocksPerDay: UInt64) -> [String] {
        var lines = ["## Miners", ""]
        // The halving's effect: all miners' profit per day in the last full period before it
        // and in the first full period after it.
        for halving in halvings {
            let before = totals.last { $0.block <= halving.block && $0.blocks > 0 }
            let after = totals.first { $0.block > halving.block && $0.block - $0.blocks >= halving.block && $0.blocks > 0 }
            if let before, let after {
                func perDay(_ total: MinerPeriodTotal) -> String {
                    let days = BigInteger(total.blocks)
                    let value = (try? (total.profitUsdMicro * BigInteger(blocksPerDay)).divided(by: days, rounding: .towardZero)) ?? .zero
                    return RunFormatting.usd(micro: value)
                }
                lines.append("- Across the halving at block \(halving.block) (\(halving.date)): all miners' profit was $\(perDay(before)) a day in the period ending \(before.date) (\(before.miners) miners) and $\(perDay(after)) in the period ending \(after.date) (\(after.miners) miners).")
            }
        }
        let profitableStart = miners.filter { !$0.first.profitUsdMicro.isNegative }.map(\.netuid)
        let profitableEnd = miners.filter { !$0.last.profitUsdMicro.isNegative }.map(\.netuid)
        func list(_ netuids: [UInt16]) -> String { netuids.isEmpty ? "none" : netuids.map(String.init).joined(separator: ", ") }
        lines.append("- Profitable in the first period: \(profitableStart.count) of \(miners.count) subnets (\(list(profitableStart))).")
        lines.append("- Profitable in the last period: \(profitableEnd.count) of \(miners.count) subnets (\(list(profitableEnd))).")
        let turned = miners.filter { $0.turnedUnprofitable != nil && !$0.first.profitUsdMicro.isNegative }
        for miner in turned {
            lines.append("- Subnet \(miner.netuid) turned unprofitable in the period ending \(miner.turnedUnprofitable!.date) (block \(miner.turnedUnprofitable!.block)).")
        }
        let exits = miners.reduce(0) { $0 + $1.exits }, entries = miners.reduce(0) { $0 + $1.entries }
        lines.append("- Miners who left: \(exits); who joined: \(entries); miners at the end: \(miners.reduce(0) { $0 + $1.last.miners }).")
        // Across subnets: Σ cost / Σ revenue in TAO over the last period.
        let cost = miners.reduce(BigInteger.zero) { $0 + $1.last.costUsdMicro }
        let revenueTao = miners.reduce(BigInteger.zero) { $0 + $1.last.revenueTaoRao }
        if !revenueTao.isZero, let breakeven = try? (cost * .power(10, 9)).divided(by: revenueTao, rounding: .ceiling) {
            lines.append("- Break-even TAO price across subnets in the last period: $\(RunFormatting.usd(micro: breakeven)) (all miners' costs over all miners' revenue in TAO).")
        }
        lines.append("")
        lines.append("| netuid | miners at end | profit first period (USD) | profit last period (USD) | break-even TAO/USD, last period | median miner's break-even TAO/USD | left |")
        lines.append("|---:|---:|---:|---:|---:|---:|---:|")
        for miner in miners {
            let breakeven = MinerColumns.breakevenTaoUsdMicro(miner.last).map { "$" + RunFormatting.usd(micro: $0) } ?? "n/a"
            let median = MinerColumns.medianMinerBreakevenTaoUsdMicro(miner.last).map { "$" + RunFormatting.usd(micro: $0) } ?? "n/a"
            lines.append("| \(miner.netuid) | \(miner.last.miners) | \(RunFormatting.usd(micro: miner.first.profitUsdMicro)) | \(RunFormatting.usd(micro: miner.last.profitUsdMicro)) | \(breakeven) | \(median) | \(miner.exits) |")
        }
        lines.append("")
        return lines
    }
}

extension RunSummaryText {
    /// Yuma consensus per subnet: how concentrated the miners' incentive is at the end, and what
    /// each validator role earned per alpha of delegated stake.
    static func consensusSection(_ tracks: [UInt16: ConsensusTrack]) -> [String] {
        func percent(_ x: Double?) -> String { x.map { String(format: "%.2f%%", $0 * 100) } ?? "—" }
        func alpha(_ rao: UInt64) -> String { FixedDecimal<Rao>(raw: BigInteger(rao)).description }
        var lines = ["## Yuma consensus", "", "| netuid | UIDs | top-10 miners' incentive | Gini of incentive | validators' yield | copiers' yield | colluders' yield | miners earned (alpha) | owner burned (alpha) |",
                     "|---|---|---|---|---|---|---|---|---|"]
        for netuid in tracks.keys.sorted() {
            let track = tracks[netuid]!
            lines.append("| \(netuid) | \(track.uids) | \(percent(track.topTenShare)) | \(track.gini.map { String(format: "%.4f", $0) } ?? "—") | \(percent(track.yield("validator"))) | \(percent(track.yield("copier"))) | \(percent(track.yield("colluder"))) | \(alpha(track.earnedRao["miner"] ?? 0)) | \(alpha(track.earnedRao["owner"] ?? 0)) |")
        }
        lines += ["", "Yield: alpha earned over the run per alpha of delegated stake at the start (uids.csv has every UID at every row).", ""]
        return lines
    }
}
