# syntax=docker/dockerfile:1
# The inference server on NVIDIA GPUs, built with -Pgpu: ONNX Runtime's CUDA build
# (onnxruntime_gpu, the version the CPU build pins; its CUDA provider links libcudart.so.12,
# libcublas.so.12 and libcudnn.so.9, hence a CUDA 12 / cuDNN 9 runtime image) and DJL's CUDA
# libtorch (pytorch-native-cu124 2.5.1, which carries its own CUDA 12.4 libraries; the 12.6
# image's driver requirement covers it). Instance groups with kind KIND_GPU run on CUDA; the host
# needs the NVIDIA driver and the NVIDIA Container Toolkit (docker run --gpus all ...).
# Build from the repository root:
#   docker build -f gpu-images/server-cuda.Dockerfile -t convoy/inference-server:cuda .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/var/cache/maven \
    mvn -B -q -Dmaven.repo.local=/var/cache/maven -Pgpu package -DskipTests -pl inference-server -am

FROM nvidia/cuda:12.6.3-cudnn-runtime-ubuntu22.04
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /opt/convoy convoy
WORKDIR /opt/convoy
COPY --from=build /src/inference-server/target/convoy-inference-server.jar ./
COPY --from=build /src/inference-server/target/lib ./lib
COPY models /models
RUN mkdir /opt/convoy/djl && chown convoy /opt/convoy/djl
USER convoy
EXPOSE 8001 8002
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# libtorch is extracted from its jar on first start, into a directory the server user owns.
ENTRYPOINT ["java", "-jar", "/opt/convoy/convoy-inference-server.jar"]
CMD ["--model-repository", "/models", "--port", "8001", "--metrics-port", "8002", "--pytorch-native-dir", "/opt/convoy/djl"]
