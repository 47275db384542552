package io.pocketto.it.sync;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Signed (and unsigned) bearer tokens for the sync tests, made with Nimbus as an identity provider would. */
final class Tokens {
  static final String ISSUER = "https://id.acme.example";
  static final byte[] SECRET = "the sync tests' shared HMAC secret, 256 bits at least".getBytes(StandardCharsets.UTF_8);

  private Tokens() {}

  static JWTClaimsSet claims(String issuer, String subject, List<String> customers, Duration validFor) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .claim("customers", customers)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(validFor)))
        .build();
  }

  /** An HS256 token of the tests' issuer for {@code subject}, valid for an hour. */
  static String hmac(String subject, String... customers) {
    return hmac(SECRET, claims(ISSUER, subject, List.of(customers), Duration.ofHours(1)));
  }

  static String hmac(byte[] secret, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(secret));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String rsa(RSAPrivateKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsigned token ({@code alg: none}) with valid claims. */
  static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  static KeyPair rsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
