import CohortModel
import Foundation

/// The generator's own pseudo-random numbers: xoshiro256** seeded through SplitMix64.
///
/// The standard library's `SystemRandomNumberGenerator` cannot be seeded, and its algorithm may
/// change between releases; owning the algorithm is what makes the same seed give the same bytes
/// on every machine and every toolchain.
struct Random: RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// The second normal deviate of the last polar-method pair, not yet handed out.
    private var spareNormal: Double?

    /// A stream for one purpose. Each purpose (population, schools, one child's messiness…) has its
    /// own stream, so drawing one more number in one part never shifts the numbers of another.
    init(seed: UInt64, stream: Stream, _ a: UInt64 = 0, _ b: UInt64 = 0) {
        var mixer = SplitMix64(state: seed)
        mixer.state ^= SplitMix64.mix(stream.rawValue &* SplitMix64.increment &+ a)
        mixer.state ^= SplitMix64.mix(b &+ 0x632B_E59B_D9B4_E019)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is the one xoshiro cannot leave
    }

    mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in `0..<n` (Lemire's multiply-shift, with rejection so there is no modulo bias).
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// Uniform in the closed range.
    mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }

    /// Uniform in [0, 1), 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Standard normal, by Marsaglia's polar method: pairs of deviates for one logarithm and no
    /// trigonometry (normals are the most frequent draw in the generator).
    mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * unit() - 1, v = 2 * unit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    mutating func exponential(mean: Double) -> Double { -mean * log(1 - unit()) }

    /// Poisson by inversion: the rates here are small (suspensions per pupil-year).
    mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda > 30 { return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded())) }
        var k = 0
        var p = exp(-lambda)
        var cumulative = p
        let u = unit()
        while u > cumulative && k < 200 {
            k += 1
            p *= lambda / Double(k)
            cumulative += p
        }
        return k
    }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// The purposes that get their own random stream.
enum Stream: UInt64 {
    case population = 1, schools, enrolment, socialCareSelection, episodes, messiness, outcomes, schoolNames, dual, names, authorities
}

/// The logistic function, used to turn a linear propensity into a probability or a rate.
@inline(__always) func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
