package io.pocketto.sync;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Nimbus side of {@link JwtAuthenticator}, in a class of its own so that the runtime loads Nimbus
 * types only when an application asks for JWTs.
 */
final class NimbusJwt {
  private static final Set<String> REGISTERED = Set.of(JWTClaimNames.ISSUER, JWTClaimNames.SUBJECT, JWTClaimNames.AUDIENCE,
      JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.NOT_BEFORE, JWTClaimNames.ISSUED_AT, JWTClaimNames.JWT_ID);

  private final JWKSource<SecurityContext> keys;
  private final Set<JWSAlgorithm> algorithms;
  private final String issuer;
  private final Duration skew;
  private final DefaultJWTProcessor<SecurityContext> processor;

  private NimbusJwt(JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms, String issuer, Duration skew) {
    this.keys = keys;
    this.algorithms = algorithms;
    this.issuer = issuer;
    this.skew = skew;
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    // Only the key's own family: an RSA public key can never be taken as an HMAC secret, and a plain
    // (alg: none) token finds no key selector that accepts it, so the processor refuses it.
    p.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        new JWTClaimsSet.Builder().issuer(issuer).build(),
        Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.EXPIRATION_TIME));
    claims.setMaxClockSkew((int) skew.toSeconds());
    p.setJWTClaimsSetVerifier(claims);
    this.processor = p;
  }

  static NimbusJwt hmac(byte[] secret, String issuer, Duration skew) {
    return new NimbusJwt(new ImmutableSecret<>(secret), Set.copyOf(JWSAlgorithm.Family.HMAC_SHA), issuer, skew);
  }

  static NimbusJwt rsa(RSAPublicKey key, String issuer, Duration skew) {
    return new NimbusJwt(new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(key).build())),
        Set.copyOf(JWSAlgorithm.Family.RSA), issuer, skew);
  }

  NimbusJwt withClockSkew(Duration newSkew) {
    return new NimbusJwt(keys, algorithms, issuer, newSkew);
  }

  Principal principal(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new SyncAuthenticationException("the bearer token is not a JWT");
    } catch (BadJWTException e) {
      // Expired, another issuer, no subject: Nimbus's message names the claim, never a secret.
      throw new SyncAuthenticationException("the bearer token was refused: " + e.getMessage());
    } catch (BadJOSEException | JOSEException e) {
      throw new SyncAuthenticationException("the bearer token was refused: its signature or algorithm is not accepted here");
    }
    Map<String, Object> attributes = new HashMap<>();
    claims.getClaims().forEach((name, value) -> {
      if (!REGISTERED.contains(name) && value != null) {
        attributes.put(name, value);
      }
    });
    return new Principal(claims.getSubject(), attributes);
  }
}
