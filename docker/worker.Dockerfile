# The production worker: ./collector worker, configured by environment (crawler-worker/README.md).
# Build from the repository root:  docker build -f docker/worker.Dockerfile -t sns-collector-worker .
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true install

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 collector
WORKDIR /app
COPY --from=build /src/launcher/target/collector.jar /app/collector.jar
COPY --from=build /src/launcher/target/lib/ /app/lib/
USER 10001
EXPOSE 9400
HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://127.0.0.1:9400/health || exit 1
# SIGTERM reaches java directly (exec form): the worker drains within SHUTDOWN_GRACE_SECONDS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/collector.jar:/app/lib/*", "dev.snscollector.launcher.CollectorCli", "worker"]
