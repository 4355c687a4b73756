package dev.snscollector.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class EmbeddedS3Test {
  private static final String BUCKET = "sns-collector-test";

  private static EmbeddedS3 server;
  private static S3Client s3;

  @BeforeAll
  static void start() {
    server = EmbeddedS3.start(0, null, List.of(BUCKET));
    s3 = AwsClients.s3(server.endpoint());
  }

  @AfterAll
  static void stop() {
    s3.close();
    server.close();
  }

  @Test
  void gzippedObjectsRoundTripWithTheirBytesAndContentEncodingIntact() throws IOException {
    byte[] json =
        "{\"platform\":\"youtube\",\"title\":\"한국어 ok\"}".getBytes(StandardCharsets.UTF_8);
    byte[] gzipped = gzip(json);

    s3.putObject(
        b ->
            b.bucket(BUCKET)
                .key("records/youtube/2026/01/a.json.gz")
                .contentType("application/json")
                .contentEncoding("gzip")
                .metadata(java.util.Map.of("job-id", "j-42")),
        RequestBody.fromBytes(gzipped));
    s3.putObject(
        b -> b.bucket(BUCKET).key("records/youtube/2026/01/b.json"), RequestBody.fromBytes(json));

    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("records/youtube/2026/01/a.json.gz"));
    // The SDK must not transparently gunzip: the stored bytes come back as stored.
    assertThat(got.asByteArray()).isEqualTo(gzipped);
    assertThat(gunzip(got.asByteArray())).isEqualTo(json);
    assertThat(got.response().contentEncoding()).isEqualTo("gzip");
    assertThat(got.response().contentType()).isEqualTo("application/json");
    assertThat(got.response().metadata()).containsEntry("job-id", "j-42");

    List<String> keys =
        s3
            .listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("records/youtube/2026/01/"))
            .contents()
            .stream()
            .map(S3Object::key)
            .toList();
    assertThat(keys)
        .as("listing is in key order")
        .containsExactly("records/youtube/2026/01/a.json.gz", "records/youtube/2026/01/b.json");
  }

  @Test
  void aDeletedObjectIsGone() {
    s3.putObject(b -> b.bucket(BUCKET).key("tmp/delete-me"), RequestBody.fromString("x"));
    s3.deleteObject(b -> b.bucket(BUCKET).key("tmp/delete-me"));

    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("tmp/delete-me")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void twoHundredParallelPutsFromVirtualThreadsAllLand() throws Exception {
    int count = 200;
    List<Future<?>> puts = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        String key = String.format(Locale.ROOT, "parallel/%03d.json", i);
        byte[] body = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        puts.add(
            threads.submit(
                () -> s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body))));
      }
      for (Future<?> put : puts) {
        put.get();
      }
    }

    List<String> keys =
        s3
            .listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("parallel/").maxKeys(50))
            .contents()
            .stream()
            .map(S3Object::key)
            .toList();
    assertThat(keys)
        .containsExactlyElementsOf(
            IntStream.range(0, count)
                .mapToObj(i -> String.format(Locale.ROOT, "parallel/%03d.json", i))
                .toList());
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("parallel/137.json")).asUtf8String())
        .isEqualTo("{\"n\":137}");
  }

  @Test
  void requestsSignedWithOtherCredentialsAreRejected() {
    try (S3Client stranger =
        AwsClients.s3(server.endpoint(), new LocalCredentials("someone-else", "wrong"))) {
      assertThatThrownBy(() -> stranger.listObjectsV2(b -> b.bucket(BUCKET)))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  @Test
  void withoutTheSignatureCheckAnySignerIsServedAndLargeBodiesLandWhole() {
    byte[] body = new byte[300_000];
    new java.util.Random(7).nextBytes(body);
    try (EmbeddedS3 unchecked = EmbeddedS3.start(0, null, List.of(BUCKET), false);
        S3Client stranger =
            AwsClients.s3(unchecked.endpoint(), new LocalCredentials("someone-else", "wrong"))) {
      stranger.putObject(b -> b.bucket(BUCKET).key("big.bin"), RequestBody.fromBytes(body));
      assertThat(stranger.getObjectAsBytes(b -> b.bucket(BUCKET).key("big.bin")).asByteArray())
          .isEqualTo(body);
    }
  }

  @Test
  void aFilesystemBackendKeepsObjectsAsPlainFilesAcrossRestarts(@TempDir Path dir)
      throws IOException {
    byte[] gzipped = gzip("{\"kept\":true}".getBytes(StandardCharsets.UTF_8));
    try (EmbeddedS3 first = EmbeddedS3.start(0, dir, List.of("kept"));
        S3Client client = AwsClients.s3(first.endpoint())) {
      assertThat(first.dataDirectory()).contains(dir);
      client.putObject(
          b -> b.bucket("kept").key("a/b.json.gz").contentEncoding("gzip"),
          RequestBody.fromBytes(gzipped));
    }

    assertThat(dir.resolve("kept/a/b.json.gz")).exists().hasBinaryContent(gzipped);

    try (EmbeddedS3 second = EmbeddedS3.start(0, dir, List.of("kept"));
        S3Client client = AwsClients.s3(second.endpoint())) {
      ResponseBytes<GetObjectResponse> got =
          client.getObjectAsBytes(b -> b.bucket("kept").key("a/b.json.gz"));
      assertThat(got.asByteArray()).isEqualTo(gzipped);
      // Metadata lives in user xattrs, so it survives only where the file system has them.
      if (Files.getFileStore(dir).supportsFileAttributeView(UserDefinedFileAttributeView.class)) {
        assertThat(got.response().contentEncoding()).isEqualTo("gzip");
      }
    }
    assertThat(Files.exists(dir.resolve("kept"))).isTrue();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }
}
