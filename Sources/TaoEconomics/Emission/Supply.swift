/// Constants of the TAO (and every alpha's) supply schedule, in rao.
public enum Supply {
    /// 21,000,000 TAO: issuance never exceeds it (`TotalSupply`).
    public static let capRao: UInt64 = 21_000_000_000_000_000
    /// Rao in one TAO (and in one alpha): 10^9, the unit every amount is counted in.
    public static let raoPerTao: UInt64 = 1_000_000_000
    /// 1 TAO per block before the first halving (`DefaultBlockEmission`), in rao.
    public static let initialBlockEmissionRao: UInt64 = raoPerTao
    /// Blocks per era for the block-count halving of the `card` rule set.
    public static let blocksPerHalvingEra: UInt64 = 10_500_000
    /// Blocks in a nominal day (12-second blocks).
    public static let nominalBlocksPerDay: UInt64 = 7_200

    /// `amountRao` clipped so that minting it at `issuanceRao` never passes the cap:
    /// min(amount, cap − issuance), and 0 at or above the cap (the chain's `mint_tao` clip,
    /// applied to TAO and to each alpha alike).
    public static func clippedToCap(_ amountRao: UInt64, issuanceRao: UInt64) -> UInt64 {
        issuanceRao >= capRao ? 0 : min(amountRao, capRao - issuanceRao)
    }
}
