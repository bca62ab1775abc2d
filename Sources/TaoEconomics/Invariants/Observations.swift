/// What one trade did to one pool, recorded for the `constant-product` invariant.
public struct SwapObservation: Sendable, Equatable {
    /// The subnet.
    public let netuid: UInt16
    /// Which way it went.
    public let side: SwapSide
    /// The TAO reserve before, rao.
    public let taoBeforeRao: UInt64
    /// The alpha reserve before, alpha rao.
    public let alphaBeforeRao: UInt64
    /// The TAO reserve after, rao.
    public let taoAfterRao: UInt64
    /// The alpha reserve after, alpha rao.
    public let alphaAfterRao: UInt64
    /// The curve's input reserve after the trade: R_in + the swapped input.
    public let newInputReserveRao: UInt64
    /// The curve's output reserve after paying out, before any output-side fee returns.
    public let outputReserveAfterRao: UInt64
    /// The rule set's minimum output-side reserve.
    public let minimumOutputReserveRao: UInt64
    /// The curve the trade ran on.
    public let curve: PoolCurve
    /// A weighted pool's quote weight; nil on a constant-product pool.
    public var quoteWeight: Perquintill? = nil
}

/// Records kept while `Network.isObserving` is on; the invariant checker drains them.
public struct Observations: Sendable, Equatable {
    /// Every injection the coinbase made, as the pool quoted it.
    public internal(set) var injections: [Injection] = []
    /// Every re-weighting injection into a weighted pool.
    public internal(set) var reweightings: [Reweighting] = []
    /// Every trade since the last check.
    public internal(set) var swaps: [SwapObservation] = []
    /// Every Yuma epoch's payout since the last check.
    public internal(set) var epochs: [EpochObservation] = []

    public init() {}

    /// Forgets every record, keeping the storage for the next block.
    public mutating func removeAll() {
        epochs.removeAll(keepingCapacity: true)
        injections.removeAll(keepingCapacity: true)
        reweightings.removeAll(keepingCapacity: true)
        swaps.removeAll(keepingCapacity: true)
    }
}

extension SwapObservation {
    /// The observation of `quote` carried out on subnet `netuid` under `rules`.
    init(netuid: UInt16, quote: SwapQuote, rules: PoolRules) {
        let (inputReserve, outputReserve) = quote.side == .stake
            ? (quote.taoReserveBeforeRao, quote.alphaReserveBeforeRao) : (quote.alphaReserveBeforeRao, quote.taoReserveBeforeRao)
        self.init(netuid: netuid, side: quote.side, taoBeforeRao: quote.taoReserveBeforeRao, alphaBeforeRao: quote.alphaReserveBeforeRao,
                  taoAfterRao: quote.taoReserveAfterRao, alphaAfterRao: quote.alphaReserveAfterRao,
                  newInputReserveRao: inputReserve &+ quote.swappedInRao, outputReserveAfterRao: outputReserve &- quote.curveOutRao,
                  minimumOutputReserveRao: rules.minimumOutputReserveRao, curve: rules.curve, quoteWeight: quote.quoteWeight)
    }
}

/// What one Yuma epoch computed and paid, recorded for the `consensus` invariant.
public struct EpochObservation: Sendable, Equatable {
    /// The subnet.
    public let netuid: UInt16
    /// UIDs in the epoch.
    public let uids: Int
    /// Σ incentive, I32F32 raw.
    public let incentiveSumRaw: Int64
    /// Σ dividends, I32F32 raw.
    public let dividendsSumRaw: Int64
    /// Smallest and largest bond computed, I32F32 raw (0 and 0 without bonds).
    public let bondRangeRaw: (min: Int64, max: Int64)
    /// The miners' and validators' pending alpha the epoch distributed, rao.
    public let pendingRao: UInt64
    /// Alpha credited to miners and validators, rao.
    public let paidRao: UInt64
    /// The owner UID's share, burned, rao.
    public let withheldRao: UInt64
    /// Alpha credited to dust for the floors, rao.
    public let dustRao: UInt64

    /// Equal when every field is.
    public static func == (a: EpochObservation, b: EpochObservation) -> Bool {
        a.netuid == b.netuid && a.uids == b.uids && a.incentiveSumRaw == b.incentiveSumRaw && a.dividendsSumRaw == b.dividendsSumRaw
            && a.bondRangeRaw == b.bondRangeRaw && a.pendingRao == b.pendingRao && a.paidRao == b.paidRao
            && a.withheldRao == b.withheldRao && a.dustRao == b.dustRao
    }
}
