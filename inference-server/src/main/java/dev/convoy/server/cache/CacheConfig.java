package dev.convoy.server.cache;

/**
 * Triton's {@code --cache-config} value for the local cache, {@code local,size=N} (N bytes);
 * the only cache Convoy has is the in-process one.
 */
public final class CacheConfig {
  private CacheConfig() {}

  /**
   * @return the cache's capacity in bytes
   * @throws IllegalArgumentException naming the option and what is wrong
   */
  public static long parseSize(String value) {
    String[] parts = value.split(",", -1);
    if (!parts[0].equals("local")) {
      throw new IllegalArgumentException("--cache-config: only the 'local' cache is supported, got '"
          + parts[0] + "'");
    }
    Long size = null;
    for (int i = 1; i < parts.length; i++) {
      String setting = parts[i];
      if (!setting.matches("size=[0-9]{1,18}")) {
        throw new IllegalArgumentException("--cache-config: 'local' takes size=<bytes>, got '" + setting + "'");
      }
      size = Long.parseLong(setting.substring("size=".length()));
    }
    if (size == null) {
      throw new IllegalArgumentException("--cache-config: 'local' needs size=<bytes>");
    }
    return size;
  }
}
