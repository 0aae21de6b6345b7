package io.tune4j.tune.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints as bytes: what a trial's actor saves is what the driver writes. */
class CheckpointArchiveTest {
  @TempDir Path tmp;

  @Test
  void packThenUnpackGivesTheSameFilesAndRestorePath() throws IOException {
    Path actorSide = Files.createDirectories(tmp.resolve("actor"));
    Path ckpt = Files.createDirectories(actorSide.resolve("checkpoint_3"));
    Files.writeString(ckpt.resolve("checkpoint-3"), "weights");
    Files.writeString(ckpt.resolve("checkpoint-3.tune_metadata"), "{\"iteration\": 3}");
    Files.createDirectories(ckpt.resolve("sub"));
    Files.write(ckpt.resolve("sub/blob.bin"), new byte[] {0, 1, 2, (byte) 255});
    byte[] archive = CheckpointArchive.pack(actorSide, ckpt.resolve("checkpoint-3"));

    Path trialDir = Files.createDirectories(tmp.resolve("trial"));
    Path restore = CheckpointArchive.unpack(archive, trialDir);
    assertEquals(trialDir.resolve("checkpoint_3/checkpoint-3"), restore);
    assertEquals("weights", Files.readString(restore));
    assertEquals("{\"iteration\": 3}", Files.readString(trialDir.resolve("checkpoint_3/checkpoint-3.tune_metadata")));
    assertEquals(4, Files.readAllBytes(trialDir.resolve("checkpoint_3/sub/blob.bin")).length);
    try (var s = Files.list(trialDir)) {
      assertEquals(1, s.count(), "no staging directory is left behind");
    }

    // A path on the driver's disk packs the same way (restore from a checkpoint given by path).
    Path again = CheckpointArchive.unpack(CheckpointArchive.packPath(restore), Files.createDirectories(tmp.resolve("t2")));
    assertEquals("weights", Files.readString(again));
  }

  @Test
  void aNewerArchiveReplacesTheDirectory() throws IOException {
    Path a = Files.createDirectories(tmp.resolve("a/checkpoint_1"));
    Files.writeString(a.resolve("old-only"), "x");
    Files.writeString(a.resolve("c"), "1");
    Path trial = Files.createDirectories(tmp.resolve("trial"));
    CheckpointArchive.unpack(CheckpointArchive.pack(tmp.resolve("a"), a.resolve("c")), trial);
    Files.delete(a.resolve("old-only"));
    Files.writeString(a.resolve("c"), "2");
    Path r = CheckpointArchive.unpack(CheckpointArchive.pack(tmp.resolve("a"), a.resolve("c")), trial);
    assertEquals("2", Files.readString(r));
    assertFalse(Files.exists(trial.resolve("checkpoint_1/old-only")));
  }

  @Test
  void garbageIsRejectedWithAMessage() {
    IOException e = assertThrows(IOException.class, () -> CheckpointArchive.unpack(new byte[] {1, 2, 3}, tmp));
    assertTrue(e.getMessage().contains("not a Tune4j checkpoint archive"), e.getMessage());
    assertThrows(java.nio.file.NoSuchFileException.class, () -> CheckpointArchive.packPath(tmp.resolve("missing")));
  }
}
