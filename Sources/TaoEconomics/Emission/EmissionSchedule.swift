/// A run of consecutive blocks with the same emission per block.
public struct EmissionSegment: Sendable, Equatable {
    /// The segment's first block.
    public let startBlock: UInt64
    /// Issuance at the start of `startBlock`.
    public let startIssuanceRao: UInt64
    /// TAO minted by each of its blocks, rao.
    public let emissionRaoPerBlock: UInt64
    /// How many blocks the emission stays the same; nil when it is 0 for ever.
    public let blockCount: UInt64?

    /// The block after the segment (nil when it never ends).
    public var endBlock: UInt64? { blockCount.map { startBlock + $0 } }
    /// Issuance at the start of `endBlock`.
    public var endIssuanceRao: UInt64? { blockCount.map { startIssuanceRao + $0 * emissionRaoPerBlock } }
}

/// The emission schedule under one halving trigger, with exact fast-forward: issuance at any
/// block and the block at which issuance reaches a value are computed segment by segment
/// (a few dozen steps for the whole schedule), equal rao for rao to walking block by block.
///
/// Both triggers clip the emission so that issuance never exceeds 21,000,000 TAO: a block
/// mints min(emission, cap − issuance).
public struct EmissionSchedule: Sendable, Equatable {
    /// What makes the emission halve.
    public let trigger: HalvingTrigger
    /// A fixed emission per block in place of the halving function (`block_emission`); eras
    /// are still counted by `trigger`.
    public let fixedEmissionRao: UInt64?

    /// The schedule under `trigger`, or a fixed emission per block.
    public init(trigger: HalvingTrigger, fixedEmissionRao: UInt64? = nil) {
        self.trigger = trigger
        self.fixedEmissionRao = fixedEmissionRao
    }

    /// The rule's emission before the cap clip.
    func unclippedEmission(block: UInt64, issuanceRao: UInt64) -> UInt64 {
        if let fixedEmissionRao { return fixedEmissionRao }
        switch trigger {
        case .issuance: return BlockEmission.forIssuance(issuanceRao)
        case .blocks: return BlockEmission.forBlock(block)
        }
    }

    /// Rao minted by the block `block` that starts at `issuanceRao`, clipped to the cap.
    public func emission(block: UInt64, issuanceRao: UInt64) -> UInt64 {
        Supply.clippedToCap(unclippedEmission(block: block, issuanceRao: issuanceRao), issuanceRao: issuanceRao)
    }

    /// The era label at a point: halvings so far (issuance trigger) or ⌊block/10.5M⌋ (blocks).
    public func era(block: UInt64, issuanceRao: UInt64) -> Int {
        switch trigger {
        case .issuance: return BlockEmission.halvings(atIssuance: issuanceRao) ?? 30
        case .blocks: return Int(min(block / Supply.blocksPerHalvingEra, 30))
        }
    }

    /// The longest run of blocks from (`block`, `issuanceRao`) with one emission per block.
    public func segment(startingAt block: UInt64, issuanceRao: UInt64) -> EmissionSegment {
        let perBlock = emission(block: block, issuanceRao: issuanceRao)
        guard perBlock > 0 else {
            return EmissionSegment(startBlock: block, startIssuanceRao: issuanceRao, emissionRaoPerBlock: 0, blockCount: nil)
        }
        // Blocks until the rule itself changes the emission.
        let untilRuleChange: UInt64
        switch trigger {
        case _ where fixedEmissionRao != nil:
            untilRuleChange = .max
        case .issuance:
            let halvings = BlockEmission.halvings(atIssuance: issuanceRao) ?? 30
            let nextThreshold = halvings + 1 < BlockEmission.thresholds.count ? BlockEmission.thresholds[halvings + 1] : Supply.capRao
            // ceil((threshold − issuance) / emission): the first block that starts at or past it.
            untilRuleChange = (nextThreshold - issuanceRao + perBlock - 1) / perBlock
        case .blocks:
            untilRuleChange = (block / Supply.blocksPerHalvingEra + 1) * Supply.blocksPerHalvingEra - block
        }
        // Blocks that can mint `perBlock` in full without passing the cap (at least 1, since
        // `perBlock` is already clipped).
        let untilCap = (Supply.capRao - issuanceRao) / perBlock
        return EmissionSegment(
            startBlock: block, startIssuanceRao: issuanceRao, emissionRaoPerBlock: perBlock,
            blockCount: max(1, min(untilRuleChange, untilCap)))
    }

    /// Every segment from (`block`, `issuanceRao`) until emission reaches 0 (that last,
    /// endless segment included).
    public func segments(from block: UInt64 = 0, issuanceRao: UInt64 = 0) -> [EmissionSegment] {
        var result: [EmissionSegment] = []
        var current = segment(startingAt: block, issuanceRao: issuanceRao)
        while true {
            result.append(current)
            guard let nextBlock = current.endBlock, let nextIssuance = current.endIssuanceRao else { break }
            current = segment(startingAt: nextBlock, issuanceRao: nextIssuance)
        }
        return result
    }

    /// Issuance at the start of `targetBlock`, starting from `issuanceRao` at the start of
    /// `block`, with no recycling in between. Equal to walking block by block.
    public func issuance(atBlock targetBlock: UInt64, from block: UInt64 = 0, issuanceRao: UInt64 = 0) -> UInt64 {
        var current = segment(startingAt: block, issuanceRao: issuanceRao)
        while targetBlock > current.startBlock {
            guard let end = current.endBlock, let endIssuance = current.endIssuanceRao, end <= targetBlock else {
                return current.startIssuanceRao + (targetBlock - current.startBlock) * current.emissionRaoPerBlock
            }
            current = segment(startingAt: end, issuanceRao: endIssuance)
        }
        return current.startIssuanceRao
    }

    /// The first block at whose start issuance is at least `targetRao`, starting from
    /// (`block`, `issuanceRao`) with no recycling; nil if issuance never gets there.
    public func firstBlock(reachingIssuance targetRao: UInt64, from block: UInt64 = 0, issuanceRao: UInt64 = 0) -> UInt64? {
        var current = segment(startingAt: block, issuanceRao: issuanceRao)
        while true {
            if current.startIssuanceRao >= targetRao { return current.startBlock }
            guard current.emissionRaoPerBlock > 0, let end = current.endBlock, let endIssuance = current.endIssuanceRao else { return nil }
            if endIssuance >= targetRao {
                let needed = targetRao - current.startIssuanceRao
                return current.startBlock + (needed + current.emissionRaoPerBlock - 1) / current.emissionRaoPerBlock
            }
            current = segment(startingAt: end, issuanceRao: endIssuance)
        }
    }
}
