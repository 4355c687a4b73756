package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsRequestCountsTest {
  private static final String EXPOSITION =
      """
      # HELP collector_aws_requests_total Requests sent to AWS (SQS, S3), each attempt, by operation
      # TYPE collector_aws_requests_total counter
      collector_aws_requests_total{operation="PutObject",service="S3"} 3000.0
      collector_aws_requests_total{operation="ReceiveMessage",service="Sqs"} 366.0
      collector_jobs_total{outcome="ok",platform="tiktok"} 3000.0
      """;

  @Test
  void readsTheWorkersRequestCountersByServiceAndOperationAndNothingElse() {
    assertThat(AwsRequestCounts.parse(EXPOSITION))
        .containsExactly(Map.entry("S3 PutObject", 3000.0), Map.entry("Sqs ReceiveMessage", 366.0));
  }

  @Test
  void perPageIsTheIncreaseOverThePassDividedByItsPages() {
    Map<String, Double> before = Map.of("S3 PutObject", 1000.0, "Sqs ReceiveMessage", 100.0);
    Map<String, Double> after =
        AwsRequestCounts.parse(EXPOSITION); // 3000 puts and 366 receives so far

    assertThat(AwsRequestCounts.perPage(before, after, 2000))
        .isEqualTo("S3 PutObject 1.000, Sqs ReceiveMessage 0.133, total 1.133");
  }
}
