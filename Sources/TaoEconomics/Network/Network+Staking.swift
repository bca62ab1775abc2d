extension Network {
    /// `holder` stakes `taoRao` of free TAO into subnet `netuid` and receives the alpha.
    /// - Throws: `unknownSubnet`, `insufficientFreeTao`, `tradeRefused`; the network is untouched.
    @discardableResult
    public mutating func stake(netuid: UInt16, holder: AlphaHolder, taoRao: UInt64) throws(NetworkError) -> SwapQuote {
        guard let index = index(of: netuid) else { throw .unknownSubnet(netuid) }
        guard taoRao <= tao.freeRao else { throw .insufficientFreeTao(availableRao: tao.freeRao, requestedRao: taoRao) }
        var subnet = subnets[index]
        let quote: SwapQuote
        do { quote = try subnet.pool.swap(.stake, amountRao: taoRao, rules: rules.pool, mode: mode) } catch { throw .tradeRefused(netuid: netuid, error) }
        try subnet.holders.credit(holder, quote.amountOutRao)
        subnets[index] = subnet
        if isObserving { observations.swaps.append(SwapObservation(netuid: netuid, quote: quote, rules: rules.pool)) }
        // A weighted pool returns what a limit left unspent and pays its fee to the block author.
        tao.freeRao -= taoRao - quote.refundedRao
        tao.poolsRao += quote.taoReserveAfterRao - quote.taoReserveBeforeRao
        tao.authorFeesRao += quote.authorTaoRao
        return quote
    }

    /// `holder` unstakes `alphaRao` from subnet `netuid` and receives the TAO as free TAO.
    /// - Throws: `unknownSubnet`, `insufficientAlpha`, `tradeRefused`; the network is untouched.
    @discardableResult
    public mutating func unstake(netuid: UInt16, holder: AlphaHolder, alphaRao: UInt64) throws(NetworkError) -> SwapQuote {
        guard let index = index(of: netuid) else { throw .unknownSubnet(netuid) }
        var subnet = subnets[index]
        try subnet.holders.debit(holder, alphaRao)
        let quote: SwapQuote
        do { quote = try subnet.pool.swap(.unstake, amountRao: alphaRao, rules: rules.pool, mode: mode) } catch { throw .tradeRefused(netuid: netuid, error) }
        // A weighted pool returns the alpha a limit left unsold; an alpha fee its sale could not
        // sell stays issued, held by nobody.
        try subnet.holders.credit(holder, quote.refundedRao)
        try subnet.holders.credit(.dust, quote.authorAlphaUnsoldRao)
        subnets[index] = subnet
        if isObserving { observations.swaps.append(SwapObservation(netuid: netuid, quote: quote, rules: rules.pool)) }
        tao.freeRao += quote.amountOutRao
        tao.poolsRao -= quote.taoReserveBeforeRao - quote.taoReserveAfterRao
        tao.authorFeesRao += quote.authorTaoRao
        return quote
    }

    /// Removes free TAO from issuance: it can be minted again, so an issuance-driven halving
    /// comes later.
    public mutating func recycleTao(_ amountRao: UInt64) throws(NetworkError) {
        guard amountRao <= tao.freeRao else { throw .insufficientFreeTao(availableRao: tao.freeRao, requestedRao: amountRao) }
        tao.freeRao -= amountRao
        tao.recycledRao += amountRao
    }

    /// Sends free TAO to an unspendable holder: issuance is unchanged.
    public mutating func burnTao(_ amountRao: UInt64) throws(NetworkError) {
        guard amountRao <= tao.freeRao else { throw .insufficientFreeTao(availableRao: tao.freeRao, requestedRao: amountRao) }
        tao.freeRao -= amountRao
        tao.burnedRao += amountRao
    }

    /// Replaces a subnet's miners: `ids[k]` is paid with weight `weights[k]` from the next epoch
    /// on (the consensus stand-in). An empty list leaves the miners' part unpaid (as dust).
    public mutating func setMiners(netuid: UInt16, ids: [Int], weights: [UInt64]) throws(NetworkError) {
        guard let index = index(of: netuid) else { throw .unknownSubnet(netuid) }
        guard ids.count == weights.count, Set(ids).count == ids.count else {
            throw .invalidConfiguration(.subnet(netuid), "subnet \(netuid): one weight per distinct miner id")
        }
        subnets[index].holders.minerIDs = ids
        subnets[index].holders.minerWeights = weights
    }
}
