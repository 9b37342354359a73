#!/usr/bin/env python3
"""Build Convoy's sample model repository (Triton layout) from scikit-learn's digits.

Writes, relative to the ``models/`` directory that holds this script's folder:

  data/digits_test.csv          held-out samples (raw pixels 0..16) with labels
  data/digits_reference.csv     500 training samples, a baseline for drift checks
  digits_mlp/1/model.onnx       MLP 64-256-256-10
  digits_cnn/1/model.onnx       small CNN on [1, 8, 8]
  digits_wide/1/model.onnx      compute-heavy MLP 64-768x3-10
  digits_*_pt/1/model.pt        the same three networks as TorchScript (traced), platform
                                pytorch_libtorch, with the ONNX twins' tensor names
  typed_identity/1/model.onnx   Identity per tensor type, built with onnx.helper
  half_identity/1/model.onnx    Identity on FP16 (raw-only in the protocol)
  */config.pbtxt                Triton model configurations
  README.md                     accuracy table between the generated-block markers

Every digits model takes RAW pixel values (0..16) as float32 and divides by 16
inside the network, so clients can send the CSV values unchanged.

Each exported ONNX graph is checked with ``onnx.checker`` and then executed by
a small numpy interpreter (below) so that the recorded accuracy is that of the
ONNX file itself, not only of the torch module it came from.

Needs Debian's python3-torch, python3-onnx and python3-sklearn; run it with
that interpreter (see make_models.sh). Everything is seeded and single-threaded,
so a rerun reproduces the same weights and numbers.
"""

import csv
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

MODELS_DIR = Path(__file__).resolve().parent.parent
SEED = 0
OPSET = 13
MAX_BATCH_SIZE = 128
REFERENCE_ROWS = 500
PIXEL_SCALE = 16.0  # digits pixels are integers 0..16

README_BEGIN = "<!-- accuracy-table:begin (written by tools/make_models.py) -->"
README_END = "<!-- accuracy-table:end -->"


# --------------------------------------------------------------------------
# Reproducibility and data
# --------------------------------------------------------------------------

def make_deterministic(seed=SEED):
    """Seed every RNG in play and pin torch to one thread, deterministic kernels."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)


def load_split():
    """Digits as raw float pixels (0..16), with the stratified 70/30 split."""
    digits = load_digits()
    x = digits.data.astype(np.float32)
    y = digits.target.astype(np.int64)
    return train_test_split(x, y, test_size=0.3, stratify=y, random_state=SEED)


def write_digits_csv(path, x, y):
    """One row per sample: label, then the 64 raw pixels as integers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["label"] + [f"p{i}" for i in range(x.shape[1])])
        for pixels, label in zip(x, y):
            writer.writerow([int(label)] + [int(round(float(p))) for p in pixels])


def reference_sample(x_train, y_train, rows=REFERENCE_ROWS, seed=SEED):
    """A fixed random subset of the training inputs, kept in training order."""
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(len(x_train), size=rows, replace=False))
    return x_train[idx], y_train[idx]


# --------------------------------------------------------------------------
# Networks: raw pixels in, (logits, probabilities) out
# --------------------------------------------------------------------------

class DigitsMLP(nn.Module):
    """Fully connected ReLU network on the flat 64 pixels."""

    def __init__(self, hidden):
        super().__init__()
        layers, width = [], 64
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, 10))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        logits = self.net(x / PIXEL_SCALE)
        return logits, torch.softmax(logits, dim=1)


