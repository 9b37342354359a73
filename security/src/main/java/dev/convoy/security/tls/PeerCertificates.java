package dev.convoy.security.tls;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The principal a verified peer certificate names: its first subject alternative name that is
 * a DNS name, a URI (a SPIFFE ID, say) or an e-mail address. A certificate without one names
 * nobody: the peer is still verified, but authenticates no principal.
 */
public final class PeerCertificates {
  private static final int RFC822_NAME = 1;
  private static final int DNS_NAME = 2;
  private static final int URI = 6;

  private PeerCertificates() {}

  /** The peer's principal in a TLS session (null: no TLS), empty when it sent no certificate. */
  public static Optional<String> principal(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? principal(leaf) : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  public static Optional<String> principal(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
    if (names == null) {
      return Optional.empty();
    }
    return names.stream()
        .filter(name -> name.get(0) instanceof Integer type && (type == DNS_NAME || type == URI || type == RFC822_NAME))
        .map(name -> String.valueOf(name.get(1)))
        .findFirst();
  }
}
