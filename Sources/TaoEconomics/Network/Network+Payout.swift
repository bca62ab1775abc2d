extension Network {
    /// Pays a subnet's pending emission in place: the owner cut to the owner, miners' and
    /// validators' parts by their fixed weights (or from a Yuma epoch when the subnet has
    /// consensus), and root TAO to root stakers.
    /// - Throws: `overflow` (before changing anything) when the holders could pass 2^64 rao,
    ///   which a network whose ledger balances never reaches: pending alpha is outstanding.
    mutating func payPending(at index: Int) throws(NetworkError) {
        let (_, overflow) = subnets[index].holders.totalRao.addingReportingOverflow(subnets[index].pendingAlphaRao)
        guard !overflow else { throw .overflow("alpha held on subnet \(subnets[index].netuid)") }
        let owner = subnets[index].pendingOwnerRao, miners = subnets[index].pendingMinerRao
        try subnets[index].holders.credit(.owner, owner)
        var validatorsPart = subnets[index].pendingValidatorRao
        if subnets[index].consensus != nil {
            _ = try payConsensus(at: index, minersRao: miners, validatorsRao: validatorsPart)
            validatorsPart = 0
        } else if subnets[index].holders.minerWeights.contains(where: { $0 > 0 }) {
            for (rank, amount) in LargestRemainder.split(miners, among: subnets[index].holders.minerWeights).enumerated() {
                try subnets[index].holders.credit(.miner(subnets[index].holders.minerIDs[rank]), amount)
            }
        } else {
            // No miner to pay: validators take the miners' part, as the chain gives them all
            // of it when no miner has incentive (`distribute_emission`).
            validatorsPart += miners
        }
        if subnets[index].consensus == nil {
            for (validator, amount) in LargestRemainder.split(validatorsPart, among: subnets[index].holders.validatorWeights).enumerated() {
                try subnets[index].holders.credit(.validator(validator), amount)
            }
        }
        tao.rootDividendsRao += subnets[index].pendingRootTaoRao
        tao.pendingRootRao -= subnets[index].pendingRootTaoRao
        subnets[index].pendingOwnerRao = 0
        subnets[index].pendingMinerRao = 0
        subnets[index].pendingValidatorRao = 0
        subnets[index].pendingRootTaoRao = 0
    }
}
