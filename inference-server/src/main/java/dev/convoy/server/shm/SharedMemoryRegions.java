package dev.convoy.server.shm;

import dev.convoy.proto.inference.SystemSharedMemoryStatusResponse.RegionStatus;
import dev.convoy.server.error.InvalidInputException;
import io.grpc.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered regions: each a window {@code [offset, offset + byte_size)} of the object
 * {@code <root>/<key>} (root {@code /dev/shm}, where POSIX {@code shm_open} keeps its objects),
 * mapped read-write once at registration. Keys name an object directly in the root, never a
 * path out of it; a region must lie inside its object and fit one mapping (2 GiB). At most
 * {@link #MAX_REGIONS} are registered at once. Java cannot unmap: an unregistered region's
 * mapping is released when it is collected.
 */
public final class SharedMemoryRegions {
  public static final Path POSIX_ROOT = Path.of("/dev/shm");
  static final int MAX_REGIONS = 1024;
  private static final int MAX_NAME = 256;

  private final Path root;
  private final Map<String, Region> regions = new LinkedHashMap<>();

  /** One registered region, positioned at its first byte. */
  record Region(String name, String key, long offset, long byteSize, ByteBuffer memory) {
    RegionStatus status() {
      return RegionStatus.newBuilder().setName(name).setKey(key).setOffset(offset).setByteSize(byteSize).build();
    }
  }

  /** @param root where the objects live: {@link #POSIX_ROOT} outside tests */
  public SharedMemoryRegions(Path root) {
    this.root = root;
  }

  public synchronized void register(String name, String key, long offset, long byteSize) {
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new InvalidInputException("name: a region needs a name of 1.." + MAX_NAME + " characters");
    }
    if (regions.containsKey(name)) {
      throw Status.ALREADY_EXISTS.withDescription("shared memory region '" + name + "' is already registered")
          .asRuntimeException();
    }
    if (regions.size() >= MAX_REGIONS) {
      throw Status.RESOURCE_EXHAUSTED.withDescription(MAX_REGIONS + " shared memory regions are registered;"
          + " unregister one first").asRuntimeException();
    }
    Path object = object(key);
    if (byteSize < 1 || byteSize > Integer.MAX_VALUE || offset < 0) {
      throw new InvalidInputException("byte_size: must be in 1.." + Integer.MAX_VALUE + " (offset >= 0), got "
          + Long.toUnsignedString(byteSize) + " at offset " + Long.toUnsignedString(offset));
    }
    regions.put(name, new Region(name, key, offset, byteSize, map(object, key, offset, byteSize)));
  }

  /** @param name empty: every region */
  public synchronized void unregister(String name) {
    if (name.isEmpty()) {
      regions.clear();
    } else {
      regions.remove(name);
    }
  }

  /** @param name empty: every region */
  public synchronized List<RegionStatus> status(String name) {
    if (name.isEmpty()) {
      return regions.values().stream().map(Region::status).toList();
    }
    return List.of(region(name).status());
  }

  synchronized Region region(String name) {
    Region region = regions.get(name);
    if (region == null) {
      throw Status.NOT_FOUND.withDescription("no shared memory region '" + bounded(name) + "' is registered")
          .asRuntimeException();
    }
    return region;
  }

  private Path object(String key) {
    String file = key.startsWith("/") ? key.substring(1) : key;
    if (file.isEmpty() || file.length() > MAX_NAME || file.contains("/") || file.equals(".") || file.equals("..")
        || file.indexOf('\0') >= 0) {
      throw new InvalidInputException("key: '" + bounded(key) + "' is not a shared-memory object name");
    }
    return root.resolve(file);
  }

  private static ByteBuffer map(Path object, String key, long offset, long byteSize) {
    try (FileChannel channel = FileChannel.open(object, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (offset > size || byteSize > size - offset) {
        throw new InvalidInputException("byte_size: " + byteSize + " bytes at offset " + offset
            + " do not fit object '" + bounded(key) + "' of " + size + " bytes");
      }
      return channel.map(FileChannel.MapMode.READ_WRITE, offset, byteSize).order(ByteOrder.LITTLE_ENDIAN);
    } catch (NoSuchFileException e) {
      throw Status.NOT_FOUND.withDescription("key: no shared-memory object '" + bounded(key) + "'").asRuntimeException();
    } catch (IOException e) {
      throw new InvalidInputException("key: cannot map shared-memory object '" + bounded(key) + "': "
          + e.getClass().getSimpleName());
    }
  }

  private static String bounded(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
