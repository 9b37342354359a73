"""Drives a Convoy endpoint the way NVIDIA's tritonclient.grpc does.

Stubs are generated at run time from the project's public protocol (proto/), with protoc for
the messages and grpc_tools for the service, then every case below runs against --target.
Tensors travel as tritonclient sends them: raw little-endian bytes in raw_input_contents,
BYTES elements each prefixed with its 4-byte little-endian length, and outputs decoded with
numpy.frombuffer from raw_output_contents.

Add a case: write a function taking (stub, pb, args) decorated with @case("name"); raise
AssertionError (or let a grpc.RpcError escape) to fail it. Exit status 0 when every case
passes, 1 otherwise; one line per case on stdout. --via-router says the target is a router, for
the cases whose answer differs there (shared memory is the server's alone). The target must run
with --model-control-mode explicit and serve digits_labelled (digits_mlp whose probabilities have
a label file of the words zero..nine).
"""

import argparse
import csv
import importlib
import json
import os
import struct
import subprocess
import sys
import tempfile
from multiprocessing import shared_memory

import grpc
import numpy as np

CASES = []
TIMEOUT_S = 20


def case(name):
    def register(function):
        CASES.append((name, function))
        return function
    return register


def generate_stubs(proto_dir, out_dir):
    protos = ["grpc_service.proto", "model_config.proto"]
    subprocess.run(["protoc", "-I", proto_dir, "--python_out=" + out_dir] + protos, check=True)
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", "-I", proto_dir,
                    "--grpc_python_out=" + out_dir, "grpc_service.proto"], check=True)
    sys.path.insert(0, out_dir)
    return importlib.import_module("grpc_service_pb2"), importlib.import_module("grpc_service_pb2_grpc")


# The tensor codec tritonclient uses (InferInput.set_data_from_numpy / InferResult.as_numpy).

NP_OF = {"BOOL": np.bool_, "INT8": np.int8, "INT16": np.int16, "INT32": np.int32, "INT64": np.int64,
         "UINT8": np.uint8, "FP16": np.float16, "FP32": np.float32, "FP64": np.float64}


def serialize_bytes(elements):
    return b"".join(struct.pack("<I", len(e)) + e for e in elements)


def deserialize_bytes(buffer):
    elements, offset = [], 0
    while offset < len(buffer):
        (length,) = struct.unpack_from("<I", buffer, offset)
        offset += 4
        elements.append(bytes(buffer[offset:offset + length]))
        offset += length
    return elements


def add_input(request, name, datatype, array):
    tensor = request.inputs.add(name=name, datatype=datatype, shape=list(array.shape))
    if datatype == "BYTES":
        request.raw_input_contents.append(serialize_bytes(list(array.reshape(-1))))
    else:
        little_endian = np.dtype(NP_OF[datatype]).newbyteorder("<")
        request.raw_input_contents.append(np.ascontiguousarray(array.astype(little_endian)).tobytes())
    return tensor


def as_numpy(response, name):
    for index, output in enumerate(response.outputs):
        if output.name == name:
            assert len(response.raw_output_contents) == len(response.outputs), \
                "outputs must come back in raw_output_contents, one per output (as tritonclient reads them)"
            raw = response.raw_output_contents[index]
            if output.datatype == "BYTES":
                return np.array(deserialize_bytes(raw), dtype=np.object_).reshape(list(output.shape))
            dtype = np.dtype(NP_OF[output.datatype]).newbyteorder("<")
            return np.frombuffer(raw, dtype=dtype).reshape(list(output.shape))
    raise AssertionError("no output named %r in %s" % (name, [o.name for o in response.outputs]))


def expect_code(code, call):
    try:
        call()
    except grpc.RpcError as error:
        assert error.code() == code, "expected %s, got %s: %s" % (code, error.code(), error.details())
        return error
    raise AssertionError("expected %s, the call succeeded" % code)


# Cases.

@case("server_live_ready_metadata")
def server_calls(stub, pb, args):
    assert stub.ServerLive(pb.ServerLiveRequest(), timeout=TIMEOUT_S).live
    assert stub.ServerReady(pb.ServerReadyRequest(), timeout=TIMEOUT_S).ready
    metadata = stub.ServerMetadata(pb.ServerMetadataRequest(), timeout=TIMEOUT_S)
    assert metadata.name and metadata.version, metadata


