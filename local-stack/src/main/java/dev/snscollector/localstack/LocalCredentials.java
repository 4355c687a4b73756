package dev.snscollector.localstack;

/**
 * The fixed dummy credentials of the local stack. S3Proxy verifies SigV2/SigV4 signatures against
 * exactly these (so a client that signs wrongly fails here as it would on AWS); ElasticMQ accepts
 * any credentials. They protect nothing: both servers listen on 127.0.0.1 only.
 */
public record LocalCredentials(String accessKeyId, String secretAccessKey) {

  /** What every client of the local stack must use. */
  public static final LocalCredentials DUMMY =
      new LocalCredentials("local-access-key", "local-secret-key");

  @Override
  public String toString() {
    return "LocalCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
  }
}
