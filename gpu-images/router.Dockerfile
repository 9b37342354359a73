# syntax=docker/dockerfile:1
# The router: the gRPC front door over inference servers.
# Build from the repository root:
#   docker build -f gpu-images/router.Dockerfile -t convoy/router .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/var/cache/maven \
    mvn -B -q -Dmaven.repo.local=/var/cache/maven install -DskipTests -pl router -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/convoy convoy
WORKDIR /opt/convoy
COPY --from=build /src/router/target/convoy-router.jar ./
COPY --from=build /src/router/target/lib ./lib
USER convoy
# 8000 gRPC (Open Inference Protocol, admin, health, reflection); 8003 Prometheus /metrics.
EXPOSE 8000 8003
ENTRYPOINT ["java", "-jar", "/opt/convoy/convoy-router.jar"]
CMD ["--port", "8000", "--metrics-port", "8003"]
