package io.pocketto.sync;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;

/**
 * Checks signed bearer tokens ({@code Authorization: Bearer <JWT>}) with Nimbus JOSE + JWT: the
 * signature (HMAC with a shared secret, or RSA with the issuer's public key), the issuer, the expiry
 * ({@code exp} is required), and a subject ({@code sub}, the principal's id). Unsigned tokens
 * ({@code alg: none}) and any algorithm of another family than the key's are refused. Every other claim
 * becomes an attribute of the {@link Principal}, e.g. {@code "customers": ["ACME"]}.
 *
 * <p>Nimbus is an optional dependency of the runtime: add {@code com.nimbusds:nimbus-jose-jwt} to use this class.
 */
public final class JwtAuthenticator implements Authenticator {
  private static final String LIBRARY_CLASS = "com.nimbusds.jwt.proc.DefaultJWTProcessor";
  /** HS256 needs a key of at least 256 bits. */
  private static final int MIN_SECRET_BYTES = 32;

  private final NimbusJwt verifier;

  private JwtAuthenticator(NimbusJwt verifier) {
    this.verifier = verifier;
  }

  /**
   * Tokens signed with HS256, HS384 or HS512 by {@code secret}, issued by {@code issuer}.
   *
   * @throws IllegalArgumentException if the secret is shorter than 32 bytes or the issuer is empty
   * @throws IllegalStateException if Nimbus JOSE + JWT is not on the class path
   */
  public static JwtAuthenticator hmac(byte[] secret, String issuer) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("an HMAC secret needs at least " + MIN_SECRET_BYTES + " bytes (256 bits)");
    }
    requireLibrary();
    return new JwtAuthenticator(NimbusJwt.hmac(secret.clone(), requireIssuer(issuer), Duration.ofSeconds(60)));
  }

  /**
   * Tokens signed with RS256/384/512 or PS256/384/512 by the private key of {@code key}, issued by {@code issuer}.
   *
   * @throws IllegalArgumentException if the key is null or the issuer is empty
   * @throws IllegalStateException if Nimbus JOSE + JWT is not on the class path
   */
  public static JwtAuthenticator rsa(RSAPublicKey key, String issuer) {
    if (key == null) {
      throw new IllegalArgumentException("the issuer's RSA public key is required");
    }
    requireLibrary();
    return new JwtAuthenticator(NimbusJwt.rsa(key, requireIssuer(issuer), Duration.ofSeconds(60)));
  }

  /** The same checks with another tolerance for clocks that differ (60 seconds by default; zero for none). */
  public JwtAuthenticator withClockSkew(Duration skew) {
    if (skew == null || skew.isNegative()) {
      throw new IllegalArgumentException("the clock skew must be zero or positive, was " + skew);
    }
    return new JwtAuthenticator(verifier.withClockSkew(skew));
  }

  @Override
  public Principal authenticate(Headers headers) {
    String token = headers.bearerToken();
    if (token == null) {
      throw new SyncAuthenticationException("sign in: send 'Authorization: Bearer <token>'");
    }
    return verifier.principal(token);
  }

  private static String requireIssuer(String issuer) {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("the expected issuer is required: a token's 'iss' must equal it");
    }
    return issuer;
  }

  private static void requireLibrary() {
    try {
      Class.forName(LIBRARY_CLASS, false, JwtAuthenticator.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("JwtAuthenticator needs com.nimbusds:nimbus-jose-jwt on the class path "
          + "(an optional dependency of pocketto-runtime): add it to your build", e);
    }
  }
}
