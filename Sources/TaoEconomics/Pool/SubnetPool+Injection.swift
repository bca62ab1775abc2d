import FixedMath

/// TAO the coinbase offers one pool in a block: the rao injected, and the fixed-point value it
/// was floored from (I96F32 raw, value · 2^32), which the launch rounding divides by the price.
public struct TaoInjection: Sendable, Equatable {
    /// The rao injected.
    public let rao: UInt64
    /// The unfloored I96F32 amount (raw); rao · 2^32 when the amount is a whole number of rao.
    public let fixedRawI96F32: UInt128

    /// An amount computed in I96F32 (raw), injected floored to rao.
    public init(rao: UInt64, fixedRawI96F32: UInt128) {
        self.rao = rao
        self.fixedRawI96F32 = fixedRawI96F32
    }

    /// A whole number of rao.
    public init(rao: UInt64) {
        self.init(rao: rao, fixedRawI96F32: UInt128(rao) << 32)
    }

    /// Nothing.
    public static let zero = TaoInjection(rao: 0)
}

/// One price-preserving injection, as the pool quotes it (`SubnetPool.injectionQuote`) and
/// applies it (`SubnetPool.apply`). It is also what the `injection` invariant checks.
public struct Injection: Sendable, Equatable {
    /// The subnet.
    public let netuid: UInt16
    /// The TAO reserve before, rao.
    public let taoBeforeRao: UInt64
    /// The alpha reserve before, alpha rao.
    public let alphaBeforeRao: UInt64
    /// TAO injected, rao.
    public let taoInRao: UInt64
    /// Alpha injected, alpha rao.
    public let alphaInRao: UInt64
    /// The cap on alpha_in (the subnet's alpha emission).
    public let alphaCapRao: UInt64
    /// The unfloored I96F32 tao_in (raw, ·2^32) the launch rounding divides.
    public let taoInFixedRaw: UInt128
    /// How alpha_in was rounded.
    public let rounding: InjectionRounding

    /// True when alpha_in was cut to the cap (the price then rises).
    public let capped: Bool

    /// The spot price before, exactly.
    public var priceBefore: PriceRatio { PriceRatio(taoRao: taoBeforeRao, alphaRao: alphaBeforeRao) }
    /// The price after, from the exact sums (which `apply` checks fit 64 bits).
    public var priceAfter: PriceRatio {
        PriceRatio(taoRao: BigInteger(taoBeforeRao) + BigInteger(taoInRao), alphaRao: BigInteger(alphaBeforeRao) + BigInteger(alphaInRao))
    }
}

/// How injection turns tao_in into alpha_in at the current price.
public enum InjectionRounding: String, Sendable, Equatable {
    /// alpha_in = ⌊tao_in · A / T⌋: the price never falls.
    case exactFloor
    /// The launch chain: price = T/A in I96F32 (truncated), alpha_in = tao_in / price in I96F32
    /// (truncated, with tao_in the unfloored I96F32 share), floored to rao; the truncated price
    /// can make alpha_in one rao larger. A price that truncates to 0 makes the division fail, and
    /// alpha_in is then the cap.
    case launchI96F32
    /// HEAD: the coinbase computes alpha_in = tao_in ÷ spot (U96F32), capped at root_prop ×
    /// alpha emission, and a weighted pool re-weights to keep its price
    /// (`SubnetPool.reweightingQuote`). A constant-product pool has no weight to move and
    /// injects as `exactFloor`.
    case reweighting
}

extension SubnetPool {
    /// The injection of `tao` with price-neutral alpha, capped at `alphaCapRao`, without changing
    /// the pool. When capped, all the TAO still goes in, so the price rises; it never falls
    /// under exact rounding (under the launch rounding see `InjectionRounding.launchI96F32`).
    ///
    /// Price-neutral alpha: ⌊tao · A / T⌋ (exact; 0 when T is 0), or tao ⊘ (T ⊘ A) in I96F32
    /// (launch). The root subnet takes alpha 1:1.
    public func injectionQuote(tao: TaoInjection, alphaCapRao: UInt64, rounding: InjectionRounding,
                               mode: ArithmeticMode = .native) -> Injection {
        switch mode {
        case .native: return injectionQuote(tao: tao, alphaCapRao: alphaCapRao, rounding: rounding, arithmetic: NativeI96F32.self, mode: mode)
        case .reference: return injectionQuote(tao: tao, alphaCapRao: alphaCapRao, rounding: rounding, arithmetic: ReferenceI96F32.self, mode: mode)
        }
    }

    /// `injectionQuote` with the launch division in `A`'s arithmetic (the coinbase picks it once
    /// per block).
    func injectionQuote<A: I96F32Arithmetic>(tao: TaoInjection, alphaCapRao: UInt64, rounding: InjectionRounding,
                                             arithmetic: A.Type, mode: ArithmeticMode) -> Injection {
        let neutral: UInt64
        if isStable {
            neutral = tao.rao
        } else {
            switch rounding {
            case .exactFloor, .reweighting:
                neutral = taoReserveRao == 0 ? 0
                    : NativeExact.multiplyDivideFloor(tao.rao, alphaReserveRao, taoReserveRao, mode: mode)?.quotient ?? .max
            case .launchI96F32:
                let price = alphaReserveRao == 0 ? A.zero : (A.divide(A.integer(taoReserveRao), A.integer(alphaReserveRao)) ?? A.zero)
                if let quotient = A.divide(A.fromRaw(tao.fixedRawI96F32), price) {
                    neutral = A.floorUInt64(quotient)
                } else {
                    neutral = .max
                }
            }
        }
        return Injection(netuid: netuid, taoBeforeRao: taoReserveRao, alphaBeforeRao: alphaReserveRao, taoInRao: tao.rao,
                         alphaInRao: min(neutral, alphaCapRao), alphaCapRao: alphaCapRao, taoInFixedRaw: tao.fixedRawI96F32,
                         rounding: rounding, capped: neutral > alphaCapRao)
    }

    /// Quotes and applies an injection (`injectionQuote`, then `apply`).
    /// - Throws: `ReserveOverflow`, leaving the pool untouched.
    @discardableResult
    public mutating func inject(tao: TaoInjection, alphaCapRao: UInt64, rounding: InjectionRounding,
                                mode: ArithmeticMode = .native) throws(ReserveOverflow) -> Injection {
        let injection = injectionQuote(tao: tao, alphaCapRao: alphaCapRao, rounding: rounding, mode: mode)
        try apply(injection)
        return injection
    }
}
