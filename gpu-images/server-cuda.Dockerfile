# syntax=docker/dockerfile:1
# The inference server on NVIDIA GPUs: ONNX Runtime's CUDA build (artifact onnxruntime_gpu,
# the same version as the CPU build the project pins) on a CUDA 12 / cuDNN 9 runtime image.
# Instance groups with kind KIND_GPU run on the CUDA execution provider; the host needs the
# NVIDIA driver and the NVIDIA Container Toolkit (docker run --gpus all ...).
# Build from the repository root:
#   docker build -f gpu-images/server-cuda.Dockerfile -t convoy/inference-server:cuda .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/var/cache/maven \
    mvn -B -q -Dmaven.repo.local=/var/cache/maven install -DskipTests -pl inference-server -am \
 && ORT_VERSION="$(mvn -B -q -Dmaven.repo.local=/var/cache/maven -N help:evaluate -Dexpression=onnxruntime.version -DforceStdout)" \
 && rm inference-server/target/lib/onnxruntime-"${ORT_VERSION}".jar \
 && mvn -B -q -Dmaven.repo.local=/var/cache/maven -N dependency:copy -Dartifact=com.microsoft.onnxruntime:onnxruntime_gpu:"${ORT_VERSION}" \
      -DoutputDirectory=inference-server/target/lib

FROM nvidia/cuda:12.6.3-cudnn-runtime-ubuntu22.04
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /opt/convoy convoy
WORKDIR /opt/convoy
COPY --from=build /src/inference-server/target/convoy-inference-server.jar ./
COPY --from=build /src/inference-server/target/lib ./lib
COPY models /models
USER convoy
EXPOSE 8001 8002
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# The jar's manifest names the CPU build of ONNX Runtime; the class path here takes lib/*,
# which holds the CUDA build instead.
ENTRYPOINT ["java", "-cp", "/opt/convoy/convoy-inference-server.jar:/opt/convoy/lib/*", "dev.convoy.server.Main"]
CMD ["--model-repository", "/models", "--port", "8001", "--metrics-port", "8002"]
