# syntax=docker/dockerfile:1
# The monitor: drift and accuracy of sampled traffic, alerts, dashboard. The sample models'
# reference rows are in /opt/convoy/reference.
# Build from the repository root:
#   docker build -f gpu-images/monitor.Dockerfile -t convoy/monitor .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/var/cache/maven \
    mvn -B -q -Dmaven.repo.local=/var/cache/maven package -DskipTests -pl monitor -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/convoy convoy \
 && mkdir -p /var/lib/convoy-monitor && chown convoy /var/lib/convoy-monitor
WORKDIR /opt/convoy
COPY --from=build /src/monitor/target/convoy-monitor.jar ./
COPY --from=build /src/monitor/target/lib ./lib
COPY models/data /opt/convoy/reference
USER convoy
# 8004 gRPC (ingest, labels, admin, health); 8005 dashboard; 8006 Prometheus /metrics.
EXPOSE 8004 8005 8006
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/opt/convoy/convoy-monitor.jar"]
CMD ["--port", "8004", "--http-port", "8005", "--metrics-port", "8006", "--db", "/var/lib/convoy-monitor/monitor"]
