package dev.convoy.security.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at test time (EC P-256 keys), issuing certificates into PEM
 * files in a directory of the test's: nothing secret lives in the repository.
 */
public final class TestPki {
  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

  private final Path dir;
  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate caCertificate;

  private TestPki(Path dir, String name, KeyPair caKeys, X509Certificate caCertificate) {
    this.dir = dir;
    this.name = name;
    this.caKeys = caKeys;
    this.caCertificate = caCertificate;
  }

  /** A new CA whose certificate is {@code <dir>/<name>-ca.pem}. */
  public static TestPki create(Path dir, String name) {
    KeyPair keys = keyPair();
    X500Name subject = new X500Name("CN=" + name + " test CA");
    Instant now = Instant.now();
    X509Certificate ca = sign(new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minusSeconds(60)),
        Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic()), keys, true, List.of());
    TestPki pki = new TestPki(dir, name, keys, ca);
    write(pki.caFile(), pem(ca));
    return pki;
  }

  public Path caFile() {
    return dir.resolve(name + "-ca.pem");
  }

  /** The files of an issued certificate. */
  public record Issued(Path certificate, Path key) {}

  /** A certificate valid now for a day, naming {@code principal} first, then localhost and 127.0.0.1. */
  public Issued issue(String file, String principal) {
    Instant now = Instant.now();
    return issue(file, principal, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
  }

  /** A certificate valid from {@code notBefore} to {@code notAfter} (in the past: expired). */
  public Issued issue(String file, String principal, Instant notBefore, Instant notAfter) {
    KeyPair keys = keyPair();
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.dNSName, principal));
    names.add(new GeneralName(GeneralName.dNSName, "localhost"));
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    X500Name issuer = new X500Name(caCertificate.getSubjectX500Principal().getName());
    X509Certificate certificate = sign(new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
        Date.from(notAfter), new X500Name("CN=" + principal), keys.getPublic()), caKeys, false, names);
    return writeIssued(file, certificate, keys);
  }

  /** A certificate that signs itself: no CA vouches for it. */
  public static Issued selfSigned(Path dir, String file, String principal) {
    KeyPair keys = keyPair();
    X500Name subject = new X500Name("CN=" + principal);
    Instant now = Instant.now();
    List<GeneralName> names = List.of(new GeneralName(GeneralName.dNSName, principal),
        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    X509Certificate certificate = sign(new JcaX509v3CertificateBuilder(subject, serial(),
        Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic()),
        keys, false, names);
    return new TestPki(dir, file, keys, certificate).writeIssued(file, certificate, keys);
  }

  private Issued writeIssued(String file, X509Certificate certificate, KeyPair keys) {
    Issued issued = new Issued(dir.resolve(file + ".pem"), dir.resolve(file + ".key"));
    write(issued.certificate(), pem(certificate));
    try {
      write(issued.key(), pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return issued;
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer, boolean ca,
      List<GeneralName> names) {
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
          : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      if (!names.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has EC P-256", e);
    }
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIALS.incrementAndGet());
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
