# syntax=docker/dockerfile:1
# The production worker: `collector worker`, configured by environment variables
# (crawler-worker/README.md). No embedded stand-ins: the classpath is ops-tests/target/image/lib,
# the launcher without local-stack, ElasticMQ, S3Proxy or embedded PostgreSQL, and without
# Playwright's driver bundle (the browser route is worker-browser.Dockerfile's).
# Build from the repository root:  docker build -f docker/worker.Dockerfile -t sns-collector-worker .

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -Dmaven.test.skip=true -Dspotless.check.skip=true -pl ops-tests -am package

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 collector \
 && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/collector \
      --shell /usr/sbin/nologin collector
WORKDIR /app
COPY --from=build /src/ops-tests/target/image/lib/ /app/lib/
COPY docker/healthcheck.sh /usr/local/bin/healthcheck
ENV LOG_FORMAT=json \
    COLLECTOR_LOG_LEVEL=INFO \
    METRICS_PORT=9400
USER 10001:10001
EXPOSE 9400
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD /usr/local/bin/healthcheck "${METRICS_PORT}" /health
# Exec form: SIGTERM reaches java itself, and the worker drains within SHUTDOWN_GRACE_SECONDS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-cp", "/app/lib/*", "dev.snscollector.launcher.CollectorCli", "worker"]
