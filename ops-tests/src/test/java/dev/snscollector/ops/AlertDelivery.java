package dev.snscollector.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deployment's Alertmanager files, made runnable here: {@code deploy/alertmanager/} copied into
 * a folder with the Slack webhook's URL in the file the config reads it from (a mounted secret in
 * production).
 */
final class AlertDelivery {
  private AlertDelivery() {}

  /**
   * Writes {@code alertmanager.yml}, {@code slack.tmpl} and the URL file into {@code dir}.
   *
   * @param fast group and repeat within seconds, for a test that waits for the messages; the
   *     routing itself is the deployment's
   * @return the config file
   */
  static Path configure(Path dir, String webhookUrl, boolean fast) throws IOException {
    Path url = dir.resolve("slack-webhook-url");
    Files.writeString(url, webhookUrl);
    String config =
        Repo.read("deploy/alertmanager/alertmanager.yml")
            .replace("/etc/alertmanager/secrets/slack-webhook-url", url.toString());
    if (fast) {
      config =
          config
              .replaceAll("group_wait: \\w+", "group_wait: 1s")
              .replaceAll("group_interval: \\w+", "group_interval: 1s")
              .replaceAll("repeat_interval: \\w+", "repeat_interval: 1h");
    }
    Path file = dir.resolve("alertmanager.yml");
    Files.writeString(file, config);
    Files.writeString(dir.resolve("slack.tmpl"), Repo.read("deploy/alertmanager/slack.tmpl"));
    return file;
  }
}
