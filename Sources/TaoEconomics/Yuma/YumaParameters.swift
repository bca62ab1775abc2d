/// Which bonds-and-dividends rule an epoch uses (§6.4).
public enum YumaMechanism: String, Sendable, Codable, CaseIterable {
    /// Original Yuma: column-normalised bond EMA, stored max-upscaled; dividends Σ_j B_ij · I_j.
    case yuma
    /// Yuma3: bonds as u16 proportions, per-entry (liquid) EMA, stored without upscaling;
    /// dividends weighted by the validator's active stake.
    case yuma3
}

/// Which version of the epoch code runs (§6, §9.7).
public enum EpochCode: String, Sendable, Codable, CaseIterable {
    /// `epoch` at the launch snapshot: top-k permits (zero stake may get one), bonds masked by
    /// the validator's last update, optional logistic liquid alpha for original Yuma.
    case launch
    /// `epoch_mechanism` at HEAD: non-zero top-k permits, the owner's UID always permitted and
    /// allowed a self-weight, stake threshold, bonds masked by the last epoch block, Yuma3.
    case head
}

/// Liquid alpha: a per-bond EMA rate between `alphaLow` and `alphaHigh` (u16 proportions of
/// 65535). Yuma3 uses the sigmoid with `steepness` (`AlphaSigmoidSteepness`, i16); original
/// Yuma at launch the logistic through the consensus quartiles (steepness unused).
public struct LiquidAlpha: Sendable, Equatable, Codable {
    /// Lower bound of the EMA rate, u16 (default 45875 ≈ 0.7).
    public var alphaLow: UInt16
    /// Upper bound of the EMA rate, u16 (default 58982 ≈ 0.9).
    public var alphaHigh: UInt16
    /// Sigmoid steepness (default 1000).
    public var steepness: Int16

    /// Liquid alpha with the given bounds and steepness (the chain's defaults).
    public init(alphaLow: UInt16 = 45_875, alphaHigh: UInt16 = 58_982, steepness: Int16 = 1_000) {
        self.alphaLow = alphaLow
        self.alphaHigh = alphaHigh
        self.steepness = steepness
    }
}

/// A subnet's epoch hyperparameters (§7.5), with HEAD's defaults.
public struct YumaParameters: Sendable, Equatable, Codable {
    /// Bonds and dividends rule.
    public var mechanism: YumaMechanism
    /// Epoch code version (Yuma3 exists only at HEAD).
    public var code: EpochCode
    /// κ as u16 (`Kappa`, default 32767 ≈ 0.5).
    public var kappa: UInt16
    /// `BondsMovingAverage` in millionths (default 900,000: α = 0.1).
    public var bondsMovingAverage: UInt64
    /// β as u16 (`BondsPenalty`, 65535 at HEAD, 0 at launch).
    public var bondsPenalty: UInt16
    /// Liquid alpha, or nil when off (`LiquidAlphaOn`). At HEAD only Yuma3 uses it.
    public var liquidAlpha: LiquidAlpha?
    /// `MaxAllowedValidators` (default 64).
    public var maxAllowedValidators: Int
    /// Blocks after its last update that a UID stays active (default 5000).
    public var activityCutoffBlocks: UInt64
    /// HEAD's `StakeThreshold` in rao: stake below it counts as 0, the owner's excepted.
    public var stakeThresholdRao: UInt64
    /// The UID of the subnet owner's hotkey when registered (HEAD only), else nil.
    public var ownerUID: Int?

    /// Parameters with the chain's defaults for `mechanism` under `code`.
    public init(
        mechanism: YumaMechanism, code: EpochCode = .head, kappa: UInt16 = 32_767,
        bondsMovingAverage: UInt64 = 900_000, bondsPenalty: UInt16? = nil, liquidAlpha: LiquidAlpha? = nil,
        maxAllowedValidators: Int = 64, activityCutoffBlocks: UInt64 = 5_000, stakeThresholdRao: UInt64 = 0, ownerUID: Int? = nil
    ) {
        self.mechanism = mechanism
        self.code = mechanism == .yuma3 ? .head : code
        self.kappa = kappa
        self.bondsMovingAverage = bondsMovingAverage
        self.bondsPenalty = bondsPenalty ?? (self.code == .head ? 65_535 : 0)
        self.liquidAlpha = liquidAlpha
        self.maxAllowedValidators = maxAllowedValidators
        self.activityCutoffBlocks = activityCutoffBlocks
        self.stakeThresholdRao = stakeThresholdRao
        self.ownerUID = ownerUID
    }
}

/// One epoch's inputs for a subnet of n UIDs (index = UID), as the chain reads them from storage.
public struct EpochInput: Sendable, Equatable {
    /// Alpha stake of each UID's hotkey (inherited), rao.
    public var alphaStakeRao: [UInt64]
    /// Root (TAO) stake of each UID's hotkey, rao; counted at `taoWeightU64` / u64::MAX.
    public var rootStakeRao: [UInt64]
    /// `TaoWeight` as stored (u64 proportion of u64::MAX).
    public var taoWeightU64: UInt64
    /// Stored weights: row i holds validator i's (UID, u16 weight) entries as set, explicit
    /// zeros included (they matter to Yuma3 bonds), each UID once; an empty row: no weights.
    /// Rows are taken in UID order (the chain keeps the order they were set in, and its
    /// Yuma3 liquid-alpha walk assumes UID order).
    public var weights: [[(uid: Int, weight: UInt16)]]
    /// Block at which each UID was last registered.
    public var registeredAt: [UInt64]
    /// Block of each UID's last weight update.
    public var lastUpdate: [UInt64]
    /// The block the epoch runs at.
    public var block: UInt64
    /// Block of the subnet's previous epoch (HEAD's `LastMechansimStepBlock`), 0 when none.
    public var lastEpochBlock: UInt64
    /// Tempo in blocks (HEAD masks bonds from `block − tempo` when there was no previous epoch).
    public var tempo: UInt64
    /// Alpha to distribute this epoch, rao.
    public var emissionRao: UInt64

