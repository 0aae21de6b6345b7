package io.tune4j.tune.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The embedded actor runtime: typed calls, failures, waiting for the first reply, reuse. */
@Tag("ray")
class ActorRuntimeTest {

  /** A host with state, slow and failing operations. */
  public static final class Box {
    private final List<String> items = new ArrayList<>();

    public Integer add(String s) {
      items.add(s);
      return items.size();
    }

    public List<String> items() {
      return new ArrayList<>(items);
    }

    public String slow(Long millis, String tag) throws InterruptedException {
      Thread.sleep(millis);
      return tag;
    }

    public Object fail(String why) {
      throw new IllegalArgumentException(why);
    }
  }

  @Test
  void wireValuesRoundTrip() {
    for (Object v : new Object[] {null, "héllo", 42L, 7, 2.5, true, List.of(1, "a"), Map.of("k", 1.0)}) {
      byte[] b = Wire.value(v);
      assertEquals(v, Wire.decodeValue(b, 0, b.length));
    }
    byte[] raw = {1, 2, 3};
    byte[] b = Wire.value(raw);
    assertArrayEquals(raw, (byte[]) Wire.decodeValue(b, 0, b.length));
    HostOps.Op2<Box, Long, String, String> op = Box::slow;
    Wire.Message m = Wire.decodeMessage(Wire.message(99L, op, 5L, "x"));
    assertEquals(99L, m.hostId());
    assertEquals(List.of(5L, "x"), List.of(m.args()));
    // A non-capturing method reference is decoded once and then served from the cache.
    assertSame(m.op(), Wire.decodeMessage(Wire.message(1L, op, 6L, "y")).op());
  }

  @Test
  void callsRunInOrderOnTheActorsOwnHost() {
    ActorRuntime rt = ActorRuntime.get();
    assertTrue(rt.embedded());
    Actor<Box> a = rt.create(Box::new, ActorResources.cpus(1), "box a");
    Actor<Box> b = rt.create(Box::new, ActorResources.cpus(1), "box b");
    for (int i = 0; i < 20; i++) {
      a.call(Box::add, "a" + i);
      b.call(Box::add, "b" + i);
    }
    List<String> inA = a.call(Box::items).get();
    assertEquals(20, inA.size());
    assertTrue(inA.stream().allMatch(s -> s.startsWith("a")), inA.toString());
    assertEquals("b19", b.call(Box::items).get().get(19));
    ActorInfo info = a.info();
    assertEquals(ProcessHandle.current().pid(), info.pid());
    assertEquals("127.0.0.1", info.nodeIp());
    a.release(false, null);
    b.release(false, null);
  }

  @Test
  void aThrowingOperationReachesTheCallerWithItsTrace() {
    Actor<Box> a = ActorRuntime.get().create(Box::new, ActorResources.cpus(1), "box");
    Pending<Object> p = a.call(Box::fail, "no such key 'lr'");
    ActorCallException e = assertThrows(ActorCallException.class, p::get);
    assertTrue(e.getMessage().contains("box failed: java.lang.IllegalArgumentException: no such key 'lr'"), e.getMessage());
    assertTrue(e.remoteTrace().contains("at io.tune4j.tune.runtime.ActorRuntimeTest$Box.fail"), e.remoteTrace());
    // The actor keeps working after a failed call.
    assertEquals(1, a.call(Box::add, "x").get());
    a.release(false, null);
  }

  @Test
  void waitAnyHandsBackTheFastReplyFirstAndLosesNothing() {
    ActorRuntime rt = ActorRuntime.get();
    Actor<Box> slow = rt.create(Box::new, ActorResources.cpus(1), "slow");
    Actor<Box> fast = rt.create(Box::new, ActorResources.cpus(1), "fast");
    List<Pending<String>> pending = new ArrayList<>();
    pending.add(slow.call(Box::slow, 400L, "slow"));
    for (int i = 0; i < 5; i++) {
      pending.add(fast.call(Box::slow, 5L, "fast" + i));
    }
    List<String> order = new ArrayList<>();
    Set<Pending<String>> left = new HashSet<>(pending);
    while (!left.isEmpty()) {
      List<Pending<String>> ready = rt.waitAny(left, 5_000);
      assertTrue(!ready.isEmpty(), "nothing ready within 5 s");
      for (Pending<String> p : ready) {
        order.add(p.get());
        left.remove(p);
      }
    }
    assertEquals(6, order.size());
    assertEquals("slow", order.get(5), order.toString());
    assertEquals(6, new HashSet<>(order).size());
    assertTrue(rt.waitAny(List.of(slow.call(Box::slow, 300L, "late")), 10).isEmpty());
    slow.release(false, null);
    fast.release(false, null);
  }

  @Test
  void releasedActorsAreReusedWithTheirHost() {
    ActorRuntime rt = ActorRuntime.get();
    HostOps.Factory<Box> factory = Box::new;
    double free = rt.availableResources(4, 0).cpu();
    Actor<Box> a = rt.create(factory, ActorResources.cpus(1), "first");
    assertEquals(free - 1, rt.availableResources(4, 0).cpu(), 1e-9, "a live actor holds its CPU");
    a.call(Box::add, "kept").get();
    int idle = rt.idleActors();
    a.release(false, null);
    assertEquals(free, rt.availableResources(4, 0).cpu(), 1e-9, "a released actor holds nothing");
    assertEquals(idle + 1, rt.idleActors());
    Actor<Box> again = rt.create(factory, ActorResources.cpus(2), "second");
    assertSame(a, again);
    assertEquals("second", again.label());
    assertEquals(List.of("kept"), again.call(Box::items).get());
    again.release(false, null);
  }

  @Test
  void aFactoryThatThrowsFailsTheFirstCall() {
    HostOps.Factory<Box> broken = () -> {
      throw new IllegalStateException("cannot build the env");
    };
    Actor<Box> a = ActorRuntime.get().create(broken, ActorResources.cpus(1), "broken");
    ActorCallException e = assertThrows(ActorCallException.class, () -> a.call(Box::items).get());
    assertTrue(e.remoteTrace().contains("cannot build the env"), e.remoteTrace());
  }

  @Test
  void clusterRequestsMustBeWholeAboveOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ActorResources.cpus(1.5).checkForCluster("resources_per_trial"));
    assertTrue(e.getMessage().contains("resources_per_trial asks for 1.5 cpu"), e.getMessage());
    ActorResources.cpus(0.5).checkForCluster("x");
    ActorResources.cpus(2).checkForCluster("x");
    assertInstanceOf(ActorResources.class, new ActorResources(1, 0, null));
    assertNull(Wire.decodeValue(Wire.value(null), 0, 1));
  }
}
