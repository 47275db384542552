package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.ModelStore;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The engine works only on stores it made; any other {@link ModelStore} is refused saying where stores come from. */
class EngineStoreTest {

  @Test
  void aStoreTheEngineDidNotMakeIsRefusedByName() {
    ModelStore<?> foreign = (ModelStore<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ModelStore.class}, (proxy, method, args) -> null);

    assertThatThrownBy(() -> ApiAccess.table(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(foreign.getClass().getName())
        .hasMessageContaining("is not a store of a database Pocketto opened");
    assertThatThrownBy(() -> EngineStore.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("null is not a store");
  }
}
