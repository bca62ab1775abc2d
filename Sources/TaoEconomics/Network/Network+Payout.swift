extension Network {
    /// Pays a subnet's pending emission: the owner cut to the owner, miners' and validators'
    /// parts by their fixed weights, and root TAO to root stakers.
    mutating func payPending(at index: Int) throws(NetworkError) {
        var subnet = subnets[index]
        try subnet.holders.credit(.owner, subnet.pendingOwnerRao)
        var validatorsPart = subnet.pendingValidatorRao
        if subnet.holders.minerWeights.contains(where: { $0 > 0 }) {
            for (rank, amount) in LargestRemainder.split(subnet.pendingMinerRao, among: subnet.holders.minerWeights).enumerated() {
                try subnet.holders.credit(.miner(subnet.holders.minerIDs[rank]), amount)
            }
        } else {
            // No miner to pay: validators take the miners' part, as the chain gives them all
            // of it when no miner has incentive (`distribute_emission`).
            validatorsPart += subnet.pendingMinerRao
        }
        for (validator, amount) in LargestRemainder.split(validatorsPart, among: subnet.holders.validatorWeights).enumerated() {
            try subnet.holders.credit(.validator(validator), amount)
        }
        tao.rootDividendsRao += subnet.pendingRootTaoRao
        tao.pendingRootRao -= subnet.pendingRootTaoRao
        subnet.pendingOwnerRao = 0
        subnet.pendingMinerRao = 0
        subnet.pendingValidatorRao = 0
        subnet.pendingRootTaoRao = 0
        subnets[index] = subnet
    }
}