    /// Inputs; `rootStakeRao` defaults to zeros.
    public init(
        alphaStakeRao: [UInt64], rootStakeRao: [UInt64]? = nil, taoWeightU64: UInt64 = 0, weights: [[(uid: Int, weight: UInt16)]],
        registeredAt: [UInt64], lastUpdate: [UInt64], block: UInt64, lastEpochBlock: UInt64 = 0, tempo: UInt64 = 360, emissionRao: UInt64
    ) {
        self.alphaStakeRao = alphaStakeRao
        self.rootStakeRao = rootStakeRao ?? Array(repeating: 0, count: alphaStakeRao.count)
        self.taoWeightU64 = taoWeightU64
        self.weights = weights
        self.registeredAt = registeredAt
        self.lastUpdate = lastUpdate
        self.block = block
        self.lastEpochBlock = lastEpochBlock
        self.tempo = tempo
        self.emissionRao = emissionRao
    }

    /// Number of UIDs.
    public var count: Int { alphaStakeRao.count }

    /// Equal when every field is (weights compared entry by entry).
    public static func == (a: EpochInput, b: EpochInput) -> Bool {
        a.alphaStakeRao == b.alphaStakeRao && a.rootStakeRao == b.rootStakeRao && a.taoWeightU64 == b.taoWeightU64
            && a.weights.count == b.weights.count
            && zip(a.weights, b.weights).allSatisfy { $0.count == $1.count && zip($0, $1).allSatisfy { $0.uid == $1.uid && $0.weight == $1.weight } }
            && a.registeredAt == b.registeredAt && a.lastUpdate == b.lastUpdate && a.block == b.block
            && a.lastEpochBlock == b.lastEpochBlock && a.tempo == b.tempo && a.emissionRao == b.emissionRao
    }
}

/// One stored bond: validator → UID, u16.
public struct StoredBond: Sendable, Equatable, Codable {
    /// The UID bonded to.
    public var uid: UInt16
    /// The bond as stored (u16).
    public var bond: UInt16

    /// A bond on `uid`.
    public init(uid: UInt16, bond: UInt16) {
        self.uid = uid
        self.bond = bond
    }
}

/// What an epoch leaves in storage for the next: bonds and validator permits.
public struct EpochState: Sendable, Equatable, Codable {
    /// Stored bonds, sparse: row i holds validator i's non-zero bonds in UID order (a stored 0
    /// acts as no bond in every step of the epoch, so none is kept).
    public var bondRows: [[StoredBond]]
    /// Stored validator permits.
    public var validatorPermits: [Bool]

    /// A state from dense bonds (`bonds[i][j]`: validator i's u16 bond on UID j; 0: none) and permits.
    public init(bonds: [[UInt16]], validatorPermits: [Bool]) {
        bondRows = bonds.map { row in row.enumerated().compactMap { $1 == 0 ? nil : StoredBond(uid: UInt16($0), bond: $1) } }
        self.validatorPermits = validatorPermits
    }

    /// A state from sparse bond rows and permits.
    public init(bondRows: [[StoredBond]], validatorPermits: [Bool]) {
        self.bondRows = bondRows
        self.validatorPermits = validatorPermits
    }

    /// The bonds as a dense n × n matrix (n = rows), as `dtao epoch` prints them.
    public var bonds: [[UInt16]] {
        let n = bondRows.count
        return bondRows.map { row in
            var dense = [UInt16](repeating: 0, count: n)
            for entry in row where Int(entry.uid) < n { dense[Int(entry.uid)] = entry.bond }
            return dense
        }
    }
}

/// An epoch's results, as the chain stores and pays them.
public struct EpochOutput: Sendable, Equatable {
    /// Stake-weighted median weight per UID, u16 (`Consensus`).
    public var consensus: [UInt16]
    /// Normalised rank per UID, u16 (`Incentive`).
    public var incentive: [UInt16]
    /// Normalised dividends per UID, u16 (`Dividends`).
    public var dividends: [UInt16]
    /// Sum of each validator's clipped weights, u16 (`ValidatorTrust`).
    public var validatorTrust: [UInt16]
    /// Normalised stake per UID, u16 (`StakeWeight`).
    public var stakeWeight: [UInt16]
    /// Whether each UID was active.
    public var active: [Bool]
    /// Alpha each UID earns as a miner, rao.
    public var serverEmissionRao: [UInt64]
    /// Alpha each UID earns as a validator, rao.
    public var validatorEmissionRao: [UInt64]
    /// Incentive as I32F32 raw (sums to 1 within rounding, or 0).
    public var incentiveRaw: [Int64]
    /// Dividends as I32F32 raw (sums to 1 within rounding, or 0).
    public var dividendsRaw: [Int64]
    /// Bonds as computed this epoch, I32F32 raw per (validator, UID), before storage rounding.
    public var bondsRaw: SparseRows
    /// Storage after the epoch: bonds and permits.
    public var state: EpochState

    /// Total paid: Σ server + Σ validator emission, rao.
    public var paidRao: UInt64 { serverEmissionRao.reduce(0, +) + validatorEmissionRao.reduce(0, +) }
}
