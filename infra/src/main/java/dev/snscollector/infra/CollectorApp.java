package dev.snscollector.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * Synthesizes {@link CollectorStack} as the stack {@value #STACK}: {@code
 * <outdir>/SnsCollector.template.json}. Arguments are {@code key=value} context values ({@link
 * CollectorSettings#KEYS}) and {@code outdir=DIR}; run by the CDK CLI ({@code cdk synth --app
 * ...}), the CLI's own out directory and context ({@code -c key=value}) apply instead.
 */
public final class CollectorApp {
  public static final String STACK = "SnsCollector";

  private CollectorApp() {}

  public static void main(String[] args) {
    Map<String, String> context = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "expected key=value, got '" + arg + "'; keys: outdir, " + CollectorSettings.KEYS);
      }
      context.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    String outdir = context.remove("outdir");
    CloudAssembly assembly = synthesize(outdir == null ? null : Path.of(outdir), context);
    System.out.println(assembly.getStackByName(STACK).getTemplateFullPath());
  }

  /**
   * @param outdir where the cloud assembly goes; null for the CDK CLI's ({@code CDK_OUTDIR}) or a
   *     temporary directory
   * @throws IllegalArgumentException when a required context value is missing or bad
   */
  public static CloudAssembly synthesize(@Nullable Path outdir, Map<String, String> context) {
    List<String> unknown =
        context.keySet().stream().filter(k -> !CollectorSettings.KEYS.contains(k)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown context " + unknown + "; keys: " + CollectorSettings.KEYS);
    }
    AppProps.Builder props = AppProps.builder().context(Map.copyOf(context));
    if (outdir != null) {
      props.outdir(outdir.toString());
    }
    App app = new App(props.build());
    new CollectorStack(
        app, STACK, CollectorSettings.fromContext(key -> app.getNode().tryGetContext(key)));
    return app.synth();
  }
}
