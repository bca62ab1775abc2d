/// Heap allocations made by `FixedMath`, for benchmarks and leak checks.
///
/// `storageObjectsCreated` counts the GMP integer objects behind `BigInteger` (one heap object
/// each); `gmpAllocations` counts GMP's own limb allocations and reallocations, and only moves
/// after `startCountingGMPAllocations()`.
public struct AllocationCounters: Sendable, Equatable {
    /// BigInteger storage objects created so far (one heap allocation each).
    public let storageObjectsCreated: Int
    /// BigInteger storage objects freed so far.
    public let storageObjectsDestroyed: Int
    /// GMP limb allocations and reallocations so far (counted once counting is started).
    public let gmpAllocations: Int

    /// The counters now.
    public static func current() -> AllocationCounters {
        AllocationCounters(
            storageObjectsCreated: _MPZStorage.created.load(ordering: .relaxed),
            storageObjectsDestroyed: _MPZStorage.destroyed.load(ordering: .relaxed),
            gmpAllocations: _GMPAllocationCounting.count)
    }

    /// Routes GMP's allocations through counting wrappers (from now on, for the whole process).
    public static func startCountingGMPAllocations() { _GMPAllocationCounting.enable() }

    /// Storage objects alive now.
    public var liveStorageObjects: Int { storageObjectsCreated - storageObjectsDestroyed }
}
