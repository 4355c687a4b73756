package dev.snscollector.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./collector}: one entry point for running, trying and measuring the collector. */
@Command(
    name = "collector",
    mixinStandardHelpOptions = true,
    version = "sns-collector 0.1.0",
    description = "Distributed crawler and collector workers for social media data.",
    subcommands = {
      DemoCommand.class,
      BenchCommand.class,
      LocalCommand.class,
      ApiCommand.class,
      ApiBenchCommand.class,
      EnqueueCommand.class,
      SealTokenCommand.class,
      ParseCommand.class,
      WorkerCommand.class,
      FixturesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class CollectorCli implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    int code =
        new CommandLine(new CollectorCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    System.exit(code);
  }
}
