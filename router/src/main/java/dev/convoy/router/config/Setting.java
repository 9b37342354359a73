package dev.convoy.router.config;

/**
 * One {@code key = value} setting.
 *
 * @param origin where it was written, for error messages: {@code router.conf:12} or
 *     {@code command line}
 */
public record Setting(String key, String value, String origin) {}
