package dev.snscollector.launcher;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./collector seal-token}: seals a creator's token for a job's {@code account.sealedToken}.
 * The token is read from standard input, never from the command line (which other users can see in
 * the process list); the key ring comes from {@code TOKEN_KEYS} / {@code TOKEN_KEYS_FILE}.
 */
@Command(
    name = "seal-token",
    description = {
      "Seal a creator's token (read from standard input) for one account on one platform.",
      "Keys from TOKEN_KEYS=id:base64key[,...] or TOKEN_KEYS_FILE, active key TOKEN_ACTIVE_KEY.",
      "--generate-key prints a new random key entry instead."
    })
final class SealTokenCommand implements Callable<Integer> {
  @Option(names = "--platform", description = "instagram, youtube, tiktok or naver_blog")
  @Nullable String platform;

  @Option(names = "--account", description = "The platform's id of the creator's account")
  @Nullable String account;

  @Option(names = "--generate-key", description = "Print a new key entry (id:base64) and exit")
  boolean generateKey;

  @Override
  public Integer call() throws IOException {
    if (generateKey) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      String id = "k" + Long.toString(System.currentTimeMillis() / 1000, 36);
      System.out.println(id + ":" + Base64.getEncoder().encodeToString(key));
      return 0;
    }
    if (platform == null || account == null) {
      System.err.println("Give --platform and --account, and the token on standard input.");
      return 2;
    }
    Platform p = Platform.fromWireName(platform).orElse(null);
    if (p == null) {
      System.err.println("Unknown platform '" + platform + "'");
      return 2;
    }
    KeyRing ring = KeyRing.fromEnvironment(System.getenv()).orElse(null);
    if (ring == null) {
      System.err.println("No token keys: set TOKEN_KEYS (see --generate-key) or TOKEN_KEYS_FILE.");
      return 2;
    }
    String token = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      System.err.println("No token on standard input.");
      return 2;
    }
    System.out.println(new TokenSealer(ring).seal(token, p, account));
    return 0;
  }
}
