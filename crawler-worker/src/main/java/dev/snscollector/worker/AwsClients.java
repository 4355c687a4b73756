package dev.snscollector.worker;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS clients. Credentials come from the SDK's default chain (environment, profile,
 * container or instance role), so the same code runs on AWS and against the local stand-ins. The
 * HTTP transport is the JDK's URL connection client (ADR 0002).
 */
public final class AwsClients {
  static {
    // HttpURLConnection keeps only 5 idle connections per host by default; a worker running
    // dozens of jobs at once would reconnect on nearly every call. Must be set before first use.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "256");
    }
  }

  private AwsClients() {}

  public static SqsClient sqs(@Nullable URI endpoint, String region) {
    return sqs(endpoint, region, null);
  }

  public static SqsClient sqs(
      @Nullable URI endpoint, String region, WorkerConfig.@Nullable AwsKeys keys) {
    return sqs(endpoint, region, keys, null);
  }

  /**
   * @param observer sees every request the client sends (the worker counts them); null for none
   */
  public static SqsClient sqs(
      @Nullable URI endpoint,
      String region,
      WorkerConfig.@Nullable AwsKeys keys,
      @Nullable ExecutionInterceptor observer) {
    var builder =
        SqsClient.builder()
            .overrideConfiguration(o -> observe(o, observer))
            .httpClient(http())
            .region(Region.of(region))
            .credentialsProvider(credentials(keys));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  public static S3Client s3(@Nullable URI endpoint, String region) {
    return s3(endpoint, region, null);
  }

  public static S3Client s3(
      @Nullable URI endpoint, String region, WorkerConfig.@Nullable AwsKeys keys) {
    return s3(endpoint, region, keys, null);
  }

  /**
   * @param observer sees every request the client sends (the worker counts them); null for none
   */
  public static S3Client s3(
      @Nullable URI endpoint,
      String region,
      WorkerConfig.@Nullable AwsKeys keys,
      @Nullable ExecutionInterceptor observer) {
    var builder =
        S3Client.builder()
            .overrideConfiguration(o -> observe(o, observer))
            .httpClient(http())
            // Checksums only where S3 requires them: every put would otherwise be re-encoded as
            // aws-chunked with a CRC trailer, which costs more CPU than the rest of the put.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .region(Region.of(region))
            .credentialsProvider(credentials(keys));
    if (endpoint != null) {
      // A plain-HTTP endpoint (S3Proxy) makes the SDK sign payloads chunk by chunk; one payload
      // hash per put does the same job for the small objects the worker writes.
      builder
          .endpointOverride(endpoint)
          .forcePathStyle(true)
          .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
    }
    return builder.build();
  }

  private static void observe(
      ClientOverrideConfiguration.Builder o, @Nullable ExecutionInterceptor observer) {
    if (observer != null) {
      o.addExecutionInterceptor(observer);
    }
  }

  private static AwsCredentialsProvider credentials(WorkerConfig.@Nullable AwsKeys keys) {
    return keys == null
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(
            AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()));
  }

  private static SdkHttpClient http() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30))
        .build();
  }
}
