import Foundation

/// A path as dtao writes it into its outputs (manifests, baselines, state files, sweep records,
/// reports): relative to the current directory, so no output names the machine's own folders
/// and two machines running the same command from the same layout write the same bytes.
///
///     of("Scenarios/baseline.yaml")                  == "Scenarios/baseline.yaml"   // relative: as given
///     of("/work/main/Scenarios/baseline.yaml")       == "Scenarios/baseline.yaml"   // from /work/main
///     of("/data/prices.csv")                         == "../../data/prices.csv"     // from /work/main
public enum DisplayPath {
    /// `path` relative to the current directory (unchanged when already relative).
    public static func of(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let target = URL(fileURLWithPath: path).standardized.pathComponents
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardized.pathComponents
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
