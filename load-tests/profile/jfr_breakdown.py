#!/usr/bin/env python3
"""Where the CPU goes in a JFR recording of a benchmark row, by layer.

    JAVA_OPTS="-XX:StartFlightRecording=filename=bench.jfr,settings=profile" \
        load-tests/convoy-bench -s batch-mlp-on-c64 -z 8s
    jfr print --events jdk.ExecutionSample bench.jfr > samples.txt
    load-tests/profile/jfr_breakdown.py samples.txt

Each execution sample is put in the first layer (in the order below) that appears in its
stack, so the shares add up to 100%.
"""
import collections
import re
import sys

# (layer, predicate on the stack's frames, innermost first)
LAYERS = [
    ("onnxruntime (run, tensor copies)", lambda f: any("ai.onnxruntime" in x for x in f)),
    ("netty / HTTP/2 transport", lambda f: any("netty" in x for x in f[:8])),
    ("protobuf (de)serialisation", lambda f: any("protobuf" in x for x in f[:8])),
    ("grpc-java core", lambda f: any(x.startswith("io.grpc") for x in f[:8])),
    ("batcher", lambda f: any(x.startswith("dev.convoy.batcher") for x in f)),
    ("convoy server", lambda f: any(x.startswith("dev.convoy.server") for x in f)),
    ("convoy router", lambda f: any(x.startswith("dev.convoy.router") for x in f)),
    ("load client", lambda f: any(x.startswith("dev.convoy.loadtest") for x in f)),
]


def main(path):
    text = open(path, encoding="utf-8").read()
    shares = collections.Counter()
    samples = 0
    for event in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>/]+)\(", event, re.M)
        if not frames:
            continue
        samples += 1
        layer = next((name for name, test in LAYERS if test(frames)), "other JDK")
        shares[layer] += 1
    print(f"{samples} samples")
    for layer, count in shares.most_common():
        print(f"{100.0 * count / samples:5.1f}%  {layer}")


if __name__ == "__main__":
    main(sys.argv[1])
