# syntax=docker/dockerfile:1
# The worker with Debian's Chromium for the browser route: Playwright drives /usr/bin/chromium and
# never downloads a browser of its own. Same entrypoint as worker.Dockerfile; its classpath,
# ops-tests/target/image-browser/lib, also holds Playwright's driver bundle. The page routes (crawl,
# browser) need proxies: PROXIES or PROXY_FILE (crawler-worker/README.md).
# Build from the repository root:
#   docker build -f docker/worker-browser.Dockerfile -t sns-collector-worker-browser .

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -Dmaven.test.skip=true -Dspotless.check.skip=true -pl ops-tests -am package

# Temurin's JRE on Debian, so that Chromium comes from Debian's archive (Ubuntu ships it as a snap).
FROM eclipse-temurin:25-jre AS jre

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 collector \
 && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/collector \
      --shell /usr/sbin/nologin collector
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
WORKDIR /app
COPY --from=build /src/ops-tests/target/image-browser/lib/ /app/lib/
COPY docker/healthcheck.sh /usr/local/bin/healthcheck
ENV LOG_FORMAT=json \
    COLLECTOR_LOG_LEVEL=INFO \
    METRICS_PORT=9400 \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    BROWSER_ENABLED=true \
    BROWSER_EXECUTABLE=/usr/bin/chromium
USER 10001:10001
EXPOSE 9400
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD /usr/local/bin/healthcheck "${METRICS_PORT}" /health
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-cp", "/app/lib/*", "dev.snscollector.launcher.CollectorCli", "worker"]
