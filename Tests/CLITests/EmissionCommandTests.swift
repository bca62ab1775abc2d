import Foundation
import Testing

@Suite struct EmissionCommandTests {
    @Test(arguments: [("0", "1000000000"), ("10500000000000000", "500000000"), ("20979493000000000", "976562"),
                      ("21000000000000000", "0"), ("10.5M TAO", "500000000"), ("1.05e16 rao", "500000000"), ("21000000TAO", "0")])
    func emissionPrintsOneInteger(_ issuance: String, _ expected: String) throws {
        let result = try CLI.run(["emission", "--issuance", issuance])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == expected + "\n")
    }

    @Test(arguments: [["emission", "--issuance", "-5"], ["emission", "--issuance", "1.5"],
                      ["emission", "--issuance", "18446744073709551616"], ["emission", "--issuance", ""],
                      ["emission", "--issuance", "1 000"], ["emission", "--issuance", "18446744073709551615"],
                      ["emission", "--issuance", "21000000000000001"], ["emission", "--issuance", "22M TAO"],
                      ["emission", "--issuance", "0.5 rao"], ["emission", "--issuance", "10.3 MTAO"], ["emission", "--issuance", "1e99"],
                      ["schedule", "--from-issuance", "10300000.0000000001 TAO"], ["issuance", "--block", "-1"],
                      ["issuance", "--block", "abc"], ["issuance", "--block", "99999999999999999999"],
                      ["issuance", "--block", "5", "--halving", "weekly"],
                      ["schedule", "--from-issuance", "-1"], ["schedule", "--from-issuance", "21000000000000001"],
                      ["schedule", "--from-date", "2025-02-30"], ["schedule", "--blocks-per-day", "0"],
                      ["schedule", "--format", "xml"]])
    func badInputGetsAClearErrorAndExitCodeTwo(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.exitCode == 2, "\(arguments)")
        #expect(!result.standardError.isEmpty)
        #expect(result.standardOutput.isEmpty)
    }

    /// Found from outside: an issuance above the cap printed 0 with exit 0, and a TAO figure
    /// given where rao are read printed a plausible table. Both now show.
    @Test func theIssuanceReadIsEchoedWithItsUnitAndTheCapIsEnforced() throws {
        let emission = try CLI.run(["emission", "--issuance", "10.3M TAO"])
        #expect(emission.standardOutput == "1000000000\n")
        #expect(emission.standardError == "issuance: 10300000 TAO (10300000000000000 rao)\n")
        let above = try CLI.run(["emission", "--issuance", "22000000000000000"])
        #expect(above.exitCode == 2)
        #expect(above.standardError.contains("above the 21,000,000 TAO cap"))
        // A TAO figure read as rao: the first line says 0.0103 TAO.
        let misread = try CLI.run(["schedule", "--from-issuance", "10300000"])
        #expect(misread.standardOutput.hasPrefix("from issuance 0.0103 TAO (10300000 rao)\n"), "\(misread.standardOutput)")
        let csv = try CLI.run(["schedule", "--from-issuance", "10300000 TAO", "--format", "csv"])
        #expect(csv.standardOutput.hasPrefix("era,"))
        #expect(csv.standardError == "from issuance 10300000 TAO (10300000000000000 rao)\n")
    }

    @Test func negativeValueMessageNamesTheProblem() throws {
        let result = try CLI.run(["emission", "--issuance", "-5"])
        #expect(result.standardError.contains("cannot be negative"))
        #expect(result.standardError.contains("--issuance"))
    }

    @Test func issuanceAtABlock() throws {
        #expect(try CLI.run(["issuance", "--block", "0"]).standardOutput == "0\n")
        #expect(try CLI.run(["issuance", "--block", "10500001"]).standardOutput == "10500000500000000\n")
        #expect(try CLI.run(["issuance", "--block", "315000000", "--halving", "blocks"]).standardOutput == "20999999863500000\n")
    }

    @Test func scheduleCSVHasEveryEraToZero() throws {
        let result = try CLI.run(["schedule", "--format", "csv"])
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first == "era,start_block,start_issuance_rao,emission_rao_per_block,start_date,blocks,end_issuance_rao")
        #expect(lines.count == 32)
        #expect(lines[11] == "10,105000000,20979492187500000,976562,2061-10-25,10500006,20989746094359372")
        #expect(lines.last?.hasPrefix("30,328414167,20999999980442226,0,") == true)
    }

    /// "When is the next halving?" from 10.3M TAO on 2025-11-15 at 7,161 blocks a day.
    @Test func scheduleProjectsFromAKnownPoint() throws {
        let result = try CLI.run(["schedule", "--from-issuance", "10300000000000000", "--from-date", "2025-11-15",
                                  "--blocks-per-day", "7161", "--format", "json"])
        #expect(result.exitCode == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.first?["start_block"] as? Int == 0)
        #expect(rows.first?["start_date"] as? String == "2025-11-15")
        // 200,000 TAO at 1 TAO a block: block 200,000, day ⌊200000 / 7161⌋ = 27 → 2025-12-12.
        #expect(rows[1]["start_block"] as? Int == 200_000)
        #expect(rows[1]["start_date"] as? String == "2025-12-12")
        #expect(rows[1]["emission_rao_per_block"] as? Int == 500_000_000)
        #expect(rows.last?["blocks"] is NSNull)
    }

    @Test func scheduleTableIsReadable() throws {
        let result = try CLI.run(["schedule", "--halving", "blocks"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("emission_rao_per_block"))
        // The starting issuance, the header and 31 eras.
        #expect(result.standardOutput.split(separator: "\n").count == 33)
        #expect(result.standardOutput.hasPrefix("from issuance 0 TAO (0 rao)\n"))
    }
}
