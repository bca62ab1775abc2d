/// One era of a schedule projected with daily recycling: from the first block whose emission is
/// the era's to the first block of the next era.
public struct ProjectedEra: Sendable, Equatable {
    /// Halvings so far.
    public let era: Int
    /// The era's first block: the first whose emission is the era's.
    public let startBlock: UInt64
    /// Issuance at the start of `startBlock`, rao.
    public let startIssuanceRao: UInt64
    /// The era's emission per block, rao.
    public let emissionRaoPerBlock: UInt64
    /// Blocks until the next era's first block; nil when the projection never gets there.
    public let blockCount: UInt64?
    /// Issuance at the start of the next era's first block; nil with `blockCount`.
    public let endIssuanceRao: UInt64?
}

extension EmissionSchedule {
    /// The eras from (`block`, `issuanceRao`) when `recycledRaoPerDay` rao leave issuance at every
    /// day boundary (blocks `block` + k·`blocksPerDay`, k ≥ 1; at most the issuance), walked
    /// exactly, one constant-emission run at a time within each day.
    ///
    /// Under the issuance trigger the emission is a function of issuance, so recycling delays
    /// each halving. A row begins at the first block whose emission is below the previous row's
    /// (a threshold reached, or the cap's clip); a day's recycling can then take issuance back
    /// under the threshold for a while, and the emission back up with it, and those blocks stay
    /// in the row. The projection stops when the emission reaches 0 (that row is open) or after
    /// `horizonBlocks` blocks, leaving the row it is in open. With no recycling the rows are the
    /// schedule's segments.
    public func projectedEras(from block: UInt64, issuanceRao: UInt64, recycledRaoPerDay: UInt64, blocksPerDay: UInt64,
                              horizonBlocks: UInt64) -> [ProjectedEra] {
        precondition(blocksPerDay > 0, "blocks per day must be positive")
        let end = block.addingReportingOverflow(horizonBlocks).overflow ? UInt64.max : block + horizonBlocks
        var eras: [ProjectedEra] = []
        var row = (start: block, issuance: issuanceRao, emission: emission(block: block, issuanceRao: issuanceRao))
        var position = block, issuance = issuanceRao
        func close(at block: UInt64, issuance: UInt64) {
            eras.append(ProjectedEra(era: era(block: row.start, issuanceRao: row.issuance), startBlock: row.start, startIssuanceRao: row.issuance,
                                     emissionRaoPerBlock: row.emission, blockCount: block - row.start, endIssuanceRao: issuance))
            row = (block, issuance, emission(block: block, issuanceRao: issuance))
        }
        while position < end, row.emission > 0 {
            let dayEnd = min(end, (position - block) / blocksPerDay * blocksPerDay + blocksPerDay + block)
            while position < dayEnd {
                let segment = self.segment(startingAt: position, issuanceRao: issuance)
                guard segment.emissionRaoPerBlock > 0 else { break }
                let blocks = min(segment.blockCount ?? .max, dayEnd - position)
                issuance += blocks * segment.emissionRaoPerBlock
                position += blocks
                if emission(block: position, issuanceRao: issuance) < row.emission { close(at: position, issuance: issuance) }
            }
            guard position == dayEnd else { break }
            if (position - block) % blocksPerDay == 0 { issuance -= min(recycledRaoPerDay, issuance) }
        }
        eras.append(ProjectedEra(era: era(block: row.start, issuanceRao: row.issuance), startBlock: row.start, startIssuanceRao: row.issuance,
                                 emissionRaoPerBlock: row.emission, blockCount: nil, endIssuanceRao: nil))
        return eras
    }
}
