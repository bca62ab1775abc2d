import ArgumentParser
import FixedMath

import Foundation

/// Why a subcommand did not succeed, and so which exit code it ends with.
public struct CommandFailure: Error, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The input is malformed or impossible: exit code 2.
        case badInput
        /// The rules refused (a trade below a minimum reserve, say) or a check failed: exit code 1.
        case refused
    }

    public let kind: Kind
    public let message: String

    public static func badInput(_ message: String) -> CommandFailure { .init(kind: .badInput, message: message) }
    public static func refused(_ message: String) -> CommandFailure { .init(kind: .refused, message: message) }

    public var description: String { message }

    public var exitCode: Int32 { kind == .badInput ? 2 : 1 }
}

/// Runs `dtao` with the project's exit-code contract: 0 success, 1 refused or check failed,
/// 2 bad input. ArgumentParser's own usage errors (its default code is 64) become 2.
public enum DTaoMain {
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Int32 {
        do {
            var command = try DTao.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as CommandFailure {
            writeToStandardError("error: \(failure.message)\n")
            return failure.exitCode
        } catch let failure as FixedMathError {
            writeToStandardError("error: \(failure)\n")
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
            return 2
        }
    }

    static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
