package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.server.SampleModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java client in the root README compiles as printed and classifies a digit correctly. */
class ReadmeClientTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?public class DigitsClient.*?)```",
      Pattern.DOTALL);

  @TempDir Path work;

  @Test
  void readmeClient_againstALoopbackServer_printsTheDigitItSent() throws Exception {
    Path classes = compile(readmeClient());
    SampleModels.copy(work.resolve("models"), "digits_mlp");
    try (LoopbackServer loopback = new LoopbackServer(work.resolve("models"))) {
      String printed = runMain(classes, "127.0.0.1:" + loopback.server.port());

      assertThat(printed).startsWith("digit 0 ");
    }
  }

  private static String readmeClient() throws Exception {
    Path readme = Path.of(System.getProperty("convoy.models.dir", "../models")).toAbsolutePath().getParent()
        .resolve("README.md");
    Matcher block = JAVA_BLOCK.matcher(Files.readString(readme));
    assertThat(block.find()).as("a java block with class DigitsClient in " + readme).isTrue();
    return block.group(1);
  }

  private Path compile(String source) throws Exception {
    Path sources = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    Path file = Files.writeString(sources.resolve("DigitsClient.java"), source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
        "-d", classes.toString(), file.toString());
    assertThat(status).as("javac exit status").isZero();
    return classes;
  }

  private static String runMain(Path classes, String target) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        ReadmeClientTest.class.getClassLoader())) {
      Method main = loader.loadClass("DigitsClient").getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[] {target});
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
