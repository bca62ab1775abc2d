import Foundation
import Testing

@Suite struct RootCommandTests {
    @Test func helpListsTheSubcommandsAndExitsZero() throws {
        let result = try CLI.run(["--help"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("emission"))
        #expect(result.standardOutput.contains("schedule"))
        #expect(result.standardOutput.contains("Exit codes"))
        // Every exit code of the contract, 3 (the machine failed) included.
        let words = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for code in ["0 success", "1 the rules refused", "2 bad input", "3 the machine failed"] { #expect(words.contains(code), "\(code)") }
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try CLI.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0.3.0")
    }

    @Test(arguments: [["--no-such-flag"], ["no-such-command"], ["emission"], ["emission", "--issuance"]])
    func parsingErrorsExitWithTwo(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("Error") || result.standardError.contains("error"))
        #expect(result.standardOutput.isEmpty)
    }
}

@Suite struct BenchCommandTests {
    @Test func benchReportsEveryCaseWithAllocations() throws {
        let result = try CLI.run(["bench", "--iterations", "200", "--blocks", "3", "--format", "csv"])
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first == "case,operations,ns_per_op,objects_per_op,gmp_allocs_per_op,peak_rss_mib")
        #expect(lines.count == 22)
        // One Yuma epoch per case at --iterations 200 (÷ 2,000, at least one); natively no GMP
        // object but the case's one result.
        let epochs = lines.filter { $0.hasPrefix("YumaEpoch") }
        #expect(epochs.count == 3 && epochs.allSatisfy { $0.split(separator: ",")[1] == "1" })
        #expect(epochs.filter { !$0.contains("GMP") }.allSatisfy { Double($0.split(separator: ",")[3]).map { $0 <= 1 } == true })
        // The weighted swap and injection allocate nothing (the case's one result object aside).
        for line in lines where line.hasPrefix("SubnetPool") && line.contains("head-2026-06") {
            let fields = line.split(separator: ",")
            #expect(Double(fields[3]).map { $0 <= 0.01 } == true && Double(fields[4]).map { $0 <= 0.01 } == true, "\(line)")
        }
        // The network cases count subnet-blocks: 3 blocks × 128 subnets.
        #expect(lines.filter { $0.hasPrefix("coinbase step 128 subnets") }.allSatisfy { $0.split(separator: ",")[1] == "384" })
        // In-place cases reuse storage: only the first operation of a run allocates.
        let inPlace = lines.filter { $0.contains("in place") }
        #expect(inPlace.count == 6)
        for line in inPlace {
            let fields = line.split(separator: ",")
            #expect(Double(fields[3]).map { $0 < 0.1 } == true, "\(line)")
            #expect(Double(fields[4]).map { $0 < 0.1 } == true, "\(line)")
        }
        #expect(lines.filter { $0.contains("(pure)") }.allSatisfy { $0.split(separator: ",")[3...4] == ["1.00", "1.00"] })
    }

    @Test func benchRejectsBadInput() throws {
        #expect(try CLI.run(["bench", "--iterations", "0"]).exitCode == 2)
        #expect(try CLI.run(["bench", "--filter", "nothing-matches"]).exitCode == 2)
        #expect(try CLI.run(["bench", "--subnets", "0"]).exitCode == 2)
        #expect(try CLI.run(["bench", "--subnets", "4097"]).exitCode == 2)
    }

    @Test func benchStepsTheNumberOfSubnetsAsked() throws {
        let result = try CLI.run(["bench", "--filter", "subnets @ card", "--subnets", "8", "--blocks", "5", "--format", "csv"])
        #expect(result.exitCode == 0)
        let rows = result.standardOutput.split(separator: "\n").dropFirst()
        #expect(rows.count == 2)  // native and GMP reference
        // 5 blocks × 8 subnets: operations count subnet-blocks.
        #expect(rows.allSatisfy { $0.hasPrefix("coinbase step 8 subnets @ card") && $0.split(separator: ",")[1] == "40" })
    }
}
