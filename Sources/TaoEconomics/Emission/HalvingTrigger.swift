/// What makes the block emission halve.
public enum HalvingTrigger: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The chain: halving k starts when issuance reaches ceil(21M·(1 − 2^−k)) TAO
    /// (`BlockEmission.forIssuance`). Recycling lowers issuance and so delays it.
    case issuance
    /// The product card: every 10,500,000 blocks, ⌊1e9 / 2^⌊block/10.5M⌋⌋ rao, ending at block
    /// 315,000,000 (`BlockEmission.forBlock`).
    case blocks

    public var description: String { rawValue }
}
