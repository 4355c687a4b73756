package dev.snscollector.localstack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients configured the way the worker configures them: url-connection-client, static keys.
 */
final class AwsClients {
  private AwsClients() {}

  static StaticCredentialsProvider credentials(LocalCredentials credentials) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
  }

  static SqsClient sqs(URI endpoint) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(LocalStack.REGION))
        .credentialsProvider(credentials(LocalCredentials.DUMMY))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  static S3Client s3(URI endpoint) {
    return s3(endpoint, LocalCredentials.DUMMY);
  }

  static S3Client s3(URI endpoint, LocalCredentials credentials) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(LocalStack.REGION))
        .forcePathStyle(true)
        .credentialsProvider(credentials(credentials))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
