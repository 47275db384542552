package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.internal.ApiAccess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.Checkpoint;
import io.pocketto.internal.ModelBinding;
import io.pocketto.internal.ReplicaCodec;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.sync.JwtAuthenticator;
import io.pocketto.sync.SyncServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that try what they must not, over HTTP, against a master on each backend: no token, a forged,
 * expired, unsigned or foreign token, and a valid token of alice (customer ACME) reaching for Globex's
 * invoices. Every case is refused, writes nothing, and tells nothing about Globex's documents: not in the
 * answer's documents, its checkpoint, its error message or a conflict body.
 */
class HostileClientsTest extends SyncTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ReplicaCodec<SalesInvoice> CODEC = new ReplicaCodec<>(ModelBinding.of(SalesInvoice.class));

  /** Globex's total: with its point, its text cannot stand by chance in an id, a revision or a hex fingerprint. */
  private static final String GLOBEX_TOTAL = "777.77";

  private URI base;
  private String globexRev;

  @BeforeEach
  void serveTwoCustomers() {
    invoice("A1", "ACME", "100");
    invoice("A2", "ACME", "200");
    globexRev = invoice("G1", "Globex", GLOBEX_TOTAL).meta().rev();
    base = serve(SyncServer.builder(db)
        .authenticator(JwtAuthenticator.hmac(Tokens.SECRET, Tokens.ISSUER))
        .model(SalesInvoice.class, rules -> rules.scope(p -> SalesInvoice.CUSTOMER.in(p.texts("customers"))))
        .build());
  }

  private record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private Answer post(String operation, String token, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/sales_invoices/" + operation))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static final String PULL_ALL = "{\"clientId\":\"c1\",\"checkpoint\":null,\"limit\":1000}";

  /** Every document of the master with its revision: what "writes nothing" compares. */
  private List<String> masterState() {
    return SalesInvoice.in(db).changes(Checkpoint.START, 1000).changes().stream()
        .map(c -> c.id() + "@" + c.revision()).sorted().toList();
  }

  /** Asserts the text says nothing of Globex's invoice, decoding the checkpoint too. */
  private void assertLeaksNothing(Answer answer) {
    String all = answer.body();
    JsonNode checkpoint = answer.json().get("checkpoint");
    if (checkpoint != null && checkpoint.isTextual()) {
      // The checkpoint is read decoded, not as its base64 text, in which "G1" may stand by chance.
      String text = checkpoint.asText();
      all = all.replace(text, "")
          + new String(Base64.getUrlDecoder().decode(text.substring(text.indexOf('.') + 1)), StandardCharsets.UTF_8);
    }
    assertThat(all).doesNotContain("G1", "Globex", GLOBEX_TOTAL, globexRev.substring(2));
  }

  /** A push of one row: {@code id} with these fields on top of {@code assumed}, its revision computed as a client would. */
  private static String pushOf(String id, String assumed, String customer, String total) {
    Object[] values = CODEC.initialValues();
    ModelBinding<SalesInvoice> b = CODEC.binding();
    values[b.indexOf("number")] = "INV-" + id;
    values[b.indexOf("customer")] = customer;
    values[b.indexOf("total")] = new BigDecimal(total);
    values[b.indexOf("lines")] = "[]";
    String rev = CODEC.revisionOf(assumed, false, values);
    ObjectNode request = JSON.createObjectNode();
    request.put("clientId", "c1");
    ObjectNode row = request.putArray("rows").addObject();
    row.put("id", id);
    row.put("assumedMasterRev", assumed);
    row.set("newDocumentState", CODEC.encode(id, rev, false, values));
    return request.toString();
  }

  private void assertUnauthorized(String token) {
    List<String> before = masterState();
    for (String operation : List.of("pull", "push")) {
      Answer answer = post(operation, token, operation.equals("pull") ? PULL_ALL : pushOf("N1", null, "ACME", "1"));
      assertThat(answer.status()).as(operation).isEqualTo(401);
      assertThat(answer.json().get("status").asInt()).isEqualTo(401);
      assertThat(answer.json().get("message").asText()).isNotEmpty();
      assertLeaksNothing(answer);
    }
    assertThat(masterState()).isEqualTo(before);
  }

  @Test
  void noTokenIsRefusedWith401() {
    assertUnauthorized(null);
    assertThat(post("pull", null, PULL_ALL).json().get("message").asText()).contains("Authorization: Bearer");
  }

  @Test
  void aForgedSignatureIsRefusedWith401() {
    byte[] otherSecret = "a secret that is not the server's, also 256 bits long".getBytes(StandardCharsets.UTF_8);
    assertUnauthorized(Tokens.hmac(otherSecret, Tokens.claims(Tokens.ISSUER, "alice", List.of("ACME", "Globex"), Duration.ofHours(1))));
  }

  @Test
  void anExpiredTokenIsRefusedWith401() {
    String expired = Tokens.hmac(Tokens.SECRET, Tokens.claims(Tokens.ISSUER, "alice", List.of("ACME"), Duration.ofMinutes(-10)));
    assertUnauthorized(expired);
    assertThat(post("pull", expired, PULL_ALL).json().get("message").asText()).containsIgnoringCase("expired");
  }

  @Test
  void anUnsignedTokenIsRefusedWith401() {
    assertUnauthorized(Tokens.unsigned(Tokens.claims(Tokens.ISSUER, "alice", List.of("Globex"), Duration.ofHours(1))));
  }

  @Test
  void aTokenOfAnotherIssuerIsRefusedWith401() {
    assertUnauthorized(Tokens.hmac(Tokens.SECRET, Tokens.claims("https://evil.example", "alice", List.of("Globex"), Duration.ofHours(1))));
  }

  @Test
  void aTokenThatIsNotAJwtIsRefusedWith401() {
    assertUnauthorized("not-a-token");
  }

  @Test
  void rsaTokensAreCheckedWithTheIssuersPublicKey() {
    KeyPair issuer = Tokens.rsaKeys();
    KeyPair forger = Tokens.rsaKeys();
    base = serve(SyncServer.builder(db)
        .authenticator(JwtAuthenticator.rsa((RSAPublicKey) issuer.getPublic(), Tokens.ISSUER))
        .model(SalesInvoice.class, rules -> rules.scope(p -> SalesInvoice.CUSTOMER.in(p.texts("customers"))))
        .build());
    var claims = Tokens.claims(Tokens.ISSUER, "alice", List.of("ACME"), Duration.ofHours(1));

    Answer signed = post("pull", Tokens.rsa((RSAPrivateKey) issuer.getPrivate(), claims), PULL_ALL);
    assertThat(signed.status()).isEqualTo(200);
    assertThat(ids(signed)).containsExactly("A1", "A2");

    assertUnauthorized(Tokens.rsa((RSAPrivateKey) forger.getPrivate(), claims));
    // An HMAC token keyed with the public key's bytes: the old algorithm-confusion attack.
    assertUnauthorized(Tokens.hmac(issuer.getPublic().getEncoded(), claims));
  }

  private static List<String> ids(Answer answer) {
    return answer.json().get("documents").findValuesAsText("id").stream().sorted().toList();
  }

  @Test
  void aValidTokenPullsOnlyItsOwnCustomersInvoices() {
    Answer answer = post("pull", Tokens.hmac("alice", "ACME"), PULL_ALL);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(ids(answer)).containsExactly("A1", "A2");
    assertThat(answer.json().get("removed")).isEmpty();
    assertLeaksNothing(answer);
  }

  @Test
  void aPrincipalWithNoCustomersPullsNothing() {
    Answer answer = post("pull", Tokens.hmac("nobody"), PULL_ALL);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(ids(answer)).isEmpty();
    assertLeaksNothing(answer);
  }

  /** Asserts a push was answered 200 with exactly this row refused as outside the scope, and changed nothing. */
  private void assertRefusedOutsideScope(String push) {
    List<String> before = masterState();
    Answer answer = post("push", Tokens.hmac("alice", "ACME"), push);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("conflicts")).isEmpty();
    JsonNode refused = answer.json().get("refused");
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).get("status").asInt()).isEqualTo(403);
    assertThat(refused.get(0).get("reason").asText()).isEqualTo("the document is outside your sync scope");
    assertThat(masterState()).isEqualTo(before);
    assertThat(answer.body()).doesNotContain("Globex\",\"total\"", GLOBEX_TOTAL, globexRev.substring(2));
  }

  @Test
  void aPushToAnotherCustomersInvoiceIsRefusedWhateverRevisionItAssumes() {
    assertRefusedOutsideScope(pushOf("G1", globexRev, "Globex", "1"));
    // A wrong assumed revision would be a conflict, whose body is the master's document: it must not be.
    assertRefusedOutsideScope(pushOf("G1", "1-0123456789abcdef0123456789abcdef", "ACME", "1"));
    assertThat(stored(db, "G1").getTotal()).isEqualByComparingTo(GLOBEX_TOTAL);
  }

  @Test
  void aNewInvoiceForAnotherCustomerIsRefused() {
    assertRefusedOutsideScope(pushOf("N1", null, "Globex", "5"));
    assertThat(ApiAccess.table(SalesInvoice.in(db)).findIncludingDeleted("N1")).isEmpty();
  }

  @Test
  void creatingAnIdTakenOutsideTheScopeIsRefusedLikeAnyOtherOutOfScopeRow() {
    // The same answer as for a new invoice of another customer: it does not say that G1 exists.
    assertRefusedOutsideScope(pushOf("G1", null, "ACME", "5"));
    assertThat(stored(db, "G1").getCustomer()).isEqualTo("Globex");
  }

  @Test
  void movingAnOwnInvoiceToAnotherCustomerIsRefused() {
    String a1 = stored(db, "A1").meta().rev();

    assertRefusedOutsideScope(pushOf("A1", a1, "Globex", "100"));

    assertThat(stored(db, "A1").meta().rev()).isEqualTo(a1);
    assertThat(stored(db, "A1").getCustomer()).isEqualTo("ACME");
  }

  @Test
  void aValidPushInsideTheScopeIsWrittenAsTheSignedInPrincipal() {
    String a1 = stored(db, "A1").meta().rev();

    Answer answer = post("push", Tokens.hmac("alice", "ACME"), pushOf("A1", a1, "ACME", "150"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("refused")).isEmpty();
    assertThat(stored(db, "A1").getTotal()).isEqualByComparingTo("150");
    assertThat(stored(db, "A1").meta().writer()).isEqualTo("alice");
  }

  @Test
  void aPushedDocumentCannotClaimAWriter() {
    String a1 = stored(db, "A1").meta().rev();
    String push = pushOf("A1", a1, "ACME", "150").replace("\"_deleted\":false", "\"_deleted\":false,\"_writer\":\"mallory\"");
    List<String> before = masterState();

    Answer answer = post("push", Tokens.hmac("alice", "ACME"), push);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).contains("no field '_writer'");
    assertThat(masterState()).isEqualTo(before);
  }

  @Test
  void aForeignCheckpointIsRefusedWithoutServingAnything() {
    String forged = "sc1." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        "other-db\nsales_invoices\n0\n0\nx".getBytes(StandardCharsets.UTF_8));

    Answer answer = post("pull", Tokens.hmac("alice", "ACME"), "{\"clientId\":\"c1\",\"checkpoint\":\"" + forged + "\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertLeaksNothing(answer);
  }

  @Test
  void anotherPrincipalsReplicaStateIsItsOwn() {
    // Gary pulls as client c1 (Globex); alice then pulls with the same client id: she gets her own documents
    // and no removal of Gary's, which would name them.
    assertThat(ids(post("pull", Tokens.hmac("gary", "Globex"), PULL_ALL))).containsExactly("G1");

    Answer alice = post("pull", Tokens.hmac("alice", "ACME"), PULL_ALL);

    assertThat(ids(alice)).containsExactly("A1", "A2");
    assertThat(alice.json().get("removed")).isEmpty();
    assertLeaksNothing(alice);
  }


  @Test
  void aShortHmacSecretOrAMissingIssuerIsRefusedWhenTheServerIsConfigured() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JwtAuthenticator.hmac(new byte[31], Tokens.ISSUER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JwtAuthenticator.hmac(Tokens.SECRET, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer");
  }

  @Test
  void aScopeWithoutAnAuthenticatorIsAConfigurationError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SyncServer.builder(db)
            .model(SalesInvoice.class, rules -> rules.scope(p -> SalesInvoice.CUSTOMER.eq("ACME"))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a principal: set an authenticator");
  }
}
