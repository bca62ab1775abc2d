import ArgumentParser
import FixedMath
import Reporting
import TaoEconomics

/// `dtao bench`: nanoseconds and heap allocations per operation of the exact arithmetic.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure ns per operation and allocations per operation of the exact arithmetic.",
        discussion: """
            Run it on a release build (swift build -c release) for meaningful figures. Each case \
            is warmed up, then timed over --iterations operations with a monotonic clock. \
            objects/op counts BigInteger storage objects created (one heap allocation each); \
            gmp_allocs/op counts GMP's own limb allocations and reallocations. \
            Cases run at rao scale (amounts around 10^15 rao) and at 64-fractional-bit scale \
            (the same amounts shifted left by 64 bits, as U64F64 raw values). The Yuma epoch \
            cases run --iterations ÷ 2,000 epochs (GMP reference: ÷ 200,000).
            """)

    @Option(help: "Operations per case.")
    var iterations: Int = 1_000_000

    @Option(help: "Run only the cases whose name contains this text.")
    var filter: String?

    @Option(help: "Blocks for the network cases (the subnets stepped block by block).")
    var blocks: Int = 7_200

    @Option(help: "Subnets in the network cases, 1 to 4,096 (per subnet-block cost should stay flat from 8 to 1,024).")
    var subnets: Int = 128

    @Option(help: "Output format: table, csv or json.")
    var format: TableFormat = .table

    func validate() throws {
        guard (1...1_000_000_000).contains(iterations) else { throw ValidationError("--iterations must be from 1 to 1,000,000,000") }
        guard (1...10_000_000).contains(blocks) else { throw ValidationError("--blocks must be from 1 to 10,000,000") }
        guard (1...4_096).contains(subnets) else { throw ValidationError("--subnets must be from 1 to 4,096") }
    }

    func run() throws {
        AllocationCounters.startCountingGMPAllocations()
        let cases = (BenchCases.all + BenchCases.networks(subnets: subnets)).filter { filter.map($0.name.contains) ?? true }
        guard !cases.isEmpty else { throw CommandFailure.badInput("no benchmark case matches '\(filter ?? "")'") }
        var rows: [[String]] = []
        for benchCase in cases {
            let count = benchCase.operationsPerIteration > 1 ? blocks : max(1, iterations / benchCase.iterationsDivisor)
            let result = try BenchCases.measure(benchCase, iterations: count)
            rows.append([benchCase.name, String(count * benchCase.operationsPerIteration), result.nanosecondsPerOperation,
                         result.objectsPerOperation, result.gmpAllocationsPerOperation, BenchCases.peakResidentMebibytes()])
        }
        let header = ["case", "operations", "ns_per_op", "objects_per_op", "gmp_allocs_per_op", "peak_rss_mib"]
        switch format {
        case .table: print(TextTable.render(header: header, rows: rows), terminator: "")
        case .csv: print(([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n"))
        case .json:
            print(JSONText.encode(rows.map { BenchRow(cells: $0) }), terminator: "")
        }
    }
}

/// One case's figures in JSON: numbers as numbers.
struct BenchRow: Encodable {
    let `case`: String
    let operations: Int
    let nsPerOp: Double
    let objectsPerOp: Double
    let gmpAllocsPerOp: Double
    let peakRssMib: Double?

    init(cells: [String]) {
        `case` = cells[0]
        operations = Int(cells[1]) ?? 0
        nsPerOp = Double(cells[2]) ?? 0
        objectsPerOp = Double(cells[3]) ?? 0
        gmpAllocsPerOp = Double(cells[4]) ?? 0
        peakRssMib = Double(cells[5])
    }
}

/// One benchmark: a body that performs `iterations` × `operationsPerIteration` operations.
struct BenchCase: Sendable {
    let name: String
    var operationsPerIteration: Int = 1
    /// Heavy cases run --iterations ÷ this many operations.
    var iterationsDivisor: Int = 1
    let body: @Sendable (Int) throws -> BigInteger
}

enum BenchCases {
    struct Measurement {
        let nanosecondsPerOperation: String
        let objectsPerOperation: String
        let gmpAllocationsPerOperation: String
    }

    /// Keeps results observable so the optimiser cannot drop the work.
    nonisolated(unsafe) static var sink = BigInteger()

    static func measure(_ benchCase: BenchCase, iterations: Int) throws -> Measurement {
        sink = try benchCase.body(max(1, iterations / 10))  // warm-up
        let operations = iterations * benchCase.operationsPerIteration
        let before = AllocationCounters.current()
        let clock = ContinuousClock()
        let start = clock.now
        sink = try benchCase.body(iterations)
        let elapsed = clock.now - start
        let after = AllocationCounters.current()
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        func perOperation(_ value: Double) -> String { String(format: value / Double(operations)) }
        return Measurement(
            nanosecondsPerOperation: perOperation(nanoseconds),
            objectsPerOperation: perOperation(Double(after.storageObjectsCreated - before.storageObjectsCreated)),
            gmpAllocationsPerOperation: perOperation(Double(after.gmpAllocations - before.gmpAllocations)))
    }

    static func String(format value: Double) -> Swift.String {
        let hundredths = (value * 100).rounded()
        let whole = Int(hundredths) / 100, fraction = Int(hundredths) % 100
        return "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// Operands at one scale: rao, or rao shifted to 64 fractional bits.
    struct Operands {
        let reserveTao: BigInteger
        let reserveAlpha: BigInteger
        let amount: BigInteger
        let divisor: BigInteger

        init(fractionalBits: Int) {
            reserveTao = BigInteger(1_234_567_890_123_456 as UInt64).shiftedLeft(by: fractionalBits)
            reserveAlpha = BigInteger(4_567_890_123_456_789 as UInt64).shiftedLeft(by: fractionalBits)
            amount = BigInteger(987_654_321 as UInt64).shiftedLeft(by: fractionalBits)
            divisor = BigInteger(65_535 as UInt64)
        }
    }

    static let all: [BenchCase] = arithmetic + pools + epochs

    /// One Yuma epoch of 256 UIDs (64 validators with dense weights on 192 miners, liquid
    /// alpha, bonds from an earlier epoch), native and through the GMP reference.
    static let epochs: [BenchCase] = [(YumaMechanism.yuma3, false, 2_000), (.yuma, false, 2_000), (.yuma3, true, 200_000)].map { mechanism, reference, divisor in
        let subnet = YumaSession.synthetic(mechanism: mechanism)
        return BenchCase(name: "YumaEpoch\(reference ? " (GMP reference)" : "") 256 UIDs @ \(mechanism.rawValue)", iterationsDivisor: divisor) { iterations in
            var paid: UInt64 = 0
            for _ in 0..<iterations {
                let output = reference
                    ? YumaEpoch.run(subnet.input, state: subnet.state, parameters: subnet.parameters, arithmetic: ReferenceEpochArithmetic.self)
                    : YumaEpoch.run(subnet.input, state: subnet.state, parameters: subnet.parameters)
                paid &+= output.paidRao
            }
            return BigInteger(paid)
        }
    }

    /// The process's peak resident memory so far (VmHWM), in MiB; "n/a" where /proc is absent.
    static func peakResidentMebibytes() -> Swift.String {
        guard let status = try? Swift.String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kibibytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return "n/a" }
        return String(format: kibibytes / 1024)
    }

    /// `subnets` subnets stepped block by block; one operation is one subnet-block.
    static func networks(subnets: Int) -> [BenchCase] {
        [("card", RuleSet.card, ArithmeticMode.native), ("card (GMP reference)", .card, .reference),
         ("launch-2025-02", .launch2025_02, .native), ("head-2026-06", .head2026_06, .native),
         ("head-2026-08", .head2026_08, .native), ("head-2026-10", .head2026_10, .native)].map { name, rules, mode in
            BenchCase(name: "coinbase step \(subnets) subnets @ \(name)", operationsPerIteration: subnets) { blocks in
                var network = try Network.synthetic(subnets: subnets, rules: rules, mode: mode)
                try network.step(blocks: UInt64(blocks))
                return BigInteger(network.tao.issuanceRao)
            }
        }
    }

    /// The engine's own swap (quote and apply, all checks), alternating stake and unstake; on
    /// the weighted curve at a quote weight that is not a small fraction, so the power term takes
    /// the chain's series path (the fast path here, with the exact port as its fallback).
    static let pools: [BenchCase] = [("card", RuleSet.card), ("launch-2025-02", RuleSet.launch2025_02), ("head-2026-06", RuleSet.head2026_06)].map { name, rules in
        BenchCase(name: "SubnetPool.swap @ \(name)") { iterations in
            var pool = SubnetPool.synthetic(rules: rules)
            for step in 0..<iterations {
                let side: SwapSide = step % 2 == 0 ? .stake : .unstake
                _ = try pool.swap(side, amountRao: 1_000_000_000, rules: rules.pool)
            }
            return BigInteger(pool.taoReserveRao)
        }
    } + [BenchCase(name: "SubnetPool.reweight @ head-2026-06") { iterations in
        // The coinbase's re-weighting injection: a block's TAO and alpha, price kept.
        var pool = SubnetPool.synthetic(rules: .head2026_06)
        for step in 0..<iterations {
            try pool.reweight(taoRao: 3_000_000 + UInt64(step % 7), alphaRao: 1_000_000_000 + UInt64(step % 11))
        }
        return BigInteger(pool.taoReserveRao)
    }]

    static let arithmetic: [BenchCase] = [("rao", 0), ("64-fractional-bit", 64)].flatMap { scale, bits in
        let operands = Operands(fractionalBits: bits)
        return [
            BenchCase(name: "add (pure) @ \(scale)") { iterations in
                var last = BigInteger()
                for _ in 0..<iterations { last = operands.reserveTao + operands.amount }
                return last
            },
            BenchCase(name: "add (in place) @ \(scale)") { iterations in
                var accumulator = operands.reserveTao
                for _ in 0..<iterations { accumulator += operands.amount }
                return accumulator
            },
            BenchCase(name: "multiply-divide floor (in place) @ \(scale)") { iterations in
                var result = BigInteger()
                for _ in 0..<iterations {
                    result.assign(operands.reserveTao)
                    try result.formMultipliedDivided(by: operands.amount, dividedBy: operands.reserveAlpha, rounding: .floor)
                }
                return result
            },
            BenchCase(name: "V2 swap step (in place) @ \(scale)") { iterations in
                // out = floor(A·dx / (T + dx)); T += dx; A −= out. Reserves reset every 1,000 steps.
                var tao = operands.reserveTao, alpha = operands.reserveAlpha
                var denominator = BigInteger(), out = BigInteger()
                for step in 0..<iterations {
                    if step % 1_000 == 0 { tao.assign(operands.reserveTao); alpha.assign(operands.reserveAlpha) }
                    denominator.formSum(tao, operands.amount)
                    out.assign(alpha)
                    try out.formMultipliedDivided(by: operands.amount, dividedBy: denominator, rounding: .floor)
                    tao += operands.amount
                    alpha -= out
                }
                return alpha
            },
        ]
    }
}
