package dev.snscollector.worker;

import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.tokens.TokenSealException;
import dev.snscollector.contracts.tokens.TokenSealer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The credentials a job's requests may carry: the app's API key and the job's own creator token.
 * Its captures are scrubbed of them wherever a platform echoed them, beyond the places the scrubber
 * knows ({@code CaptureScrubber}).
 */
public final class JobSecrets {
  private final @Nullable String apiKey;
  private final @Nullable TokenSealer tokens;

  /**
   * @param apiKey the app's API key, or null
   * @param tokens opens the jobs' sealed tokens, or null when the worker has no token keys
   */
  public JobSecrets(@Nullable String apiKey, @Nullable TokenSealer tokens) {
    this.apiKey = apiKey;
    this.tokens = tokens;
  }

  /** The secrets {@code job} may have sent; a token that does not open was never sent. */
  public List<String> of(JobMessage job) {
    List<String> secrets = new ArrayList<>(2);
    if (apiKey != null) {
      secrets.add(apiKey);
    }
    JobMessage.Account account = job.account();
    if (account != null && tokens != null) {
      try {
        secrets.add(tokens.open(account.sealedToken(), job.platform(), account.accountId()));
      } catch (TokenSealException refused) {
        // The collectors refused it too: the job ended token_invalid without sending it.
      }
    }
    return secrets;
  }
}
