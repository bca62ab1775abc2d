/// The part of a network's configuration that a problem is about.
public enum ConfigurationSubject: Hashable, Sendable {
    /// The starting issuance (against the cap or the TAO held).
    case startIssuance
    /// One subnet's own values (reserves, weights, miners).
    case subnet(UInt16)
    /// The named holders of a subnet's outstanding alpha.
    case holders(UInt16)
    /// The subnets as a whole (duplicates, totals).
    case subnets
}

/// Why a network operation could not be carried out. The network is left untouched.
public enum NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The starting state, or a configuration change, is impossible: what it is about, and why.
    case invalidConfiguration(ConfigurationSubject, String)
    case unknownSubnet(UInt16)
    case insufficientFreeTao(availableRao: UInt64, requestedRao: UInt64)
    case insufficientAlpha(holder: String, heldRao: UInt64, requestedRao: UInt64)
    /// A trade the pool's rules refuse.
    case tradeRefused(netuid: UInt16, SwapRefusal)
    case subnetLimitReached(limit: Int)
    /// A registration sooner after the last one than the rule set's rate limit allows.
    case rateLimited(lastBlock: UInt64, nextBlock: UInt64)
    case lockTooSmall(lockRao: UInt64)
    case overflow(String)

    /// True when the error comes from the rules refusing, false when the input was bad.
    public var isRefusal: Bool {
        switch self {
        case .invalidConfiguration, .unknownSubnet: return false
        case let .tradeRefused(_, refusal): return !refusal.isBadInput
        default: return true
        }
    }

    public var description: String {
        switch self {
        case let .invalidConfiguration(_, reason): return reason
        case let .unknownSubnet(netuid): return "there is no subnet \(netuid)"
        case let .insufficientFreeTao(available, requested):
            return "needs \(requested) rao of free TAO but only \(available) rao is outside the pools"
        case let .insufficientAlpha(holder, held, requested):
            return "\(holder) holds \(held) rao of alpha, less than the \(requested) rao requested"
        case let .tradeRefused(netuid, refusal): return "subnet \(netuid): \(refusal)"
        case let .subnetLimitReached(limit): return "the subnet limit of \(limit) is reached and every subnet is immune to pruning"
        case let .rateLimited(last, next):
            return "the last registration was at block \(last); the rate limit allows the next one from block \(next)"
        case let .lockTooSmall(lock): return "a lock of \(lock) rao buys no alpha at the median price"
        case let .overflow(what): return "\(what) would exceed 18446744073709551615 rao"
        }
    }
}
