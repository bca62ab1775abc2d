import Foundation
import PropertyBased
@testable import Simulation
import Testing
import Yams

/// The scenario parser never traps: every bundled scenario (and the tests' small one), mutated
/// at the YAML tree (a value replaced by one of another type or an extreme one, a key removed,
/// a known key added with a random value, a list shortened or emptied), either parses or is
/// refused with a `ScenarioError`. A trap would end the test process, failing the run.
///
/// `DTAO_FUZZ_CASES` raises the number of cases (CI runs the default; the long run in
/// `Benchmarks/README.md` runs 10^5). `DTAO_FUZZ_LAST` names a file each case is written to
/// before it is parsed, so a trap leaves the input that caused it (add it to `corpus/`).
@Suite struct ScenarioParserFuzzTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ParserCorpus")

    /// The seed documents: every bundled scenario and the tests' small one, with the folder its
    /// relative paths resolve against.
    static let seeds: [(text: String, directory: String)] = {
        var seeds = [(ScenarioText.valid, scenarios.path)]
        for folder in [scenarios, scenarios.appendingPathComponent("examples")] {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            for name in names {
                if let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) { seeds.append((text, folder.path)) }
            }
        }
        return seeds
    }()

    static let cases = ProcessInfo.processInfo.environment["DTAO_FUZZ_CASES"].flatMap { Int($0) } ?? 1_500

    @Test func bundledScenariosAreSeeds() {
        #expect(Self.seeds.count >= 12)
    }

    @Test func mutatedScenariosParseOrAreRefusedNeverTrap() async {
        let last = ProcessInfo.processInfo.environment["DTAO_FUZZ_LAST"]
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            var random = FuzzRandom(state: seed)
            let (text, directory) = Self.seeds[Int(random.next() % UInt64(Self.seeds.count))]
            guard let mutated = ScenarioMutator.mutate(text, &random) else { return }
            if let last { try? mutated.write(toFile: last, atomically: false, encoding: .utf8) }
            do throws(ScenarioError) {
                _ = try ScenarioParser.parse(mutated, file: "fuzz.yaml", directory: directory)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    /// Inputs that once trapped the parser, each now refused with a message.
    @Test(arguments: ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted())
    func corpusInputsAreRefused(_ name: String) throws {
        let text = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
        #expect(throws: ScenarioError.self) { try ScenarioParser.parse(text, file: name, directory: Self.scenarios.path) }
    }
}

/// SplitMix64: one seed drives a whole mutation.
struct FuzzRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ count: Int) -> Int { Int(next() % UInt64(max(count, 1))) }
}

/// Mutations of a YAML document at its tree.
enum ScenarioMutator {
    /// Values of every type and at every edge a key might meet.
    static let scalars = ["", "-1", "0", "1", "2", "0.5", "-0.0000001", "0.0000001", "1e30", "1e400", "-1e400", "18446744073709551615",
                          "18446744073709551616", "99999999999999999999999999", "abc", "null", "~", "true", "false", "2026-02-30",
                          "2026-07-01", "0x10", ".5", "5.", ".nan", ".inf", "-.inf", "all", "h100", "card", "head-2026-10", "block",
                          "epoch", "1/65535", "65535", "4096", "4097", "21000000", "-0", "1_000", "NaN", " ", "[", "{"]
    /// Keys the scenarios use anywhere, so an added key is often a real one in the wrong place.
    static let keys = ["name", "rules", "seed", "horizon", "blocks", "days", "step", "sample_every", "start", "block", "issuance",
                       "date", "blocks_per_day", "market", "tao_usd", "constant", "gbm", "csv", "root", "tao", "subnets", "generate",
                       "count", "price", "median", "sum", "sigma", "netuid", "tao_reserve", "alpha_reserve", "alpha_outstanding",
                       "holders", "flows", "registrations", "gate", "consensus", "miners", "gpu", "gpus_per_miner", "usd_per_gpu_hour",
                       "hours_per_day", "fixed_usd_per_month", "cost_usd_per_day", "cost_path", "cost_csv", "sell_fraction", "exits",
                       "entries", "tempo", "quote_weight", "parameters", "base", "snapshot", "stochastic", "every_blocks", "mean_tao",
                       "sd_tao", "stake_tao", "unstake_percent", "holder", "validators", "weights", "rank", "q", "exponent", "theta",
                       "theta_raw", "tao_weight", "subnet_owner_cut", "block_emission", "fee_rate", "root_registered_fraction",
                       "tao_reservoir", "alpha_reservoir", "epoch_consensus", "fitted_to", "min", "max", "fraction", "window_days",
                       "max_per_day", "distribution", "claim_slice", "emission_enabled", "miner_burn"]