@case("model_metadata_and_config")
def model_metadata(stub, pb, args):
    assert stub.ModelReady(pb.ModelReadyRequest(name="digits_mlp"), timeout=TIMEOUT_S).ready
    metadata = stub.ModelMetadata(pb.ModelMetadataRequest(name="digits_mlp"), timeout=TIMEOUT_S)
    assert [(t.name, t.datatype, list(t.shape)) for t in metadata.inputs] == [("input", "FP32", [-1, 64])], metadata
    assert {t.name for t in metadata.outputs} == {"logits", "probabilities"}, metadata
    config = stub.ModelConfig(pb.ModelConfigRequest(name="digits_mlp"), timeout=TIMEOUT_S).config
    assert config.name == "digits_mlp" and config.max_batch_size == 128, config
    expect_code(grpc.StatusCode.NOT_FOUND,
                lambda: stub.ModelMetadata(pb.ModelMetadataRequest(name="no_such_model"), timeout=TIMEOUT_S))


@case("infer_raw_fp32_digits")
def infer_digits(stub, pb, args):
    with open(args.digits_csv) as rows_file:
        rows = [row for _, row in zip(range(16), csv.DictReader(rows_file))]
    labels = np.array([int(row["label"]) for row in rows])
    pixels = np.array([[float(row["p%d" % i]) for i in range(64)] for row in rows], dtype=np.float32)
    request = pb.ModelInferRequest(model_name="digits_mlp", id="compat-1")
    add_input(request, "input", "FP32", pixels)
    request.outputs.add(name="probabilities")
    response = stub.ModelInfer(request, timeout=TIMEOUT_S)
    assert response.id == "compat-1" and response.model_name == "digits_mlp", response
    probabilities = as_numpy(response, "probabilities")
    assert probabilities.shape == (16, 10), probabilities.shape
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-4), probabilities.sum(axis=1)
    correct = int((probabilities.argmax(axis=1) == labels).sum())
    assert correct >= 14, "only %d of 16 held-out digits right" % correct


@case("infer_raw_every_type_and_bytes")
def infer_types(stub, pb, args):
    arrays = {"BOOL": np.array([True, False, True]), "INT8": np.array([-128, 0, 127], np.int8),
              "INT16": np.array([-32768, 1, 32767], np.int16), "INT32": np.array([-2**31, 2, 2**31 - 1], np.int32),
              "INT64": np.array([-2**63, 3, 2**63 - 1], np.int64), "UINT8": np.array([0, 128, 255], np.uint8),
              "FP32": np.array([-1.5, 0.0, 3.25], np.float32), "FP64": np.array([1e-300, -0.0, 1e300], np.float64),
              "BYTES": np.array([b"", "caf\u00e9".encode(), b"nul\x00inside"], dtype=np.object_)}
    request = pb.ModelInferRequest(model_name="typed_identity")
    for datatype, array in arrays.items():
        add_input(request, "in_" + datatype.lower(), datatype, array)
    response = stub.ModelInfer(request, timeout=TIMEOUT_S)
    for datatype, array in arrays.items():
        echoed = as_numpy(response, "out_" + datatype.lower())
        if datatype == "BYTES":
            assert list(echoed) == list(array), (datatype, echoed)
        else:
            assert echoed.dtype.kind == np.dtype(NP_OF[datatype]).kind and np.array_equal(echoed, array), \
                (datatype, echoed)


@case("infer_bad_shape_invalid_argument")
def infer_bad_shape(stub, pb, args):
    request = pb.ModelInferRequest(model_name="digits_mlp")
    add_input(request, "input", "FP32", np.zeros((1, 63), np.float32))
    error = expect_code(grpc.StatusCode.INVALID_ARGUMENT, lambda: stub.ModelInfer(request, timeout=TIMEOUT_S))
    assert "input" in error.details(), error.details()


@case("statistics")
def statistics(stub, pb, args):
    stats = stub.ModelStatistics(pb.ModelStatisticsRequest(name="digits_mlp"), timeout=TIMEOUT_S).model_stats
    assert stats and stats[0].name == "digits_mlp", stats
    assert sum(s.inference_count for s in stats) >= 16, stats
    assert sum(s.inference_stats.success.count for s in stats) >= 1, stats


@case("trace_setting")
def trace_setting(stub, pb, args):
    value = pb.TraceSettingRequest.SettingValue
    global_settings = stub.TraceSetting(pb.TraceSettingRequest(), timeout=TIMEOUT_S).settings
    for name in ("trace_level", "trace_rate", "trace_count", "log_frequency", "trace_file"):
        assert name in global_settings, (name, global_settings)
    changed = stub.TraceSetting(pb.TraceSettingRequest(model_name="digits_mlp",
                                                       settings={"trace_rate": value(value=["50"])}),
                                timeout=TIMEOUT_S).settings
    assert list(changed["trace_rate"].value) == ["50"], changed
    cleared = stub.TraceSetting(pb.TraceSettingRequest(model_name="digits_mlp", settings={"trace_rate": value()}),
                                timeout=TIMEOUT_S).settings
    assert list(cleared["trace_rate"].value) == list(global_settings["trace_rate"].value), cleared
    error = expect_code(grpc.StatusCode.INVALID_ARGUMENT, lambda: stub.TraceSetting(
        pb.TraceSettingRequest(settings={"trace_rate": value(value=["often"])}), timeout=TIMEOUT_S))
    assert "trace_rate" in error.details(), error.details()


