package dev.snscollector.launcher;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.fixtures.FixtureTargets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's workload: YouTube profile and posts jobs over the channels the fixtures know, plus a
 * few handles no fixture knows, which the origin answers the way the real API does (no items), so
 * the summary shows {@code not_found} next to {@code ok}.
 */
final class DemoJobs {
  private DemoJobs() {}

  static List<JobMessage> generate(Path fixtures, int count, String runId) {
    List<String> channels = FixtureTargets.youtubeChannels(fixtures);
    if (channels.isEmpty()) {
      throw new IllegalStateException("no YouTube channel fixtures under " + fixtures);
    }
    List<JobMessage> jobs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String jobId = runId + "-" + i;
      boolean unknown = i % 50 == 49;
      String target = unknown ? "@no-such-channel-" + i : channels.get(i % channels.size());
      JobKind kind = i % 2 == 0 ? JobKind.POSTS : JobKind.PROFILE;
      jobs.add(
          JobMessage.of(jobId, Platform.YOUTUBE, kind, target).withMetadata(Map.of("demo", runId)));
    }
    return jobs;
  }
}