    /// One to three mutations of `text`, serialized; nil when the text is not YAML.
    static func mutate(_ text: String, _ random: inout FuzzRandom) -> String? {
        guard var node = (try? Yams.compose(yaml: text)) ?? nil else { return nil }
        let donor = node
        for _ in 0...random.below(3) { node = mutateSomewhere(node, donor: donor, &random) }
        return try? Yams.serialize(node: node)
    }

    /// Mutates one node chosen uniformly among all the document's nodes (in pre-order).
    static func mutateSomewhere(_ node: Node, donor: Node, _ random: inout FuzzRandom) -> Node {
        var target = random.below(count(node))
        return mutate(node, at: &target, donor: donor, &random)
    }

    static func count(_ node: Node) -> Int {
        switch node {
        case let .mapping(mapping): return 1 + mapping.reduce(0) { $0 + count($1.value) }
        case let .sequence(sequence): return 1 + sequence.reduce(0) { $0 + count($1) }
        default: return 1
        }
    }

    /// Mutates the node `target` steps into the pre-order walk from `node`.
    static func mutate(_ node: Node, at target: inout Int, donor: Node, _ random: inout FuzzRandom) -> Node {
        if target == 0 { target = -1; return mutateHere(node, donor: donor, &random) }
        target -= 1
        switch node {
        case var .mapping(mapping):
            for index in mapping.indices where target >= 0 {
                let pair = mapping[index]
                mapping[index] = (pair.key, mutate(pair.value, at: &target, donor: donor, &random))
            }
            return .mapping(mapping)
        case var .sequence(sequence):
            for index in sequence.indices where target >= 0 {
                sequence[index] = mutate(sequence[index], at: &target, donor: donor, &random)
            }
            return .sequence(sequence)
        default:
            return node
        }
    }

    static func mutateHere(_ node: Node, donor: Node, _ random: inout FuzzRandom) -> Node {
        switch (node, random.below(3)) {
        case (.mapping(let mapping), 0) where !mapping.isEmpty:
            // Remove a key.
            var pairs = Array(mapping)
            pairs.remove(at: random.below(pairs.count))
            return .mapping(Node.Mapping(pairs.map { ($0.key, $0.value) }))
        case (.mapping(let mapping), 1):
            // Add a known key with a random value.
            var pairs = Array(mapping).map { ($0.key, $0.value) }
            pairs.append((Node(keys[random.below(keys.count)]), randomValue(donor: donor, &random)))
            return .mapping(Node.Mapping(pairs))
        case (.sequence(var sequence), 0) where !sequence.isEmpty:
            sequence.remove(at: random.below(sequence.count))
            return .sequence(sequence)
        case (.sequence, 1):
            return .sequence(Node.Sequence([]))
        default:
            return randomValue(donor: donor, &random)
        }
    }

    /// A scalar from `scalars`, an empty or small list or mapping, or a piece of the document
    /// itself (a real value of the wrong kind).
    static func randomValue(donor: Node, _ random: inout FuzzRandom) -> Node {
        switch random.below(6) {
        case 0, 1, 2: return Node(scalars[random.below(scalars.count)])
        case 3: return Node.sequence(Node.Sequence([Node(scalars[random.below(scalars.count)]), Node(scalars[random.below(scalars.count)])]))
        case 4: return Node.mapping(Node.Mapping([(Node(keys[random.below(keys.count)]), Node(scalars[random.below(scalars.count)]))]))
        default: return piece(of: donor, &random)
        }
    }

    static func piece(of node: Node, _ random: inout FuzzRandom) -> Node {
        switch node {
        case let .mapping(mapping) where !mapping.isEmpty && random.below(3) != 0:
            return piece(of: Array(mapping)[random.below(mapping.count)].value, &random)
        case let .sequence(sequence) where !sequence.isEmpty && random.below(3) != 0:
            return piece(of: sequence[random.below(sequence.count)], &random)
        default:
            return node
        }
    }
}
