"""Shifted digits: held-out digits as a drifting input would make them.

Reads data/digits_test.csv and writes data/digits_shifted.csv (same header, same labels):
each 8x8 image is moved one pixel to the right, its intensities scaled by 0.7, Gaussian noise
(standard deviation 1.5) added, then clipped to 0..16 and rounded, like a camera that drifted
and dimmed. Deterministic (fixed seed). Needs only NumPy (Debian python3-numpy):

    /usr/bin/python3 models/tools/make_shifted_digits.py
"""
import csv
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "data", "digits_test.csv")
TARGET = os.path.join(HERE, "..", "data", "digits_shifted.csv")
SCALE = 0.7
NOISE = 1.5
SEED = 20261201


def shift(pixels, rng):
    image = np.asarray(pixels, dtype=np.float64).reshape(8, 8)
    moved = np.zeros_like(image)
    moved[:, 1:] = image[:, :-1]
    noisy = moved * SCALE + rng.normal(0, NOISE, moved.shape)
    return np.clip(np.rint(noisy), 0, 16).astype(int).reshape(-1)


def main():
    rng = np.random.default_rng(SEED)
    with open(SOURCE) as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    with open(TARGET, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row[0]] + shift([int(v) for v in row[1:]], rng).tolist())


if __name__ == "__main__":
    main()
