package dev.convoy.loadtest.schema;

import com.google.protobuf.Descriptors.FileDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code --proto}: the file compiled by protoc (the reference parser) into a descriptor set
 * with its imports. As ghz, the import paths are the {@code -i} list, the file's directory and
 * the working directory.
 */
public final class ProtoCompiler {

  private static final long TIMEOUT_SECONDS = 60;
  private static final int MAX_ERROR_CHARS = 2000;

  private final String protoc;

  /** @param protoc the protoc executable: a path, or a name looked up on the PATH */
  public ProtoCompiler(String protoc) {
    this.protoc = protoc;
  }

  public List<FileDescriptor> compile(String proto, List<String> importPaths)
      throws SchemaException, InterruptedException {
    Path file = Path.of(proto);
    if (!Files.isReadable(file)) {
      throw new SchemaException("proto file \"" + proto + "\" does not exist or cannot be read");
    }
    Path out = null;
    try {
      out = Files.createTempFile("convoy-load-", ".protoset");
      Process process = new ProcessBuilder(command(file, importPaths, out))
          .redirectErrorStream(true).start();
      String output;
      try (var stream = process.getInputStream()) {
        output = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new SchemaException("protoc did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new SchemaException("protoc could not compile " + proto + ": "
            + shorten(output.trim()));
      }
      return FileSets.readProtoset(out);
    } catch (IOException e) {
      throw new SchemaException("cannot run protoc ('" + protoc + "') for --proto: "
          + e.getMessage()
          + "; install protoc (Debian: protobuf-compiler), or give --protoset", e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // A temporary file left behind is harmless.
        }
      }
    }
  }

  private List<String> command(Path file, List<String> importPaths, Path out) {
    Set<String> includes = new LinkedHashSet<>(importPaths);
    Path dir = file.toAbsolutePath().getParent();
    includes.add(dir == null ? "." : dir.toString());
    includes.add(".");
    List<String> command = new ArrayList<>();
    command.add(protoc);
    includes.forEach(i -> command.add("-I" + i));
    command.add("--include_imports");
    command.add("--descriptor_set_out=" + out);
    command.add(file.toAbsolutePath().toString());
    return command;
  }

  private static String shorten(String text) {
    return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "..." : text;
  }
}
