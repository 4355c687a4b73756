# syntax=docker/dockerfile:1
# The API: `collector api`, configured by environment variables (collector-api/README.md). Same
# classpath as the worker image, without the embedded stand-ins; PostgreSQL, SQS and S3 are reached
# through DATABASE_URL, JOBS_QUEUE_URL, RESULTS_QUEUE_URL and BUCKET.
# Build from the repository root:  docker build -f docker/api.Dockerfile -t sns-collector-api .

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
    API_PORT=8080
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD /usr/local/bin/healthcheck "${API_PORT}" /health/ready
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-cp", "/app/lib/*", "dev.snscollector.launcher.CollectorCli", "api"]
