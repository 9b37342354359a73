# syntax=docker/dockerfile:1
# The inference server on CPU (ONNX Runtime's CPU build, DJL's CPU libtorch), with the sample
# model repository.
# Build from the repository root:
#   docker build -f gpu-images/server.Dockerfile -t convoy/inference-server .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/var/cache/maven \
    mvn -B -q -Dmaven.repo.local=/var/cache/maven install -DskipTests -pl inference-server -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/convoy convoy
WORKDIR /opt/convoy
COPY --from=build /src/inference-server/target/convoy-inference-server.jar ./
COPY --from=build /src/inference-server/target/lib ./lib
COPY models /models
RUN mkdir /opt/convoy/djl && chown convoy /opt/convoy/djl
USER convoy
# 8001 gRPC (Open Inference Protocol, health, reflection); 8002 Prometheus /metrics.
EXPOSE 8001 8002
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/opt/convoy/convoy-inference-server.jar"]
CMD ["--model-repository", "/models", "--port", "8001", "--metrics-port", "8002", "--pytorch-native-dir", "/opt/convoy/djl"]
