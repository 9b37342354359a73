/**
 * Triton's response cache: answers of models with {@code response_cache { enable: true }},
 * keyed on model, loaded version and a digest of the inputs and requested outputs, bounded in
 * bytes with least-recently-used eviction ({@code --cache-config local,size=N}).
 */
package dev.convoy.server.cache;
