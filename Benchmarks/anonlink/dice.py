#!/usr/bin/env python3
"""anonlink's Dice comparisons per second on one core, for the ratio against CohortLink's
`LinkageBenchmarks` "Dice level, 256-bit filters, popcount (per comparison, 1 thread)" on the same
machine.

anonlink compares two blocks of Bloom filters (`find_candidate_pairs` with `dice_coefficient`, its
C++ popcount kernel on one thread). Random filters of 6,000 × 6,000 (36 M comparisons), best of
three, at CohortLink's width (256 bits) and at anonlink's usual 1,024 bits.

Usage (see README.md):
    python3 -m venv /tmp/anon-venv && /tmp/anon-venv/bin/pip install -r Benchmarks/anonlink/requirements.txt
    /tmp/anon-venv/bin/python Benchmarks/anonlink/dice.py
"""
import os
import time

import anonlink
import bitarray


def random_filters(count: int, bits: int) -> list:
    filters = []
    for _ in range(count):
        f = bitarray.bitarray()
        f.frombytes(os.urandom(bits // 8))
        filters.append(f)
    return filters


def comparisons_per_second(bits: int, threshold: float, n: int = 6000, repeat: int = 3) -> float:
    best = 0.0
    for _ in range(repeat):
        left, right = random_filters(n, bits), random_filters(n, bits)
        start = time.perf_counter()
        anonlink.candidate_generation.find_candidate_pairs((left, right), anonlink.similarities.dice_coefficient, threshold)
        best = max(best, n * n / (time.perf_counter() - start))
    return best


if __name__ == "__main__":
    print(f"anonlink {anonlink.__version__}, one core, best of 3 blocks of 6,000 x 6,000 random filters")
    for bits in (256, 1024):
        for threshold in (0.65, 0.85):
            print(f"  {bits:5d}-bit filters, Dice threshold {threshold}: "
                  f"{comparisons_per_second(bits, threshold) / 1e6:6.0f} M comparisons/s")
