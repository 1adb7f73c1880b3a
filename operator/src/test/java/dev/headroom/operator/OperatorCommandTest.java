package dev.headroom.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Headroom;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code headroom operator}: listed, documented, and refusing bad settings with one line each. */
class OperatorCommandTest {

  @Test
  void theOperatorIsASubcommandOfHeadroom() {
    CommandLine headroom = Headroom.commandLine();
    assertTrue(headroom.getSubcommands().containsKey("operator"));
    StringWriter out = new StringWriter();
    headroom.setOut(new PrintWriter(out));
    assertEquals(0, headroom.execute("operator", "--help"));
    assertTrue(out.toString().contains("HEADROOM_POLICY_ALLOWED_HOSTS"), out.toString());
  }

  @Test
  void aFailedStartSaysWhyToTheRoot() {
    // What JOSDK throws when the API server's name does not resolve.
    Throwable connect = new java.net.ConnectException().initCause(new java.nio.channels.UnresolvedAddressException());
    Exception e = new IllegalStateException("Error starting operator", new java.util.concurrent.ExecutionException(connect));
    assertEquals("Error starting operator: java.net.ConnectException: UnresolvedAddressException", OperatorCommand.causes(e));
  }

  @Test
  void badSettingsAreListedWithoutAStackTrace() {
    OperatorCommand command = new OperatorCommand();
    command.env = Map.of("HEADROOM_HEALTH_PORT", "http", "HEADROOM_LEADER_ELECTION", "true");
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(command).setErr(new PrintWriter(err));
    assertEquals(ExitCodes.USAGE, line.execute());
    assertEquals("""
        headroom operator: cannot start with these settings:
          POD_NAMESPACE: required when HEADROOM_LEADER_ELECTION is true: the namespace of the leader-election lease (the chart sets it from the pod)
          HEADROOM_HEALTH_PORT: 'http' is not a port (1-65535)
        """, err.toString().replace(System.lineSeparator(), "\n"));
  }
}
