package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.localstack.LocalStack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class JobSubmitterTest {
  private static LocalStack local;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    local = LocalStack.start();
    sqs =
        SqsClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(local.sqsEndpoint())
            .region(Region.of(local.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        local.credentials().accessKeyId(), local.credentials().secretAccessKey())))
            .build();
  }

  @AfterAll
  static void stop() {
    sqs.close();
    local.close();
  }

  @Test
  void validJobsAreEnqueuedAndBadOnesAreRejectedEachWithItsReason() {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      bodies.add(
          JobCodec.encode(
              JobMessage.of("sub-" + i, Platform.YOUTUBE, JobKind.PROFILE, "@channel" + i)));
    }
    bodies.add(
        5,
        "{\"schemaVersion\":1,\"jobId\":\"bad-platform\",\"platform\":\"friendster\",\"kind\":\"profile\",\"target\":\"@x\"}");
    bodies.add(17, "{not json");

    List<JobSubmitter.Submission> result =
        new JobSubmitter(sqs, local.jobsQueueUrl()).submitRaw(bodies);

    assertThat(result).hasSize(25);
    assertThat(result.get(5).accepted()).isFalse();
    assertThat(result.get(5).jobId()).isEqualTo("bad-platform");
    assertThat(result.get(5).error()).contains("/platform");
    assertThat(result.get(17).accepted()).isFalse();
    assertThat(result.get(17).error()).contains("not valid JSON");
    assertThat(result).filteredOn(JobSubmitter.Submission::accepted).hasSize(23);
    for (int i = 0; i < result.size(); i++) {
      assertThat(result.get(i).index()).isEqualTo(i);
    }

    Set<String> enqueued = new HashSet<>();
    for (int round = 0; round < 10 && enqueued.size() < 23; round++) {
      for (Message m :
          sqs.receiveMessage(
                  r -> r.queueUrl(local.jobsQueueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages()) {
        enqueued.add(JobCodec.decode(m.body()).jobId());
      }
    }
    assertThat(enqueued).hasSize(23).allSatisfy(id -> assertThat(id).startsWith("sub-"));
  }
}
