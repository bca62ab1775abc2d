import ArgumentParser
import FixedMath
import Foundation
import Reporting
import Simulation

/// Why a subcommand did not succeed, and so which exit code it ends with.
public struct CommandFailure: Error, CustomStringConvertible {
    /// Which part of the contract a failure falls under.
    public enum Kind: Sendable {
        /// The input is malformed or impossible: exit code 2.
        case badInput
        /// The rules refused (a trade below a minimum reserve, say) or a check failed: exit code 1.
        case refused
        /// The machine failed it (disk full, an unwritable folder): exit code 3.
        case machine
    }

    /// Which exit code the failure ends with.
    public let kind: Kind
    /// What went wrong, for the user (printed after "error: ").
    public let message: String
    /// Where in a scenario file the bad input is, when it is in one.
    public let location: ScenarioError?

    init(kind: Kind, message: String, location: ScenarioError? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    /// Malformed or impossible input (exit 2), optionally located in a scenario file.
    public static func badInput(_ message: String, at location: ScenarioError? = nil) -> CommandFailure {
        .init(kind: .badInput, message: message, location: location)
    }
    /// The rules refused or a check failed (exit 1).
    public static func refused(_ message: String) -> CommandFailure { .init(kind: .refused, message: message) }
    /// The machine failed it (exit 3).
    public static func machine(_ message: String) -> CommandFailure { .init(kind: .machine, message: message) }

    public var description: String { message }

    /// 1 refused, 2 bad input, 3 the machine failed.
    public var exitCode: Int32 {
        switch kind {
        case .refused: return 1
        case .badInput: return 2
        case .machine: return 3
        }
    }

    /// A run's failure under the contract: a scenario mistake is bad input, an invariant
    /// violation a failed check, an output failure the machine's.
    public init(_ error: RunError) {
        switch error {
        case let .scenario(problem): self = .badInput(problem.description, at: problem)
        case let .invariant(violation): self = .refused(violation.description)
        case let .output(failure): self = .machine("\(failure); nothing was written")
        case .resume: self = .badInput(error.description)
        case .ledger: self = .refused("\(error.description); nothing was written")
        }
    }

    /// A report directory that cannot be used.
    public init(_ error: ReportDirectoryError) {
        self = error.isMachineFailure ? .machine(error.description) : .badInput(error.description)
    }
}

/// The JSON error object a command asked for with `--format json` prints on stdout when it
/// fails: `{"ok": false, "error": {"kind", "exit_code", "message", "file", "key_path", "line"}}`.
struct JSONErrorReport: Encodable {
    struct Details: Encodable {
        let kind: String
        let exitCode: Int32
        let message: String
        let file: String?
        let keyPath: String?
        let line: Int?

        enum CodingKeys: String, CodingKey { case kind, exitCode, message, file, keyPath, line }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(exitCode, forKey: .exitCode)
            try container.encode(message, forKey: .message)
            try container.encode(file, forKey: .file)
            try container.encode(keyPath, forKey: .keyPath)
            try container.encode(line, forKey: .line)
        }
    }

    let ok = false
    let error: Details
}

/// Runs `dtao` with the project's exit-code contract: 0 success, 1 refused or check failed,
/// 2 bad input, 3 the machine failed. ArgumentParser's own usage errors (its default code is
/// 64) become 2. When the arguments ask for `--format json`, a failure also prints a JSON error
/// object on stdout (the message still goes to stderr).
public enum DTaoMain {
    /// Parses `arguments` as a `dtao` command line, runs it and returns its exit code.
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Int32 {
        let json = wantsJSON(arguments)
        do {
            var command = try DTao.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as CommandFailure {
            writeToStandardError("error: \(failure.message)\n")
            if json { printJSON(kind: failure.kind, code: failure.exitCode, message: failure.message, location: failure.location) }
            return failure.exitCode
        } catch let failure as FixedMathError {
            writeToStandardError("error: \(failure)\n")
            if json { printJSON(kind: .badInput, code: 2, message: "\(failure)", location: nil) }
            return 2
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let code = DTao.exitCode(for: error)
            let message = DTao.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if !message.isEmpty { writeToStandardError(message + "\n") }
            if json { printJSON(kind: .badInput, code: 2, message: DTao.message(for: error), location: nil) }
            return 2
        }
    }

    /// `--format json` or `--format=json` among the arguments.
    static func wantsJSON(_ arguments: [String]) -> Bool {
        zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "json" } || arguments.contains("--format=json")
    }

    static func printJSON(kind: CommandFailure.Kind, code: Int32, message: String, location: ScenarioError?) {
        let name = switch kind {
        case .badInput: "bad_input"
        case .refused: "refused"
        case .machine: "machine"
        }
        let details = JSONErrorReport.Details(kind: name, exitCode: code, message: message, file: location?.file,
                                              keyPath: location.map(\.keyPath.description), line: location?.line)
        print(JSONText.encode(JSONErrorReport(error: details)), terminator: "")
    }

    static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
