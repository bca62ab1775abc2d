/// What one injection did to one pool, recorded for the `injection` invariant.
public struct InjectionObservation: Sendable, Equatable {
    public let netuid: UInt16
    public let taoBeforeRao: UInt64
    public let alphaBeforeRao: UInt64
    public let taoInRao: UInt64
    public let alphaInRao: UInt64
    /// The cap on alpha_in (the subnet's alpha emission).
    public let alphaCapRao: UInt64
    /// The unfloored I96F32 tao_in (raw, ·2^32) the launch rounding divides.
    public let taoInFixedRaw: UInt128
    public let rounding: InjectionRounding
}

/// What one trade did to one pool, recorded for the `constant-product` invariant.
public struct SwapObservation: Sendable, Equatable {
    public let netuid: UInt16
    public let side: SwapSide
    public let taoBeforeRao: UInt64
    public let alphaBeforeRao: UInt64
    public let taoAfterRao: UInt64
    public let alphaAfterRao: UInt64
    /// The curve's input reserve after the trade: R_in + the swapped input.
    public let newInputReserveRao: UInt64
    /// The curve's output reserve after paying out, before any output-side fee returns.
    public let outputReserveAfterRao: UInt64
    public let minimumOutputReserveRao: UInt64
    public let rounding: SwapRounding
}

/// Records kept while `Network.isObserving` is on; the invariant checker drains them.
public struct Observations: Sendable, Equatable {
    public internal(set) var injections: [InjectionObservation] = []
    public internal(set) var swaps: [SwapObservation] = []

    public init() {}

    public mutating func removeAll() {
        injections.removeAll(keepingCapacity: true)
        swaps.removeAll(keepingCapacity: true)
    }
}

extension SwapObservation {
    /// The observation of a quote carried out on `pool` (its state before the trade).
    init(pool: SubnetPool, quote: SwapQuote, rules: PoolRules) {
        let (inputReserve, outputReserve) = quote.side == .stake ? (pool.taoReserveRao, pool.alphaReserveRao) : (pool.alphaReserveRao, pool.taoReserveRao)
        self.init(netuid: pool.netuid, side: quote.side, taoBeforeRao: pool.taoReserveRao, alphaBeforeRao: pool.alphaReserveRao,
                  taoAfterRao: quote.taoReserveAfterRao, alphaAfterRao: quote.alphaReserveAfterRao,
                  newInputReserveRao: inputReserve &+ quote.swappedInRao, outputReserveAfterRao: outputReserve &- quote.curveOutRao,
                  minimumOutputReserveRao: rules.minimumOutputReserveRao, rounding: rules.rounding)
    }
}