@case("log_settings")
def log_settings(stub, pb, args):
    value = pb.LogSettingsRequest.SettingValue
    current = stub.LogSettings(pb.LogSettingsRequest(), timeout=TIMEOUT_S).settings
    for name in ("log_file", "log_info", "log_warnings", "log_errors", "log_verbose_level", "log_format"):
        assert name in current, (name, current)
    changed = stub.LogSettings(pb.LogSettingsRequest(settings={"log_verbose_level": value(uint32_param=1)}),
                               timeout=TIMEOUT_S).settings
    assert changed["log_verbose_level"].uint32_param == 1, changed
    restored = stub.LogSettings(pb.LogSettingsRequest(settings={"log_verbose_level": value(uint32_param=0)}),
                                timeout=TIMEOUT_S).settings
    assert restored["log_verbose_level"].uint32_param == 0, restored
    error = expect_code(grpc.StatusCode.INVALID_ARGUMENT, lambda: stub.LogSettings(
        pb.LogSettingsRequest(settings={"log_info": value(string_param="yes")}), timeout=TIMEOUT_S))
    assert "log_info" in error.details(), error.details()


def read_digits(args, count):
    with open(args.digits_csv) as rows_file:
        rows = [row for _, row in zip(range(count), csv.DictReader(rows_file))]
    return np.array([[float(row["p%d" % i]) for i in range(64)] for row in rows], dtype=np.float32)


def infer_probabilities(stub, pb, model, pixels):
    request = pb.ModelInferRequest(model_name=model)
    add_input(request, "input", "FP32", pixels)
    request.outputs.add(name="probabilities")
    return as_numpy(stub.ModelInfer(request, timeout=TIMEOUT_S), "probabilities")


def shm_parameters(tensor, region, byte_size):
    tensor.parameters["shared_memory_region"].string_param = region
    tensor.parameters["shared_memory_byte_size"].int64_param = byte_size


@case("system_shared_memory")
def system_shared_memory(stub, pb, args):
    pixels = read_digits(args, 4)
    in_size, out_size = pixels.nbytes, 4 * 10 * 4
    memory = shared_memory.SharedMemory(create=True, size=in_size + out_size)
    key = "/" + memory.name.lstrip("/")
    try:
        register = lambda name, offset, size: stub.SystemSharedMemoryRegister(
            pb.SystemSharedMemoryRegisterRequest(name=name, key=key, offset=offset, byte_size=size), timeout=TIMEOUT_S)
        if args.via_router:
            expect_code(grpc.StatusCode.UNIMPLEMENTED, lambda: register("compat_in", 0, in_size))
            expect_code(grpc.StatusCode.UNIMPLEMENTED, lambda: stub.SystemSharedMemoryStatus(
                pb.SystemSharedMemoryStatusRequest(), timeout=TIMEOUT_S))
            return
        np.ndarray(pixels.shape, np.dtype("<f4"), buffer=memory.buf)[:] = pixels
        register("compat_in", 0, in_size)
        register("compat_out", in_size, out_size)
        try:
            regions = stub.SystemSharedMemoryStatus(pb.SystemSharedMemoryStatusRequest(), timeout=TIMEOUT_S).regions
            assert {"compat_in", "compat_out"} <= set(regions), regions
            assert (regions["compat_out"].key, regions["compat_out"].offset, regions["compat_out"].byte_size) == \
                (key, in_size, out_size), regions["compat_out"]
            request = pb.ModelInferRequest(model_name="digits_mlp")
            shm_parameters(request.inputs.add(name="input", datatype="FP32", shape=list(pixels.shape)),
                           "compat_in", in_size)
            shm_parameters(request.outputs.add(name="probabilities"), "compat_out", out_size)
            response = stub.ModelInfer(request, timeout=TIMEOUT_S)
            assert not response.raw_output_contents, "an output in shared memory is answered without its bytes"
            assert [(o.name, o.datatype, list(o.shape)) for o in response.outputs] == \
                [("probabilities", "FP32", [4, 10])], response.outputs
            from_region = np.ndarray((4, 10), np.dtype("<f4"), buffer=memory.buf, offset=in_size).copy()
            in_message = infer_probabilities(stub, pb, "digits_mlp", pixels)
            assert np.allclose(from_region, in_message, atol=1e-6), (from_region, in_message)
            expect_code(grpc.StatusCode.NOT_FOUND, lambda: stub.SystemSharedMemoryStatus(
                pb.SystemSharedMemoryStatusRequest(name="compat_none"), timeout=TIMEOUT_S))
        finally:
            for name in ("compat_in", "compat_out"):
                stub.SystemSharedMemoryUnregister(pb.SystemSharedMemoryUnregisterRequest(name=name), timeout=TIMEOUT_S)
        regions = stub.SystemSharedMemoryStatus(pb.SystemSharedMemoryStatusRequest(), timeout=TIMEOUT_S).regions
        assert not {"compat_in", "compat_out"} & set(regions), regions
    finally:
        memory.close()
        memory.unlink()


