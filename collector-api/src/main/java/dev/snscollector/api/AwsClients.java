package dev.snscollector.api;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The service's SQS and S3 clients: the JDK URL-connection transport (ADR 0002), static keys when
 * configured, else the SDK's default chain (task role on AWS). The results long poll needs a socket
 * timeout above the 20 s maximum wait.
 */
final class AwsClients {
  static {
    // HttpURLConnection keeps 5 idle connections per host by default: fewer than the outbox's
    // parallel sends plus the results long poll. Must be set before the first connection.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "64");
    }
  }

  private AwsClients() {}

  static SqsClient sqs(ApiConfig.Aws aws) {
    var builder =
        SqsClient.builder()
            .httpClient(http())
            .region(Region.of(aws.region()))
            .credentialsProvider(credentials(aws));
    if (aws.sqsEndpoint() != null) {
      builder.endpointOverride(aws.sqsEndpoint());
    }
    return builder.build();
  }

  static S3Client s3(ApiConfig.Aws aws) {
    var builder =
        S3Client.builder()
            .httpClient(http())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .region(Region.of(aws.region()))
            .credentialsProvider(credentials(aws));
    URI endpoint = aws.s3Endpoint();
    if (endpoint != null) {
      builder.endpointOverride(endpoint).forcePathStyle(true);
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(ApiConfig.Aws aws) {
    String id = aws.accessKeyId();
    String secret = aws.secretAccessKey();
    return id == null || secret == null
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
  }

  private static SdkHttpClient http() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30))
        .build();
  }
}
