package dev.convoy.monitor.alert;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.convoy.proto.monitor.v1.Alert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each transition as JSON (the {@code Alert} message in protobuf's JSON mapping) to a
 * URL, asynchronously. At most {@link #IN_FLIGHT} posts are outstanding; beyond that a
 * transition is dropped and counted rather than queued without bound. A failed post is
 * logged and counted, not retried.
 */
public final class WebhookAlertSink implements AlertSink {
  static final int IN_FLIGHT = 16;
  private static final Logger log = LoggerFactory.getLogger(WebhookAlertSink.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI url;
  private final HttpClient client;
  private final Semaphore permits = new Semaphore(IN_FLIGHT);
  private final AtomicLong failed = new AtomicLong();

  public WebhookAlertSink(URI url, Executor executor) {
    this.url = url;
    this.client = HttpClient.newBuilder().executor(executor).connectTimeout(TIMEOUT).build();
  }

  @Override
  public void deliver(Alert alert) {
    if (!permits.tryAcquire()) {
      failed.incrementAndGet();
      log.warn("webhook {}: {} posts outstanding, alert {} {} dropped", url, IN_FLIGHT,
          alert.getAlertId(), alert.getState());
      return;
    }
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(alert)))
        .build();
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
      permits.release();
      if (error != null || response.statusCode() / 100 != 2) {
        failed.incrementAndGet();
        log.warn("webhook {}: alert {} {} not delivered: {}", url, alert.getAlertId(), alert.getState(),
            error != null ? error.toString() : "HTTP " + response.statusCode());
      }
    });
  }

  /** Posts dropped or failed so far. */
  public long failed() {
    return failed.get();
  }

  static String json(Alert alert) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(alert);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an Alert always prints as JSON", e);
    }
  }
}