LABELS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@case("classification_top_n_with_labels")
def classification(stub, pb, args):
    pixels = read_digits(args, 3)
    request = pb.ModelInferRequest(model_name="digits_labelled")
    add_input(request, "input", "FP32", pixels)
    request.outputs.add(name="probabilities").parameters["classification"].int64_param = 3
    response = stub.ModelInfer(request, timeout=TIMEOUT_S)
    classes = as_numpy(response, "probabilities")
    assert response.outputs[0].datatype == "BYTES" and classes.shape == (3, 3), (response.outputs, classes.shape)
    probabilities = infer_probabilities(stub, pb, "digits_labelled", pixels)
    for row, expected in zip(classes, probabilities):
        top = np.argsort(-expected, kind="stable")[:3]
        got = [element.split(b":") for element in row]
        assert [int(index) for _, index, _ in got] == list(top), (row, expected)
        assert [label.decode() for _, _, label in got] == [LABELS[i] for i in top], row
        scores = [float(score) for score, _, _ in got]
        assert scores == sorted(scores, reverse=True) and np.allclose(scores, expected[top], atol=1e-8), row
        assert all(len(score.split(b".")[1]) == 9 for score, _, _ in got), row


def load(stub, pb, **parameters):
    request = pb.RepositoryModelLoadRequest(model_name="digits_mlp")
    for name, value in parameters.items():
        request.parameters[name].CopyFrom(value)
    return stub.RepositoryModelLoad(request, timeout=TIMEOUT_S)


@case("load_with_config_override")
def config_override(stub, pb, args):
    parameter = pb.ModelRepositoryParameter
    config = {"name": "digits_mlp", "backend": "onnxruntime", "max_batch_size": 32,
              "input": [{"name": "input", "data_type": "TYPE_FP32", "dims": [64]}],
              "output": [{"name": "logits", "data_type": "TYPE_FP32", "dims": [10]},
                         {"name": "probabilities", "data_type": "TYPE_FP32", "dims": [10]}]}
    model_config = lambda: stub.ModelConfig(pb.ModelConfigRequest(name="digits_mlp"), timeout=TIMEOUT_S).config
    try:
        load(stub, pb, config=parameter(string_param=json.dumps(config)))
        assert model_config().max_batch_size == 32, model_config()
        assert infer_probabilities(stub, pb, "digits_mlp", read_digits(args, 2)).shape == (2, 10)
        error = expect_code(grpc.StatusCode.INVALID_ARGUMENT, lambda: load(
            stub, pb, **{"file:1/model.onnx": parameter(bytes_param=b"not a model")}))
        assert "file:" in error.details(), error.details()
        assert model_config().max_batch_size == 32, "a refused load must leave the serving config"
    finally:
        load(stub, pb)
    assert model_config().max_batch_size == 128, "a load without config reads config.pbtxt again"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proto-dir", required=True)
    parser.add_argument("--target", required=True, help="host:port of a Convoy server or router")
    parser.add_argument("--digits-csv", required=True, help="held-out digits rows (label,p0..p63)")
    parser.add_argument("--label", default="", help="printed before each result")
    parser.add_argument("--via-router", action="store_true", help="the target is a Convoy router")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as generated:
        pb, pb_grpc = generate_stubs(args.proto_dir, generated)
        failures = 0
        with grpc.insecure_channel(args.target) as channel:
            stub = pb_grpc.GRPCInferenceServiceStub(channel)
            for name, function in CASES:
                try:
                    function(stub, pb, args)
                    print("%sok %s" % (args.label, name))
                except (AssertionError, grpc.RpcError) as failure:
                    failures += 1
                    print("%sFAIL %s: %s" % (args.label, name, failure))
        sys.stdout.flush()
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
