"""Independent values for the monitor's statistics, computed with SciPy and NumPy.

Writes src/test/resources/fixtures/drift.json: the inputs of each case and what SciPy says.
Run from the monitor module with Debian's interpreter (python3-scipy, python3-numpy):

    /usr/bin/python3 src/test/python/make_drift_fixtures.py
"""
import csv
import json
import os

import numpy as np
from scipy import stats
from scipy.spatial import distance

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "models", "data")
OUT = os.path.join(HERE, "..", "resources", "fixtures", "drift.json")
BINS = 10
EPS = 1e-4


def quantile_edges(reference):
    """min, the reference's deciles (linear interpolation), max: unique and sorted."""
    qs = np.quantile(reference, np.linspace(0, 1, BINS + 1))
    return np.unique(qs)


def bin_counts(edges, values):
    """Bin 0 below the reference's min, the last above its max, (e[j-1], e[j]] in between."""
    interior = max(len(edges) - 1, 1)
    counts = np.zeros(interior + 2)
    for v in values:
        if v < edges[0]:
            counts[0] += 1
        elif v > edges[-1]:
            counts[-1] += 1
        else:
            j = int(np.searchsorted(edges, v, side="left"))
            counts[max(j, 1)] += 1
    return counts


def smoothed(counts):
    p = counts / counts.sum()
    p = np.maximum(p, EPS)
    return p / p.sum()


def numeric_case(name, reference, current):
    reference = np.asarray(reference, dtype=np.float64)
    current = np.asarray(current, dtype=np.float64)
    edges = quantile_edges(reference)
    ref_p = smoothed(bin_counts(edges, reference))
    cur_p = smoothed(bin_counts(edges, current))
    n, m = len(reference), len(current)
    ks = stats.ks_2samp(reference, current, method="exact" if n * m < 10000 else "asymp")
    if n * m < 10000:
        method, p_value = "exact", ks.pvalue
    else:
        # Kolmogorov's limiting distribution at sqrt(nm/(n+m)) D, the estimator Commons Math
        # uses for large samples (SciPy's "asymp" rounds to a one-sample kstwo instead).
        method = "kolmogorov-limit"
        p_value = stats.kstwobign.sf(np.sqrt(n * m / (n + m)) * ks.statistic)
    std = np.std(reference)
    return {
        "name": name,
        "reference": reference.tolist(),
        "current": current.tolist(),
        "edges": edges.tolist(),
        "psi": float(np.sum((cur_p - ref_p) * np.log(cur_p / ref_p))),
        "kl": float(stats.entropy(cur_p, ref_p)),
        "js": float(distance.jensenshannon(cur_p, ref_p, base=2)),
        "ks_statistic": float(ks.statistic),
        "ks_p_value": float(p_value),
        "ks_method": method,
        "wasserstein": float(stats.wasserstein_distance(reference, current)),
        "reference_std": float(std),
    }


def digits_column(path, column):
    with open(path) as f:
        return [float(row[column]) for row in csv.DictReader(f)]


def chi_square_case(reference_counts, current_counts):
    table = np.array([reference_counts, current_counts])
    keep = table.sum(axis=0) > 0
    statistic, p, _, _ = stats.chi2_contingency(table[:, keep], correction=False)
    return {"reference": reference_counts, "current": current_counts,
            "statistic": float(statistic), "p_value": float(p)}


def benjamini_hochberg(p, alpha):
    p = np.asarray(p)
    order = np.argsort(p)
    ranked = p[order] * len(p) / np.arange(1, len(p) + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty_like(adjusted)
    out[order] = np.minimum(adjusted, 1.0)
    return {"p_values": p.tolist(), "alpha": alpha, "adjusted": out.tolist(),
            "rejected": (out <= alpha).tolist(),
            "bonferroni_rejected": (p * len(p) <= alpha).tolist()}


def classification_case(truth, predicted, classes):
    cm = np.zeros((classes, classes))
    for t, p in zip(truth, predicted):
        cm[t, p] += 1
    tp = np.diag(cm)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.nan_to_num(tp / cm.sum(axis=0))
        recall = np.nan_to_num(tp / cm.sum(axis=1))
        f1 = np.nan_to_num(2 * precision * recall / (precision + recall))
    present = (cm.sum(axis=0) + cm.sum(axis=1)) > 0
    return {"truth": truth, "predicted": predicted, "classes": classes,
            "accuracy": float(tp.sum() / cm.sum()),
            "precision": precision.tolist(), "recall": recall.tolist(), "f1": f1.tolist(),
            "macro_precision": float(precision[present].mean()),
            "macro_recall": float(recall[present].mean()),
            "macro_f1": float(f1[present].mean())}


def main():
    rng = np.random.default_rng(20261201)
    reference_csv = os.path.join(DATA, "digits_reference.csv")
    test_csv = os.path.join(DATA, "digits_test.csv")
    numeric = [
        numeric_case("normal-vs-shifted", rng.normal(0, 1, 300), rng.normal(0.3, 1.2, 200)),
        numeric_case("normal-same", rng.normal(5, 2, 400), rng.normal(5, 2, 150)),
        numeric_case("small-exact", rng.normal(0, 1, 30), rng.normal(0.8, 1, 25)),
        numeric_case("out-of-range", rng.uniform(0, 1, 200), rng.uniform(0.5, 1.7, 120)),
        numeric_case("digits-p20", digits_column(reference_csv, "p20"), digits_column(test_csv, "p20")),
        numeric_case("digits-p43-halved", digits_column(reference_csv, "p43"),
                     [v * 0.5 for v in digits_column(test_csv, "p43")]),
        numeric_case("constant-reference", [0.0] * 100, [0.0] * 80 + [3.0] * 20),
    ]
    truth = rng.integers(0, 4, 120).tolist()
    predicted = [t if rng.random() < 0.7 else int(rng.integers(0, 4)) for t in truth]
    fixtures = {
        "bins": BINS,
        "eps": EPS,
        "numeric": numeric,
        "chi_square": [chi_square_case([50, 40, 30, 20, 10], [20, 25, 30, 35, 40]),
                       chi_square_case([30, 0, 30, 40], [28, 0, 33, 39])],
        "multiple_testing": benjamini_hochberg(
            [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216], 0.05),
        "classification": classification_case(truth, predicted, 5),
    }
    with open(OUT, "w") as f:
        json.dump(fixtures, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
