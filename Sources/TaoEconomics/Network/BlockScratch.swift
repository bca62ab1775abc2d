/// Buffers a block fills and reads within one `step`, kept in the network so that the next
/// block reuses their storage instead of allocating. What they hold between blocks means
/// nothing: two networks are equal whatever their buffers hold, and state files omit them.
struct BlockScratch: Sendable, Equatable {
    /// The share rule's weights, one per subnet.
    var weightsRao: [UInt64] = []
    /// The largest-remainder split's parts and remainders.
    var parts: [UInt64] = []
    var remainders: [LargestRemainder.Remainder] = []
    /// tao_in per subnet, in `subnets` order.
    var taoIn: [TaoInjection] = []

    static func == (_: BlockScratch, _: BlockScratch) -> Bool { true }
}
