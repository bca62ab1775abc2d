import CGMP
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The GMP integer behind `BigInteger`: an `mpz_t` allocated once and cleared in `deinit`.
///
/// Every call into GMP in the package is in this file. Instances are mutated only while
/// uniquely referenced (copy-on-write in `BigInteger`), which is what makes sharing them
/// across threads safe.
@usableFromInline
final class _MPZStorage: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<__mpz_struct>

    /// Storage objects created and destroyed so far (relaxed counters, for benchmarks and leak tests).
    static let created = Atomic<Int>(0)
    static let destroyed = Atomic<Int>(0)

    @usableFromInline init() {
        pointer = .allocate(capacity: 1)
        __gmpz_init(pointer)
        _MPZStorage.created.add(1, ordering: .relaxed)
    }

    @usableFromInline convenience init(copying other: _MPZStorage) {
        self.init()
        __gmpz_set(pointer, other.pointer)
    }

    deinit {
        __gmpz_clear(pointer)
        pointer.deallocate()
        _MPZStorage.destroyed.add(1, ordering: .relaxed)
    }

    // MARK: Setting

    @usableFromInline func set(_ other: _MPZStorage) { __gmpz_set(pointer, other.pointer) }
    @usableFromInline func set(int64 value: Int64) { __gmpz_set_si(pointer, Int(value)) }
    @usableFromInline func set(uint64 value: UInt64) { __gmpz_set_ui(pointer, UInt(value)) }

    /// Sets from a string of ASCII decimal digits with an optional leading minus sign.
    /// The caller has validated the text; GMP itself would accept embedded spaces.
    func set(validatedDecimal text: String) {
        let status = text.withCString { __gmpz_set_str(pointer, $0, 10) }
        precondition(status == 0, "validated decimal text rejected by GMP")
    }

    // MARK: Reading

    @usableFromInline var signum: Int { Int(cgmp_mpz_sgn(pointer)) }
    @usableFromInline var isOdd: Bool { cgmp_mpz_odd_p(pointer) != 0 }
    var limbCount: Int { Int(__gmpz_size(pointer)) }
    func limb(_ index: Int) -> UInt { UInt(__gmpz_getlimbn(pointer, index)) }
    /// Number of bits in the magnitude; 0 for zero.
    @usableFromInline var bitWidth: Int { signum == 0 ? 0 : Int(__gmpz_sizeinbase(pointer, 2)) }

    func decimalString() -> String {
        let capacity = Int(__gmpz_sizeinbase(pointer, 10)) + 2
        var buffer = [UInt8](repeating: 0, count: capacity)
        buffer.withUnsafeMutableBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = __gmpz_get_str($0.baseAddress, 10, pointer) }
        }
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<length], as: UTF8.self)
    }

    func double() -> Double { __gmpz_get_d(pointer) }

    // MARK: Comparing

    @usableFromInline func compare(_ other: _MPZStorage) -> Int { Int(__gmpz_cmp(pointer, other.pointer)) }
    func compareMagnitude(_ other: _MPZStorage) -> Int { Int(__gmpz_cmpabs(pointer, other.pointer)) }
    @usableFromInline func compare(int64 other: Int64) -> Int { Int(cgmp_mpz_cmp_si(pointer, Int(other))) }

    // MARK: Arithmetic, writing the result into `self`

    @usableFromInline func add(_ a: _MPZStorage, _ b: _MPZStorage) { __gmpz_add(pointer, a.pointer, b.pointer) }
    @usableFromInline func add(_ a: _MPZStorage, uint64 b: UInt64) { __gmpz_add_ui(pointer, a.pointer, UInt(b)) }
    @usableFromInline func subtract(_ a: _MPZStorage, _ b: _MPZStorage) { __gmpz_sub(pointer, a.pointer, b.pointer) }
    @usableFromInline func multiply(_ a: _MPZStorage, _ b: _MPZStorage) { __gmpz_mul(pointer, a.pointer, b.pointer) }
    @usableFromInline func negate(_ a: _MPZStorage) { __gmpz_neg(pointer, a.pointer) }
    @usableFromInline func absolute(_ a: _MPZStorage) { __gmpz_abs(pointer, a.pointer) }
    @usableFromInline func shiftLeft(_ a: _MPZStorage, _ bits: Int) { __gmpz_mul_2exp(pointer, a.pointer, UInt(bits)) }
    /// Arithmetic shift right: floor(a / 2^bits).
    @usableFromInline func shiftRightFloor(_ a: _MPZStorage, _ bits: Int) { __gmpz_fdiv_q_2exp(pointer, a.pointer, UInt(bits)) }
    /// Sets self = 2^bits.
    func setPowerOfTwo(_ bits: Int) {
        __gmpz_set_ui(pointer, 1)
        __gmpz_mul_2exp(pointer, pointer, UInt(bits))
    }
    /// Sets self = base^exponent.
    func setPower(base: UInt64, exponent: Int) { __gmpz_ui_pow_ui(pointer, UInt(base), UInt(exponent)) }

    /// Floor division: quotient into `self`, remainder (same sign as the divisor) into `remainder`.
    /// The divisor must be non-zero; callers check.
    @usableFromInline func floorDivide(_ n: _MPZStorage, _ d: _MPZStorage, remainder: _MPZStorage) {
        __gmpz_fdiv_qr(pointer, remainder.pointer, n.pointer, d.pointer)
    }
    @usableFromInline func floorDivide(_ n: _MPZStorage, _ d: _MPZStorage) { __gmpz_fdiv_q(pointer, n.pointer, d.pointer) }
    @usableFromInline func ceilingDivide(_ n: _MPZStorage, _ d: _MPZStorage) { __gmpz_cdiv_q(pointer, n.pointer, d.pointer) }
    @usableFromInline func truncatingDivide(_ n: _MPZStorage, _ d: _MPZStorage) { __gmpz_tdiv_q(pointer, n.pointer, d.pointer) }
    /// Floor of the square root of a non-negative value; callers check the sign.
    func squareRootFloor(_ a: _MPZStorage) { __gmpz_sqrt(pointer, a.pointer) }
    /// Floor of the n-th root of a non-negative value; callers check the sign.
    func rootFloor(_ a: _MPZStorage, _ n: Int) { _ = __gmpz_root(pointer, a.pointer, UInt(n)) }
    /// a^exponent.
    func power(_ a: _MPZStorage, _ exponent: Int) { __gmpz_pow_ui(pointer, a.pointer, UInt(exponent)) }
    /// The greatest common divisor of |a| and |b|.
    func gcd(_ a: _MPZStorage, _ b: _MPZStorage) { __gmpz_gcd(pointer, a.pointer, b.pointer) }
    /// Whether a is divisible by 2^bits.
    func isDivisibleByPowerOfTwo(_ bits: Int) -> Bool { __gmpz_divisible_2exp_p(pointer, UInt(bits)) != 0 }
}

// MARK: Counting GMP's own allocations

/// GMP limb allocations since counting was switched on; only touched while benchmarking.
private let _gmpAllocations = Atomic<Int>(0)

private func _countingAllocate(_ size: Int) -> UnsafeMutableRawPointer? {
    _gmpAllocations.add(1, ordering: .relaxed)
    return malloc(size)
}

private func _countingReallocate(_ pointer: UnsafeMutableRawPointer?, _ oldSize: Int, _ newSize: Int) -> UnsafeMutableRawPointer? {
    _gmpAllocations.add(1, ordering: .relaxed)
    return realloc(pointer, newSize)
}

private func _plainFree(_ pointer: UnsafeMutableRawPointer?, _ size: Int) { free(pointer) }

enum _GMPAllocationCounting {
    /// Routes GMP's allocations through counting wrappers of malloc/realloc/free. Idempotent.
    static func enable() {
        __gmp_set_memory_functions(
            { _countingAllocate($0) }, { _countingReallocate($0, $1, $2) }, { _plainFree($0, $1) })
    }

    static var count: Int { _gmpAllocations.load(ordering: .relaxed) }
}
