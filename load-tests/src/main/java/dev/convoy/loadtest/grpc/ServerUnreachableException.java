package dev.convoy.loadtest.grpc;

/** The start-up connect check failed; the message names the target and what to try. */
public final class ServerUnreachableException extends Exception {

  public ServerUnreachableException(String message) {
    super(message);
  }
}
