package com.acme.billing.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pocketto.sync.Authenticator;
import io.pocketto.sync.JwtAuthenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The people who may sync, from a small file ({@code --users FILE}), so that the sample needs no
 * identity provider: one line per user, {@code name:password:customer,customer}. Signing in
 * ({@code POST /api/sign-in}) gives a bearer token (HS256, signed with a secret made at start-up, valid
 * for {@link #TOKEN_LIFETIME}) whose {@code customers} claim is the user's scope. A real deployment has
 * its identity provider issue the tokens instead, and keeps only the {@link JwtAuthenticator}.
 */
public final class SyncUsers {
  /** The tokens' issuer. */
  public static final String ISSUER = "pocketto-sample-app";
  /** How long a token is good for; a replica signs in again when its token is refused. */
  public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

  private record User(String name, byte[] password, List<String> customers) {}

  private final Map<String, User> users;
  private final byte[] secret = new byte[32];

  private SyncUsers(Map<String, User> users) {
    this.users = users;
    new SecureRandom().nextBytes(secret);
  }

  /**
   * Reads a users file.
   *
   * @throws IllegalArgumentException naming the line, for a line that is not {@code name:password:customers}
   */
  public static SyncUsers load(Path file) throws IOException {
    Map<String, User> users = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", 3);
      if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected name:password:customer,customer");
      }
      List<String> customers = Arrays.stream(parts[2].split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
      users.put(parts[0].strip(), new User(parts[0].strip(), parts[1].getBytes(StandardCharsets.UTF_8), customers));
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException(file + " names no user; add lines such as alice:secret:ACME,Initech");
    }
    return new SyncUsers(users);
  }

  /** Checks the tokens this instance signs. */
  public Authenticator authenticator() {
    return JwtAuthenticator.hmac(secret, ISSUER);
  }

  /** A token for the user, or {@code null} if the name or password is wrong. */
  String signIn(String name, String password) {
    User user = name == null ? null : users.get(name);
    byte[] given = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
    if (user == null || !MessageDigest.isEqual(user.password(), given)) {
      return null;
    }
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(user.name())
        .claim("customers", user.customers())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
        .build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(secret));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("signing a token failed", e);
    }
  }
}
