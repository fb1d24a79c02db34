"""SiluA.Tail, Shoulder, Centre: minimax fits of SiLU (absolute error), each in its centred variable.

Tail: [-14, -8), degree 4 in t = (x + 11)/4. Shoulder: [-8, -1.75), degree 8 in
t = (x + 4.875)/4. Centre: [-1.75, 1.75), x/2 (= t) plus an even degree-8 fit of silu(x) - x/2
in t = x/2. The positive segments are mirrors (SiluA.Mirror), not fits.
"""

import math

import minimax
from common import Constant, print_constants


def silu(x):
    return x / (1 + math.exp(-x))


def segment(centre, shift, low, high, degree):
    scale = 2 ** shift
    return minimax.fit(lambda t: silu(t * scale + centre), minimax.power_basis(range(degree + 1)),
                       (low - centre) / scale, (high - centre) / scale)


def centre_segment(half_width=1.75):
    # silu(x) - x/2 is even: fit it as a polynomial in s = t^2, t = x/2.
    odd_free = lambda s: silu(2 * math.sqrt(s)) - math.sqrt(s)
    even, error = minimax.fit(odd_free, minimax.power_basis(range(5)), 0, (half_width / 2) ** 2)
    coefficients = [0.0] * 9
    for k, c in enumerate(even):
        coefficients[2 * k] = c
    coefficients[1] = 1.0  # x/2 = t
    return coefficients, error


def fits():
    tail, tail_error = segment(-11, 2, -14, -8, 4)
    shoulder, shoulder_error = segment(-4.875, 2, -8, -1.75, 8)
    centre, centre_error = centre_segment()
    return (
        [Constant("SiluA.cs", "Tail", tail), Constant("SiluA.cs", "Shoulder", shoulder), Constant("SiluA.cs", "Centre", centre)],
        [f"max abs error: tail {tail_error:.2e}, shoulder {shoulder_error:.2e}, centre {centre_error:.2e}"])


if __name__ == "__main__":
    print_constants(*fits())
