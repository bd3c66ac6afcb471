/// Exact sampling of the discrete Laplace (two-sided geometric) distribution,
/// P(Z = z) ∝ exp(−|z| / scale) with `scale = t / s`, after Canonne, Kamath and Steinke, "The Discrete
/// Gaussian for Differential Privacy" (2020), algorithms 1 and 2.
///
/// Only integer arithmetic and uniform integers are used: no floating-point logarithm whose rounding
/// could leak the true count (Mironov's attack on floating-point Laplace noise).
struct DiscreteLaplace {
    let t: UInt64
    let s: UInt64

    func sample(_ random: inout NoiseSource) throws(DisclosureError) -> Int {
        while true {
            let u = try random.uniform(below: t)
            guard try Self.bernoulliExp(u, t, &random) else { continue }
            var v: UInt64 = 0
            while try Self.bernoulliExp(1, 1, &random) { v += 1 }
            let y = Int((u + t * v) / s)
            let negative = try random.bernoulli(1, 2)
            if negative && y == 0 { continue }
            return negative ? -y : y
        }
    }

    /// True with probability exp(−numerator / denominator).
    static func bernoulliExp(_ numerator: UInt64, _ denominator: UInt64, _ random: inout NoiseSource) throws(DisclosureError) -> Bool {
        if numerator > denominator {
            for _ in 0 ..< numerator / denominator where !(try bernoulliExp(1, 1, &random)) { return false }
            return try bernoulliExp(numerator % denominator, denominator, &random)
        }
        // γ ≤ 1: draw Bernoulli(γ/k) for k = 1, 2, … until one fails; the first failure at an odd k has
        // probability exp(−γ).
        var k: UInt64 = 1
        while try random.bernoulli(numerator, denominator * k) { k += 1 }
        return k % 2 == 1
    }
}
