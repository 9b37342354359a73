package dev.convoy.router.backend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name resolution for DNS-discovered backends; tests inject a fake. */
@FunctionalInterface
public interface HostResolver {
  /** The system resolver: {@link InetAddress#getAllByName}, subject to the JVM's DNS cache. */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  List<InetAddress> resolve(String host) throws UnknownHostException;
}