class DigitsCNN(nn.Module):
    """Two 3x3 convolutions, one 2x2 max-pool, two linear layers; input [N, 1, 8, 8]."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Linear(32 * 4 * 4, 64), nn.ReLU(),
            nn.Linear(64, 10),
        )

    def forward(self, x):
        h = torch.flatten(self.features(x / PIXEL_SCALE), 1)
        logits = self.classifier(h)
        return logits, torch.softmax(logits, dim=1)


def train(model, x, y, epochs, lr=1e-3, batch_size=64, seed=SEED):
    """Plain Adam + cross-entropy with a seeded shuffle each epoch."""
    gen = torch.Generator().manual_seed(seed)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(xt), generator=gen)
        for start in range(0, len(xt), batch_size):
            batch = order[start:start + batch_size]
            opt.zero_grad()
            logits, _ = model(xt[batch])
            loss_fn(logits, yt[batch]).backward()
            opt.step()
    model.eval()
    return model


def torch_probabilities(model, x):
    with torch.no_grad():
        return model(torch.from_numpy(x))[1].numpy()


# --------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------

def export_onnx(model, example, path, input_name, output_names):
    """ONNX, opset 13, with the batch dimension dynamic on every tensor."""
    path.parent.mkdir(parents=True, exist_ok=True)
    model.eval()
    dynamic = {name: {0: "batch"} for name in [input_name] + output_names}
    torch.onnx.export(
        model, (example,), str(path),
        input_names=[input_name], output_names=output_names,
        dynamic_axes=dynamic, opset_version=OPSET,
        do_constant_folding=True, export_params=True,
    )
    onnx.checker.check_model(onnx.load(str(path)))


def save_torchscript(model, example, path):
    """Traced TorchScript next to the ONNX file, for a PyTorch backend."""
    model.eval()
    with torch.no_grad():
        traced = torch.jit.trace(model, example)
    traced.save(str(path))


def build_identity(path, graph_name, types):
    """One Identity per (suffix, element type), each a 1-D tensor of dynamic length n."""
    inputs, outputs, nodes = [], [], []
    for suffix, elem, _ in types:
        src, dst = f"in_{suffix}", f"out_{suffix}"
        inputs.append(helper.make_tensor_value_info(src, elem, ["n"]))
        outputs.append(helper.make_tensor_value_info(dst, elem, ["n"]))
        nodes.append(helper.make_node("Identity", [src], [dst], name=f"identity_{suffix}"))
    graph = helper.make_graph(nodes, graph_name, inputs, outputs)
    model = helper.make_model(
        graph, producer_name="make_models.py",
        opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))
    return model


# --------------------------------------------------------------------------
# A small numpy interpreter for the ops these graphs use
# --------------------------------------------------------------------------

def _pad_nchw(x, pads, value):
    """pads is ONNX order [top, left, bottom, right] for 2-D spatial dims."""
    t, l, b, r = pads
    return np.pad(x, ((0, 0), (0, 0), (t, b), (l, r)), constant_values=value)


def _windows(x, kernel, strides):
    """[N, C, H, W] -> [N, C, Ho, Wo, kh, kw] view of the sliding windows."""
    w = np.lib.stride_tricks.sliding_window_view(x, kernel, axis=(2, 3))
    return w[:, :, ::strides[0], ::strides[1]]


def _conv(x, w, b=None, pads=(0, 0, 0, 0), strides=(1, 1), dilations=(1, 1),
          group=1, kernel_shape=None, auto_pad=b"NOTSET"):
    if group != 1 or tuple(dilations) != (1, 1) or auto_pad not in (b"NOTSET", "NOTSET"):
        raise NotImplementedError("Conv: only group=1, dilation=1, explicit pads")
    win = _windows(_pad_nchw(x, pads, 0.0), w.shape[2:], strides)
    y = np.einsum("nchwij,mcij->nmhw", win, w, optimize=True)
    return y + b.reshape(1, -1, 1, 1) if b is not None else y


def _maxpool(x, kernel_shape, pads=(0, 0, 0, 0), strides=None, ceil_mode=0,
             dilations=(1, 1), storage_order=0, auto_pad=b"NOTSET"):
    if ceil_mode or tuple(dilations) != (1, 1):
        raise NotImplementedError("MaxPool: only floor mode, dilation=1")
    win = _windows(_pad_nchw(x, pads, -np.inf), kernel_shape, strides or kernel_shape)
    return win.max(axis=(4, 5))


def _gemm(a, b, c=None, alpha=1.0, beta=1.0, transA=0, transB=0):
    y = alpha * ((a.T if transA else a) @ (b.T if transB else b))
    return y + beta * c if c is not None else y


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _flatten(x, axis=1):
    return x.reshape(int(np.prod(x.shape[:axis])), -1)


_OPS = {
    "Add": lambda a, b: a + b,
    "Sub": lambda a, b: a - b,
    "Mul": lambda a, b: a * b,
    "Div": lambda a, b: a / b,
    "MatMul": lambda a, b: a @ b,
    "Relu": lambda x: np.maximum(x, 0),
    "Identity": lambda x: x,
    "Reshape": lambda x, shape, allowzero=0: x.reshape(
        [x.shape[i] if (d == 0 and not allowzero) else d for i, d in enumerate(shape)]),
    "Flatten": _flatten,
    "Gemm": _gemm,
    "Softmax": _softmax,
    "Conv": _conv,
    "MaxPool": _maxpool,
}


def run_onnx(model, feeds):
    """Evaluate an ONNX graph on numpy inputs; returns {output name: array}."""
    env = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    env.update(feeds)
    for node in model.graph.node:
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        if node.op_type == "Constant":
            outs = [numpy_helper.to_array(attrs["value"])]
        elif node.op_type in _OPS:
            args = [env[name] if name else None for name in node.input]
            outs = [_OPS[node.op_type](*args, **attrs)]
        else:
            raise NotImplementedError(f"op {node.op_type} not supported here")
        env.update(zip(node.output, outs))
    return {o.name: env[o.name] for o in model.graph.output}


def check_identity(model):
    """Every out_X must equal in_X, element type included."""
    samples = {
        "in_bool": np.array([True, False, True]),
        "in_int8": np.array([-128, 0, 127], np.int8),
        "in_int16": np.array([-32768, 1, 32767], np.int16),
        "in_int32": np.array([-(2 ** 31), 2, 2 ** 31 - 1], np.int32),
        "in_int64": np.array([-(2 ** 63), 3, 2 ** 63 - 1], np.int64),
        "in_uint8": np.array([0, 128, 255], np.uint8),
        "in_fp16": np.array([-1.5, 0.0, 65504.0], np.float16),
        "in_fp32": np.array([-1.5, 0.0, 3.4e38], np.float32),
        "in_fp64": np.array([-1.5, 0.0, 1e308], np.float64),
        "in_bytes": np.array([b"a", b"", b"\x00\xff"], object),
    }
    feeds = {i.name: samples[i.name] for i in model.graph.input}
    outs = run_onnx(model, feeds)
    for name, value in feeds.items():
        out = outs["out_" + name[3:]]
        assert out.dtype == value.dtype and np.array_equal(out, value), name


# --------------------------------------------------------------------------
# Triton configs and README
# --------------------------------------------------------------------------

ONNX_PLATFORM = "onnxruntime_onnx"
TORCHSCRIPT_PLATFORM = "pytorch_libtorch"
TORCHSCRIPT_SUFFIX = "_pt"


def render_config(name, max_batch_size, inputs, outputs, platform=ONNX_PLATFORM):
    """Triton TextFormat; inputs/outputs are (name, TYPE_X, dims) triples."""
    def tensors(items):
        rows = [f'  {{ name: "{n}" data_type: {t} dims: [ {", ".join(map(str, d))} ] }}'
                for n, t, d in items]
        return ",\n".join(rows)

    return (
        f'name: "{name}"\n'
        f'platform: "{platform}"\n'
        f"max_batch_size: {max_batch_size}\n"
        f"input [\n{tensors(inputs)}\n]\n"
        f"output [\n{tensors(outputs)}\n]\n"
        f"version_policy: {{ latest: {{ num_versions: 1 }} }}\n"
        f"instance_group [ {{ count: 1 kind: KIND_CPU }} ]\n"
    )


def write_config(name, max_batch_size, inputs, outputs, platform=ONNX_PLATFORM):
    (MODELS_DIR / name / "config.pbtxt").write_text(
        render_config(name, max_batch_size, inputs, outputs, platform))


CLASS_OUTPUTS = [("logits", "TYPE_FP32", [10]), ("probabilities", "TYPE_FP32", [10])]

# Identity models, one (suffix, ONNX type, config type) per tensor pair. FP16 has no typed
# field in the protocol and travels only raw, so it gets a model of its own: every other
# model here can be called with typed contents alone.
IDENTITY_MODELS = {
    "typed_identity": [
        ("bool", TensorProto.BOOL, "TYPE_BOOL"), ("int8", TensorProto.INT8, "TYPE_INT8"),
        ("int16", TensorProto.INT16, "TYPE_INT16"), ("int32", TensorProto.INT32, "TYPE_INT32"),
        ("int64", TensorProto.INT64, "TYPE_INT64"), ("uint8", TensorProto.UINT8, "TYPE_UINT8"),
        ("fp32", TensorProto.FLOAT, "TYPE_FP32"), ("fp64", TensorProto.DOUBLE, "TYPE_FP64"),
        ("bytes", TensorProto.STRING, "TYPE_STRING"),
    ],
    "half_identity": [("fp16", TensorProto.FLOAT16, "TYPE_FP16")],
}


def accuracy_table(results):
    lines = ["| model | correct / held-out | accuracy |", "|---|---|---|"]
    for name, correct, total in results:
        lines.append(f"| {name} | {correct} / {total} | {100.0 * correct / total:.2f}% |")
    return "\n".join(lines)


def update_readme(table):
    """Replace the generated block of README.md; print the table if it has none."""
    readme = MODELS_DIR / "README.md"
    text = readme.read_text() if readme.exists() else ""
    pattern = re.compile(re.escape(README_BEGIN) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(text):
        print("README.md has no generated block; table not written", file=sys.stderr)
        return
    block = f"{README_BEGIN}\n\n{table}\n\n{README_END}"
    readme.write_text(pattern.sub(lambda _: block, text))


# --------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------

def build_classifier(name, model, x_train, y_train, x_test, y_test, epochs,
                     input_name, input_dims):
    """Train, export (ONNX + TorchScript), verify, write config; return counts."""
    shape = (-1, *input_dims)
    xtr, xte = x_train.reshape(shape), x_test.reshape(shape)
    torch.manual_seed(SEED)  # same start for each model, whatever ran before
    train(model, xtr, y_train, epochs)

    version_dir = MODELS_DIR / name / "1"
    # A Triton model directory holds one platform: the TorchScript twin gets its own.
    torchscript_name = name + TORCHSCRIPT_SUFFIX
    torchscript_dir = MODELS_DIR / torchscript_name / "1"
    torchscript_dir.mkdir(parents=True, exist_ok=True)
    example = torch.from_numpy(xte[:2])
    export_onnx(model, example, version_dir / "model.onnx", input_name,
                ["logits", "probabilities"])
    save_torchscript(model, example, torchscript_dir / "model.pt")
    config_inputs = [(input_name, "TYPE_FP32", list(input_dims))]
    write_config(name, MAX_BATCH_SIZE, config_inputs, CLASS_OUTPUTS)
    write_config(torchscript_name, MAX_BATCH_SIZE, config_inputs, CLASS_OUTPUTS,
                 TORCHSCRIPT_PLATFORM)

    torch_probs = torch_probabilities(model, xte)
    onnx_out = run_onnx(onnx.load(str(version_dir / "model.onnx")), {input_name: xte})
    onnx_probs = onnx_out["probabilities"]
    scripted = torch.jit.load(str(torchscript_dir / "model.pt"))
    with torch.no_grad():
        pt_probs = scripted(torch.from_numpy(xte))[1].numpy()

    torch_correct = int((torch_probs.argmax(1) == y_test).sum())
    onnx_correct = int((onnx_probs.argmax(1) == y_test).sum())
    pt_correct = int((pt_probs.argmax(1) == y_test).sum())
    max_diff = float(np.abs(onnx_probs - torch_probs).max())
    if not (torch_correct == onnx_correct == pt_correct) or max_diff > 1e-4:
        raise RuntimeError(f"{name}: torch {torch_correct}, onnx {onnx_correct}, "
                           f"torchscript {pt_correct}, max |dp| {max_diff:.2e}")
    print(f"{name}: {onnx_correct} / {len(y_test)} correct "
          f"(torch, TorchScript and ONNX agree; max |dp| {max_diff:.1e})")
    return [(name, onnx_correct, len(y_test)), (torchscript_name, pt_correct, len(y_test))]


def main():
    started = time.time()
    make_deterministic()

    x_train, x_test, y_train, y_test = load_split()
    write_digits_csv(MODELS_DIR / "data" / "digits_test.csv", x_test, y_test)
    write_digits_csv(MODELS_DIR / "data" / "digits_reference.csv",
                     *reference_sample(x_train, y_train))

    split = (x_train, y_train, x_test, y_test)
    results = [row for rows in [
        build_classifier("digits_mlp", DigitsMLP([256, 256]), *split,
                         epochs=60, input_name="input", input_dims=(64,)),
        build_classifier("digits_cnn", DigitsCNN(), *split,
                         epochs=50, input_name="image", input_dims=(1, 8, 8)),
        build_classifier("digits_wide", DigitsMLP([768, 768, 768]), *split,
                         epochs=15, input_name="input", input_dims=(64,)),
    ] for row in rows]

    for name, types in IDENTITY_MODELS.items():
        identity = build_identity(MODELS_DIR / name / "1" / "model.onnx", name, types)
        check_identity(identity)
        write_config(name, 0,
                     [(f"in_{s}", t, [-1]) for s, _, t in types],
                     [(f"out_{s}", t, [-1]) for s, _, t in types])
        print(f"{name}: {len(types)} Identity pairs checked")

    table = accuracy_table(results)
    update_readme(table)
    print(table)
    print(f"done in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
